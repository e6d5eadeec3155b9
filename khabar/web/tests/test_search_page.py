"""`/{ed}/search`: results as readers see them, and a normal page whatever they type."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from khabar.articles import services
from khabar.articles.models import Article
from khabar.core.actors import IMPORTER
from khabar.editions.models import Edition, Section
from khabar.search.backends import base
from khabar.web import urls_for

pytestmark = pytest.mark.django_db

MakeArticle = Callable[..., Article]


@pytest.fixture
def make_article(django_capture_on_commit_callbacks: Any) -> MakeArticle:
    """A published article, indexed: its events run as after a commit."""
    counter = iter(range(1, 100_000))

    def make(edition: Edition, headline: str, **fields: Any) -> Article:
        fields.setdefault(
            "published_at", timezone.now() - datetime.timedelta(days=10, minutes=next(counter))
        )
        with django_capture_on_commit_callbacks(execute=True):
            return services.article_create(
                actor=IMPORTER, edition=edition, headline=headline, **fields
            )

    return make


def test_results_mark_the_words_in_the_spelling_the_editor_typed(
    client: Client, edition_ar: Edition, make_article: MakeArticle
) -> None:
    make_article(edition_ar, "قررت الحكومَة <b>العراقية</b>", lead="رسالة للحكومة اليوم")
    response = client.get("/ar/search", {"q": "حكومه"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "<mark>الحكومَة</mark>" in page
    assert "&lt;b&gt;العراقية&lt;/b&gt;" in page
    assert "<mark>للحكومة</mark>" in page


def test_page_numbers_are_in_the_editions_digits(
    client: Client, edition_fa: Edition, make_article: MakeArticle
) -> None:
    for number in range(21):
        make_article(edition_fa, f"خبر ایران {number}")
    page = client.get("/fa/search", {"q": "ایران"}).content.decode()
    assert "۲۱ خبر پیدا شد." in page
    assert "page=2" in page
    assert ">۲</a>" in page
    second = client.get("/fa/search", {"q": "ایران", "page": "2"})
    assert second.status_code == 200
    assert client.get("/fa/search", {"q": "ایران", "page": "3"}).status_code == 404


@pytest.mark.parametrize("typed", ["14027", "۱۴۰۲۷", "١٤٠٢٧", " 14027 "])
def test_a_news_code_typed_alone_goes_to_its_article(
    client: Client, edition_ar: Edition, make_article: MakeArticle, typed: str
) -> None:
    article = make_article(edition_ar, "خبر الرمز", code=14027)
    response = client.get("/ar/search", {"q": typed})
    assert response.status_code == 302
    assert response["Location"] == urls_for.article_url(article)


def test_an_unknown_news_code_is_searched_as_a_number(
    client: Client, edition_ar: Edition, make_article: MakeArticle
) -> None:
    make_article(edition_ar, "عدد 99999 من القتلى")
    response = client.get("/ar/search", {"q": "٩٩٩٩٩"})
    assert response.status_code == 200
    assert "<mark>99999</mark>" in response.content.decode()


def test_a_date_range_is_typed_in_the_editions_calendar_and_digits(
    client: Client, edition_ar: Edition, make_article: MakeArticle
) -> None:
    # The Arabic edition shows Solar Hijri: 19 Dey 1395 is 8 January 2017.
    make_article(
        edition_ar,
        "سوريا الأمس",
        published_at=datetime.datetime(2017, 1, 7, 12, tzinfo=datetime.UTC),
    )
    make_article(
        edition_ar,
        "سوريا اليوم",
        published_at=datetime.datetime(2017, 1, 8, 12, tzinfo=datetime.UTC),
    )
    page = client.get(
        "/ar/search", {"q": "سوريا", "from": "۱۳۹۵/۱۰/۱۹", "to": "۱۳۹۵/۱۰/۱۹"}
    ).content.decode()
    assert "اليوم" in page
    assert "الأمس" not in page


@pytest.mark.parametrize("date", ["۱۳۹۵/۱۳/۱۹", "1395/12/31", "yesterday", "۱۳۹۵/۱۰/۱۹" * 20])
def test_a_date_that_does_not_exist_is_said_on_the_page(
    client: Client, edition_ar: Edition, make_article: MakeArticle, date: str
) -> None:
    make_article(edition_ar, "سوريا")
    response = client.get("/ar/search", {"q": "سوريا", "from": date})
    assert response.status_code == 200
    assert 'class="search-errors"' in response.content.decode()


def test_section_and_keyword_filters_come_from_the_url(
    client: Client, edition_ar: Edition, make_article: MakeArticle
) -> None:
    politics = Section.objects.create(edition=edition_ar, slug="politics", name="سياسة")
    make_article(edition_ar, "سوريا سياسة", section=politics)
    make_article(edition_ar, "سوريا هدنة", keywords=["الهدنة السورية"])
    in_section = client.get("/ar/search", {"q": "سوريا", "section": "politics"}).content.decode()
    assert "سياسة</a>" in in_section and "هدنة</a>" not in in_section
    tagged = client.get("/ar/search", {"q": "سوريا", "keyword": "الهدنة-السوریة"}).content.decode()
    assert "هدنة</a>" in tagged and "<mark>سوريا</mark> سياسة" not in tagged
    unknown = client.get("/ar/search", {"q": "سوريا", "section": "nope", "keyword": "لا"})
    assert unknown.status_code == 200
    assert (
        unknown.content.decode().count("<li>There is no such")
        + unknown.content.decode().count("<li>" + "لا يوجد")
        >= 0
    )


def test_date_order_lists_the_newest_first(
    client: Client, edition_ar: Edition, make_article: MakeArticle
) -> None:
    now = timezone.now()
    make_article(
        edition_ar, "سوريا سوريا سوريا قديم", published_at=now - datetime.timedelta(days=90)
    )
    make_article(edition_ar, "جديد", lead="عن سوريا", published_at=now - datetime.timedelta(days=1))
    page = client.get("/ar/search", {"q": "سوريا", "sort": "date"}).content.decode()
    assert page.index("جديد") < page.index("قديم")


def test_no_results_suggest_a_spelling_from_the_vocabulary(
    client: Client, edition_ar: Edition, make_article: MakeArticle
) -> None:
    make_article(edition_ar, "الهدنة في سوريا")
    page = client.get("/ar/search", {"q": "صوريا"}).content.decode()
    assert 'class="search-empty"' in page
    assert 'class="search-suggestion"' in page
    assert "?q=%D8%B3%D9%88%D8%B1%D9%8A%D8%A7" in page  # سوريا, as the editor typed it


def test_no_suggestion_is_made_from_a_withdrawn_articles_words(
    client: Client,
    edition_ar: Edition,
    make_article: MakeArticle,
    newsroom: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    from khabar.articles import workflow

    article = make_article(edition_ar, "الهدنة في سوريا")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.article_take_down(actor=newsroom.editor, article=article, reason="قانوني")
    page = client.get("/ar/search", {"q": "صوريا"}).content.decode()
    assert 'class="search-suggestion"' not in page


HOSTILE = [
    '"',
    '"سوريا',
    "سوريا -",
    "-",
    "*",
    "سوريا*",
    "OR",
    "سوريا OR",
    "AND NOT",
    "NEAR(",
    "NEAR(سوريا سوريا, 2)",
    "{head}:سوريا",
    "head:سوريا",
    "^سوريا",
    "'; DROP TABLE search_fts; --",
    "' OR 1=1 --",
    "سوريا' & !'x",
    "سوريا:*",
    "سوريا <-> x",
    "a" * 10_000,
    "سوريا " * 2_000,
    "؟!،.؛«»()[]{}",
    "\x00",
    "سوريا\x00سوريا",
    "\u202eسوريا\u202c",
    "\u2066\u2067\u2068\u2069",
    "\u200c\u200c\u200c",
    "ـــــ",
    "َُِ",
    "😀 سوريا",
    "%00",
    "<script>alert(1)</script>",
    "9" * 40,
    "۱" * 19,
]


@pytest.mark.parametrize("typed", HOSTILE)
def test_whatever_a_reader_types_is_a_normal_page(
    client: Client, edition_ar: Edition, make_article: MakeArticle, typed: str
) -> None:
    make_article(edition_ar, "الهدنة في سوريا")
    response = client.get("/ar/search", {"q": typed})
    assert response.status_code == 200
    assert "<script>alert" not in response.content.decode()


@pytest.mark.parametrize("raw", ["%ED%A0%BD%ED%B8%80", "%FF%FE%FD", "%C0%80", "%"])
def test_bytes_that_are_no_utf8_are_a_normal_page(
    client: Client, edition_ar: Edition, raw: str
) -> None:
    assert client.get(f"/ar/search?q={raw}").status_code == 200


def test_the_page_makes_a_bounded_number_of_queries(
    client: Client,
    edition_ar: Edition,
    make_article: MakeArticle,
    django_assert_max_num_queries: Any,
) -> None:
    for number in range(25):
        make_article(edition_ar, f"سوريا {number}", keywords=[f"كلمة {number}"])
    # On PostgreSQL, one more for each search transaction (its SET LOCAL, postgresql.py says
    # why) and up to three counts of the newest windows' matches before the search; one for
    # the editions' generation (the process's copy of editions and sections).
    with django_assert_max_num_queries(12):
        assert client.get("/ar/search", {"q": "سوريا", "keyword": "كلمة 3"}).status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get("/ar/search", {"q": "صوريا"}).status_code == 200


def test_search_pages_are_cached_and_a_publication_renews_them(
    client: Client, edition_ar: Edition, make_article: MakeArticle, settings: Any
) -> None:
    settings.PAGECACHE_ENABLED = True
    make_article(edition_ar, "سوريا الأولى")
    first = client.get("/ar/search", {"q": "سوريا"})
    assert first["X-Cache"] == "MISS"
    assert client.get("/ar/search", {"q": "سوريا"})["X-Cache"] == "HIT"
    make_article(edition_ar, "سوريا الثانية")
    again = client.get("/ar/search", {"q": "سوريا"})
    assert again["X-Cache"] == "MISS"
    assert "الثانية" in again.content.decode()


def test_the_header_of_every_page_has_a_search_field(client: Client, edition_fa: Edition) -> None:
    page = client.get("/fa/").content.decode()
    assert 'action="/fa/search"' in page


@pytest.mark.parametrize(
    ("edition", "said"),
    [("fa", "خبری با این واژه‌ها پیدا نشد."), ("ar", "لا يوجد خبر يطابق هذه الكلمات.")],
)
def test_the_page_speaks_the_editions_language(
    client: Client, edition_fa: Edition, edition: str, said: str
) -> None:
    assert said in client.get(f"/{edition}/search", {"q": "zzzz"}).content.decode()


def test_the_count_of_results_is_in_the_editions_words_and_digits(
    client: Client, edition_fa: Edition, make_article: MakeArticle
) -> None:
    for number in range(3):
        make_article(edition_fa, f"خبر تهران {number}")
    assert "۳ خبر پیدا شد." in client.get("/fa/search", {"q": "تهران"}).content.decode()


def test_past_the_ranked_matches_the_count_says_more(
    client: Client, edition_fa: Edition, make_article: MakeArticle, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(base, "CANDIDATES", 2)
    for number in range(3):
        make_article(edition_fa, f"خبر تهران {number}")
    assert "بیش از ۲ خبر پیدا شد." in client.get("/fa/search", {"q": "تهران"}).content.decode()
