"""The article list, a new article and the editor: what each role sees, and saving."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import resolve

from khabar.articles import limits, services
from khabar.articles.locks import article_lock
from khabar.articles.models import Article
from khabar.articles.newsroom_selectors import newsroom_articles
from khabar.core.actors import IMPORTER
from khabar.core.templatetags.khabar import edition_datetime, edition_digits
from khabar.editions.models import Edition
from khabar.newsroom.tests.conftest import Signed, at_status, editor_url, write
from khabar.staff import permissions

Status = Article.Status
SCRIPT = '<script>alert("x")</script>'


def edit_form(article: Article, **changes: Any) -> dict[str, Any]:
    """The editor's form as the browser posts it, with the article's text and `changes`."""
    data = {
        "section": article.section_id or "",
        "content_type": article.content_type,
        "overline": article.overline,
        "headline": article.headline,
        "lead": article.lead,
        "body": article.body,
        "byline": article.byline,
        "source": article.source,
        "keywords": "",
        "comments_open": "on",
        "base_revision": article.revision_number,
    }
    data.update(changes)
    return data


# --- The list -------------------------------------------------------------------------------


def _headlines(page: str, articles: list[Article]) -> set[str]:
    return {article.headline for article in articles if article.headline in page}


def test_each_role_lists_the_articles_it_works_on(
    newsroom: Any, edition_ar: Edition, edition_fa: Edition, signed_in: Signed
) -> None:
    mine = write(newsroom.reporter, edition_ar, headline="خبر المراسل")
    colleague = write(newsroom.other_reporter, edition_ar, headline="خبر الزميل")
    politics = write(newsroom.admin, edition_fa, "خبر سیاسی", section=newsroom.fa_politics)
    economy = write(newsroom.admin, edition_fa, "خبر اقتصادی", section=newsroom.fa_economy)
    every = [mine, colleague, politics, economy]

    def listed(user: Any) -> set[str]:
        page = signed_in(user).get("/newsroom/articles/")
        assert page.status_code == 200
        return _headlines(page.content.decode(), every)

    assert listed(newsroom.admin) == {a.headline for a in every}
    assert listed(newsroom.editor) == {mine.headline, colleague.headline}
    assert listed(newsroom.section_editor) == {politics.headline}
    assert listed(newsroom.reporter) == {mine.headline}


def test_the_list_filters_by_edition_and_status_newest_first(
    newsroom: Any, edition_ar: Edition, edition_fa: Edition, signed_in: Signed
) -> None:
    older = at_status(write(newsroom.admin, edition_ar, headline="قديم"), Status.IN_REVIEW)
    newer = at_status(write(newsroom.admin, edition_ar, headline="جديد"), Status.IN_REVIEW)
    write(newsroom.admin, edition_ar, headline="مسودة")
    write(newsroom.admin, edition_fa, headline="پیش‌نویس")
    client = signed_in(newsroom.admin)

    page = client.get(f"/newsroom/articles/?edition={edition_ar.pk}&status=in_review")

    text = page.content.decode()
    assert "مسودة" not in text and "پیش‌نویس" not in text
    assert text.index(newer.headline) < text.index(older.headline)


def test_the_list_pages_through_many_articles_in_a_fixed_number_of_queries(
    newsroom: Any, edition_ar: Edition, signed_in: Signed
) -> None:
    client = signed_in(newsroom.editor)
    client.get("/newsroom/articles/")  # the session's first read is not the page's

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/newsroom/articles/?status=draft").status_code == 200
        return len(captured)

    write(newsroom.reporter, edition_ar)
    few = queries()
    for number in range(30):
        write(newsroom.reporter, edition_ar, headline=f"خبر {number}")
    assert queries() == few
    # Session and user, the role with its editions' and sections' ids (one query), the
    # language preference; the editions, sections and authors to filter by; the capped
    # count and the page; the navigation's counts of comments to moderate and of new
    # submissions.
    assert few == 11
    second = client.get("/newsroom/articles/?status=draft&page=2").content.decode()
    assert "خبر 0" in second and "خبر 29" not in second


def test_an_edition_or_section_asked_for_never_reaches_past_the_role(
    newsroom: Any, edition_ar: Edition, edition_fa: Edition
) -> None:
    arabic = write(newsroom.reporter, edition_ar, headline="خبر عربي")
    politics = write(newsroom.admin, edition_fa, "خبر سیاسی", section=newsroom.fa_politics)
    write(newsroom.admin, edition_fa, "خبر اقتصادی", section=newsroom.fa_economy)

    def listed(user: Any, **filters: Any) -> list[Article]:
        scope = permissions.scope_of(user)
        assert scope is not None
        return list(newsroom_articles(scope=scope, user_id=user.pk, **filters))

    assert listed(newsroom.editor, edition_id=edition_ar.pk) == [arabic]
    assert listed(newsroom.editor, edition_id=edition_fa.pk) == []
    assert listed(newsroom.editor, section_id=newsroom.fa_politics.pk) == []
    assert listed(newsroom.section_editor, edition_id=edition_fa.pk) == [politics]
    assert listed(newsroom.section_editor, section_id=newsroom.fa_politics.pk) == [politics]
    assert listed(newsroom.section_editor, section_id=newsroom.fa_economy.pk) == []


def test_each_list_row_links_to_its_editor(
    newsroom: Any, edition_ar: Edition, signed_in: Signed
) -> None:
    articles = [write(newsroom.admin, edition_ar, headline=f"خبر {n}") for n in range(3)]
    html = signed_in(newsroom.admin).get("/newsroom/articles/").content.decode()

    hrefs = re.findall(r'<td><a href="([^"]+)"', html)

    # The template writes the links without reversing each (see list.html): the router says
    # where they lead.
    targets = {(match.url_name, match.kwargs["pk"]) for match in map(resolve, hrefs)}
    assert targets == {("article_editor", article.pk) for article in articles}


def test_each_row_shows_code_section_status_author_and_times_in_the_editions_writing(
    newsroom: Any, edition_fa: Edition, signed_in: Signed
) -> None:
    scheduled = at_status(
        write(newsroom.admin, edition_fa, "زمان‌بندی", section=newsroom.fa_politics),
        Status.SCHEDULED,
    )
    updated = at_status(write(newsroom.admin, edition_fa, "اصل"), Status.PUBLISHED)
    services.article_save(
        actor=newsroom.admin,
        article=updated,
        base_revision=updated.revision_number,
        headline="به‌روز",
    )
    imported = services.article_create(actor=IMPORTER, edition=edition_fa, headline="واردشده")
    html = signed_in(newsroom.admin).get("/newsroom/articles/").content.decode()
    rows = {row.split("</a>")[0].rsplit(">", 1)[-1]: row for row in html.split("<tr>")[2:]}

    def cells(article: Article) -> list[str]:
        return re.findall(r"<td>(.*?)</td>", rows[article.headline], re.DOTALL)

    code, _, section, status, author, published, changed = cells(scheduled)
    assert code == f"fa/{edition_digits(scheduled.code, edition_fa)}"
    assert f'dir="rtl">{newsroom.fa_politics.name}</span>' in section
    when = edition_datetime(scheduled.published_at, edition_fa)
    assert "status-scheduled" in status and f"<small>{when}</small>" in status
    assert published == "" and author == newsroom.admin.username
    assert changed == edition_datetime(scheduled.updated_at, edition_fa)
    assert "pending update" in cells(updated)[3]
    assert cells(updated)[5] == edition_datetime(updated.published_at, edition_fa)
    assert cells(imported)[2] == "" and cells(imported)[4] == "—"


def _listed(client: Client, query: str) -> list[str]:
    """The headlines the list shows for `query`, in order."""
    page = client.get(f"/newsroom/articles/?{query}")
    assert page.status_code == 200
    html = page.content.decode()
    return re.findall(r'/newsroom/articles/\d+/" lang="[a-z]+" dir="[a-z]+">([^<]+)</a>', html)


def test_the_list_filters_by_section_author_status_and_publication_days(
    newsroom: Any, edition_fa: Edition, signed_in: Signed
) -> None:
    # 20:00 UTC on 8 January 2017 is 19 Dey 1395 in Tehran; 21:00 UTC is the 20th there.
    days = {
        "نوزدهم": datetime.datetime(2017, 1, 8, 20, 0, tzinfo=datetime.UTC),
        "بیستم": datetime.datetime(2017, 1, 8, 21, 0, tzinfo=datetime.UTC),
    }
    for headline, at in days.items():
        services.article_create(
            actor=IMPORTER,
            edition=edition_fa,
            headline=headline,
            section=newsroom.fa_politics,
            published_at=at,
        )
    write(newsroom.admin, edition_fa, "اقتصادی", section=newsroom.fa_economy)
    client = signed_in(newsroom.admin)
    fa, politics = edition_fa.pk, newsroom.fa_politics.pk
    assert _listed(client, f"edition={fa}&date_from=۱۳۹۵/۱۰/۱۹&date_to=1395/10/19") == ["نوزدهم"]
    assert _listed(client, f"edition={fa}&date_from=1395/10/20") == ["بیستم"]
    assert _listed(client, f"section={politics}&sort=published") == ["نوزدهم", "بیستم"]
    assert _listed(client, "status=draft") == ["اقتصادی"]
    assert _listed(client, f"author={newsroom.editor.pk}") == []
    assert _listed(client, f"author={newsroom.admin.pk}") == ["اقتصادی"]


def test_the_list_sorts_by_each_column_both_ways(
    newsroom: Any, edition_ar: Edition, signed_in: Signed
) -> None:
    made = [write(newsroom.admin, edition_ar, headline=name) for name in ("ب", "ج", "أ")]
    client = signed_in(newsroom.admin)
    by_code = [article.headline for article in made]
    assert _listed(client, "sort=code") == by_code
    assert _listed(client, "sort=-code") == by_code[::-1]
    assert _listed(client, "sort=headline") == sorted(by_code)
    assert _listed(client, "sort=-headline") == sorted(by_code, reverse=True)
    assert _listed(client, "sort=updated") == by_code
    assert _listed(client, "") == by_code[::-1]  # the last changed first


@pytest.mark.parametrize("order", ["updated_at", "headline", "code"])
def test_a_column_without_nulls_is_sorted_as_its_index_reads(newsroom: Any, order: str) -> None:
    """`DESC NULLS LAST` on a column that has no nulls made PostgreSQL sort every article
    for each page instead of reading its index backwards; only the publication time asks
    for it (drafts have none, and are listed last either way)."""
    scope = permissions.scope_of(newsroom.admin)
    assert scope is not None

    def sql(field: str) -> str:
        query = newsroom_articles(
            scope=scope, user_id=newsroom.admin.pk, order=field, descending=True
        ).query
        return str(query).upper()

    assert "NULLS LAST" not in sql(order)
    assert "NULLS LAST" in sql("published_at")


def test_a_day_the_calendar_lacks_is_said_beside_its_field_and_the_rest_still_filters(
    newsroom: Any, edition_fa: Edition, signed_in: Signed
) -> None:
    write(newsroom.admin, edition_fa, "پیش‌نویس")
    at_status(write(newsroom.admin, edition_fa, "منتشرشده"), Status.PUBLISHED)
    client = signed_in(newsroom.admin)
    # 1396 is not a leap year: Esfand has 29 days.
    query = f"edition={edition_fa.pk}&status=draft&date_from=1396/12/30&sort=headline"
    response = client.get(f"/newsroom/articles/?{query}")
    html = response.content.decode()
    assert response.status_code == 200
    field = html.split('id="id_date_from"')[1].split("</div>")[0]
    assert "“1396/12/30” is not a date of the calendar." in field
    assert 'value="1396/12/30"' in html.split('id="id_date_from"')[0][-200:] + field
    assert _listed(client, query) == ["پیش‌نویس"]
    assert '<option value="draft" selected>' in html


# --- A new article --------------------------------------------------------------------------


def test_a_reporter_creates_a_draft_with_its_news_code_and_keywords(
    newsroom: Any, edition_ar: Edition, signed_in: Signed
) -> None:
    client = signed_in(newsroom.reporter)
    form = client.get("/newsroom/articles/new/").content.decode()
    assert edition_ar.name in form
    editions = form.split('name="edition"')[1].split("</select>")[0]
    assert "Persian" not in editions and "فارسی" not in editions  # not one they write in

    response = client.post(
        "/newsroom/articles/new/",
        {
            "edition": edition_ar.pk,
            "content_type": "news",
            "headline": "خبر جديد",
            "body": "<p>نص</p>",
            "keywords": "سوريا، إيران, العراق",
            "comments_open": "on",
        },
    )

    article = Article.objects.get(headline="خبر جديد")
    assert response.status_code == 302
    assert response["Location"] == editor_url(article)
    assert (article.status, article.author) == (Status.DRAFT, newsroom.reporter)
    assert [k.name for k in article.keywords.order_by("articlekeyword__position")] == [
        "سوريا",
        "إيران",
        "العراق",
    ]
    editor = client.get(response["Location"]).content.decode()
    assert f"Article created with news code {article.code}." in editor
    assert f"/ar/{article.code}" in editor  # the short link


def test_a_section_editor_who_picks_no_section_keeps_what_they_typed(
    newsroom: Any, edition_fa: Edition, signed_in: Signed
) -> None:
    response = signed_in(newsroom.section_editor).post(
        "/newsroom/articles/new/",
        {"edition": edition_fa.pk, "content_type": "news", "headline": "تیتر من"},
    )

    assert response.status_code == 403
    page = response.content.decode()
    assert "You may write only in your own sections" in page
    assert "تیتر من" in page
    assert not Article.objects.exists()


def test_a_body_over_the_limit_is_refused_naming_the_limit(
    newsroom: Any, edition_ar: Edition, signed_in: Signed
) -> None:
    response = signed_in(newsroom.editor).post(
        "/newsroom/articles/new/",
        {
            "edition": edition_ar.pk,
            "content_type": "news",
            "headline": "طويل",
            "body": "<p>" + "ا" * limits.BODY_MAX + "</p>",
        },
    )

    assert response.status_code == 400
    assert "The body is at most 100,000 characters long" in response.content.decode()
    assert not Article.objects.exists()


def test_a_keyword_of_500_characters_is_refused_naming_the_limit(
    newsroom: Any, edition_ar: Edition, signed_in: Signed
) -> None:
    article = write(newsroom.reporter, edition_ar)

    response = signed_in(newsroom.reporter).post(
        editor_url(article), edit_form(article, keywords="ك" * 500, lead="مقدمة")
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert f"A keyword is at most {limits.KEYWORD_NAME_MAX} characters long." in page
    assert "مقدمة" in page  # the rest of the text is kept
    article.refresh_from_db()
    assert (article.lead, article.revision_number) == ("", 1)


# --- Markup in every field ------------------------------------------------------------------

TEXT_FIELDS = ("overline", "headline", "lead", "byline", "source")


def test_markup_in_every_field_is_stored_sanitised_and_shown_escaped(
    newsroom: Any, edition_ar: Edition, signed_in: Signed
) -> None:
    client = signed_in(newsroom.editor)
    client.post(
        "/newsroom/articles/new/",
        {
            "edition": edition_ar.pk,
            "content_type": "news",
            **{name: f"{name} {SCRIPT}" for name in TEXT_FIELDS},
            "body": f"<p>نص</p>{SCRIPT}<img src=/media/x.jpg onerror=alert(1)>",
            "keywords": f"<b>وسم</b>, {SCRIPT}",
        },
    )
    article = Article.objects.get()

    assert "<script" not in article.body and "onerror" not in article.body
    for page in (
        client.get("/newsroom/articles/"),
        client.get(editor_url(article)),
        client.get("/newsroom/"),
    ):
        text = page.content.decode()
        assert SCRIPT not in text
        assert "<b>وسم</b>" not in text
    editor = client.get(editor_url(article)).content.decode()
    assert "headline &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in editor


# --- The editor -----------------------------------------------------------------------------


def test_the_editor_shows_the_pending_update_and_says_readers_see_the_published_text(
    newsroom: Any, edition_ar: Edition, signed_in: Signed
) -> None:
    article = at_status(write(newsroom.reporter, edition_ar, headline="الأصل"), Status.PUBLISHED)
    client = signed_in(newsroom.editor)

    saved = client.post(editor_url(article), edit_form(article, headline="التحديث"))

    assert saved.status_code == 302
    article.refresh_from_db()
    assert article.headline == "الأصل" and article.pending_revision_id is not None
    page = client.get(editor_url(article)).content.decode()
    assert 'value="التحديث"' in page
    assert "Readers still see the published text" in page
    assert "Publish the update now" in page


def test_a_save_from_a_stale_revision_keeps_the_editors_text_and_says_who_saved(
    newsroom: Any, edition_ar: Edition, signed_in: Signed
) -> None:
    article = write(newsroom.reporter, edition_ar, headline="الأصل")
    opened = edit_form(article)
    services.article_save(
        actor=newsroom.editor, article=article, base_revision=1, headline="نسخة المحرر"
    )

    response = signed_in(newsroom.reporter).post(
        editor_url(article), {**opened, "headline": "نسخة المراسل", "lead": "مقدمتي"}
    )

    assert response.status_code == 409
    page = response.content.decode()
    assert "editor_ar saved this article (revision 2) after you opened revision 1" in page
    assert 'value="نسخة المراسل"' in page and "مقدمتي" in page
    assert f"/newsroom/articles/{article.pk}/revisions/diff/?from=1&amp;to=2" in page
    article.refresh_from_db()
    assert (article.headline, article.revision_number) == ("نسخة المحرر", 2)
    # Told and shown the difference, the reporter saves again, over the latest revision.
    assert 'name="base_revision" value="2"' in page


def test_opening_the_editor_takes_the_lock_and_shows_another_holder_with_a_take_over(
    newsroom: Any, edition_ar: Edition, signed_in: Signed
) -> None:
    article = write(newsroom.reporter, edition_ar)
    lock = article_lock(actor=newsroom.reporter, article=article)
    client = signed_in(newsroom.editor)

    page = client.get(editor_url(article)).content.decode()

    # In the edition's calendar, digits and time zone.
    since = edition_datetime(lock.since, edition_ar)
    assert f"reporter_ar has been editing this article since {since}" in page
    assert "Take over editing" in page
    taken = client.post(f"{editor_url(article)}lock/")
    assert taken.status_code == 302
    article.refresh_from_db()
    assert article.locked_by == newsroom.editor
    told = signed_in(newsroom.reporter).get(editor_url(article)).content.decode()
    assert "editor_ar has been editing this article since" in told


def test_leaving_the_editor_releases_the_lock(
    newsroom: Any, edition_ar: Edition, signed_in: Signed
) -> None:
    article = write(newsroom.reporter, edition_ar)
    client = signed_in(newsroom.reporter)
    client.get(editor_url(article))

    response = client.post(f"{editor_url(article)}unlock/")

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.locked_by is None


@pytest.mark.parametrize(
    ("account", "status", "shown", "hidden"),
    [
        (
            "reporter",
            Status.DRAFT,
            ["Send for review", "Delete the draft", "Save"],
            ["Publish now"],
        ),
        ("reporter", Status.IN_REVIEW, ["Back to draft"], ["Publish now", "Send for review"]),
        ("editor", Status.IN_REVIEW, ["Publish now", "Schedule", "Back to draft"], ["Unpublish"]),
        (
            "editor",
            Status.PUBLISHED,
            ["Unpublish", "Take down", "Mark as breaking", "Add a correction"],
            ["Publish now", "Delete the draft"],
        ),
    ],
)
def test_the_editor_offers_only_what_the_role_may_do(
    newsroom: Any,
    edition_ar: Edition,
    signed_in: Signed,
    account: str,
    status: str,
    shown: list[str],
    hidden: list[str],
) -> None:
    article = at_status(write(newsroom.reporter, edition_ar), status)

    page = signed_in(getattr(newsroom, account)).get(editor_url(article)).content.decode()

    for label in shown:
        assert f">{label}<" in page
    for label in hidden:
        assert f">{label}<" not in page


def test_a_reporter_follows_their_submitted_article_without_changing_it(
    newsroom: Any, edition_ar: Edition, signed_in: Signed
) -> None:
    article = at_status(write(newsroom.reporter, edition_ar), Status.IN_REVIEW)
    client = signed_in(newsroom.reporter)

    page = client.get(editor_url(article))
    saved = client.post(editor_url(article), edit_form(article, headline="تغيير"))

    assert page.status_code == 200
    assert "You cannot change this article now." in page.content.decode()
    assert saved.status_code == 403
    assert "only an editor can change it now" in saved.content.decode()


def test_an_unknown_article_is_404(newsroom: Any, signed_in: Signed) -> None:
    assert signed_in(newsroom.admin).get("/newsroom/articles/999/").status_code == 404


@pytest.mark.parametrize(
    ("language", "words"),
    [("fa", ["فرستادن برای بازبینی", "کد خبر"]), ("ar", ["أرسل للمراجعة", "رمز الخبر"])],
)
def test_the_editor_speaks_persian_and_arabic(
    newsroom: Any, edition_ar: Edition, language: str, words: list[str]
) -> None:
    article = write(newsroom.reporter, edition_ar)
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(newsroom.reporter)

    page = client.get(editor_url(article)).content.decode()

    for word in words:
        assert word in page


def test_the_editor_page_runs_the_same_queries_however_much_the_article_holds(
    newsroom: Any, edition_ar: Edition, signed_in: Signed
) -> None:
    article = at_status(write(newsroom.reporter, edition_ar, headline="الأصل"), Status.PUBLISHED)
    client = signed_in(newsroom.editor)
    client.get(editor_url(article))  # the session's first read, and the lock, are not the page's

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(editor_url(article)).status_code == 200
        return len(captured)

    def add(number: int) -> None:
        """A pending update with two keywords, a correction and a preview link."""
        services.article_save(
            actor=newsroom.editor,
            article=article,
            base_revision=article.revision_number,
            headline=f"تحديث {number}",
            keywords=[f"كلمة {number}", f"وسم {number}"],
        )
        article.refresh_from_db()
        client.post(f"{editor_url(article)}corrections/", {"kind": "correction", "text": "تصحيح"})
        client.post(f"{editor_url(article)}previews/", {"hours": "24"})

    add(0)
    few = queries()
    for number in range(1, 4):
        add(number)
    assert queries() == few
    # Session and user, the role with its editions' and sections' ids (one query), the
    # language preference; the article, then again
    # locked with the lock holder, and the lock's update; the pending revision, its keywords,
    # the author, preview links, corrections; the navigation's two counts; the sections; the
    # edition's keywords the suggestions find in the text, and the names of other published
    # articles among its phrases.
    assert few == 20
