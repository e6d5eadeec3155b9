"""The editor's keyword field and the suggestions beside it, without JavaScript."""

from __future__ import annotations

import re
from typing import Any

from khabar.articles import revisions
from khabar.articles.models import Article, Keyword
from khabar.editions.models import Edition
from khabar.newsroom.tests.conftest import Signed, at_status, editor_url, write
from khabar.newsroom.tests.test_article_pages import edit_form

LEAD = (
    "بحث علي شمخاني مع اللواء علي مملوك في دمشق الوضع في سوريا. وقال علي شمخاني إن "
    "تحرير حلب نصر لسوريا، فيما أكد اللواء علي مملوك أن دمشق لن تتراجع وتجهيزهم مستمر."
)


def test_the_editor_shows_suggestions_with_their_reasons(
    newsroom: Any, edition_ar: Edition, signed_in: Signed
) -> None:
    article = write(newsroom.reporter, edition_ar, headline="شمخاني في دمشق", lead=LEAD)
    page = signed_in(newsroom.reporter).get(editor_url(article)).content.decode()
    ticks = re.findall(r'name="keyword_add" value="([^"]+)"', page)
    assert {"علي شمخاني", "علي مملوك", "دمشق"} <= set(ticks)
    assert "تجهيزهم" not in ticks
    assert "a person&#x27;s name (after a title or a given name)" in page
    # The scripts come from the site itself, and nothing runs inline.
    scripts = re.findall(r"<script[^>]*>", page)
    assert '<script src="/static/newsroom/keywords.js" defer>' in scripts
    assert all(
        re.fullmatch(r'<script src="/static/newsroom/[a-z]+\.js" defer>', s) for s in scripts
    )


Status = Article.Status


def test_a_name_of_other_published_articles_is_suggested_as_recurring_in_the_archive(
    newsroom: Any,
    edition_ar: Edition,
    signed_in: Signed,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        at_status(write(newsroom.reporter, edition_ar, lead=LEAD), Status.PUBLISHED)
    article = write(newsroom.reporter, edition_ar, headline="شمخاني في دمشق", lead=LEAD)
    page = signed_in(newsroom.reporter).get(editor_url(article)).content.decode()
    assert "a name that recurs in the archive, in 1 other article" in page
    # The published article itself is no "other article".
    with django_capture_on_commit_callbacks(execute=True):
        published = at_status(article, Status.PUBLISHED)
    page = signed_in(newsroom.reporter).get(editor_url(published)).content.decode()
    assert "a name that recurs in the archive, in 1 other article" in page
    assert "in 2 other articles" not in page


def test_ticked_suggestions_and_typed_keywords_are_saved_together(
    newsroom: Any, edition_ar: Edition, signed_in: Signed
) -> None:
    article = write(newsroom.reporter, edition_ar, lead=LEAD)
    data = edit_form(article, keywords="سوریا\nحلب، السوریة")
    data["keyword_add"] = ["علي مملوك", "سوريا"]  # سوريا is typed too, with Persian yeh
    response = signed_in(newsroom.reporter).post(editor_url(article), data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert revisions.keyword_names(article) == ["سوریا", "حلب", "السوریة", "علي مملوك"]
    assert set(Keyword.objects.values_list("name", flat=True)) == {
        "سوریا",
        "حلب",
        "السوریة",
        "علي مملوك",
    }


def test_a_crafted_suggestion_is_refused_like_a_typed_keyword_and_the_text_kept(
    newsroom: Any, edition_ar: Edition, signed_in: Signed
) -> None:
    article = write(newsroom.reporter, edition_ar)
    data = edit_form(article, lead="مقدمة جديدة", keywords="دمشق")
    data["keyword_add"] = ["ك" * 500]
    response = signed_in(newsroom.reporter).post(editor_url(article), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "A keyword is at most 100 characters long." in page
    assert "مقدمة جديدة" in page and 'value="دمشق"' in page
    assert not Keyword.objects.exists()
