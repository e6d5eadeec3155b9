"""An article's revisions over HTTP: the list, a diff between any two, restoring one."""

from __future__ import annotations

from typing import Any

import pytest

from khabar.articles import services
from khabar.articles.models import Article
from khabar.editions.models import Edition
from khabar.newsroom.tests.conftest import Signed, editor_url, write


@pytest.fixture
def edited(newsroom: Any, edition_ar: Edition) -> Article:
    """Three revisions: written by the reporter, then edited twice by the editor."""
    article = write(newsroom.reporter, edition_ar, headline="الأول", body="<p>فقرة أولى</p>")
    services.article_save(
        actor=newsroom.editor,
        article=article,
        base_revision=1,
        headline="الثاني",
        body='<p>فقرة أولى</p><p>&lt;script&gt;alert(1)&lt;/script&gt;<a href="/x">رابط</a></p>',
    )
    services.article_save(
        actor=newsroom.editor, article=article, base_revision=2, keywords=["سوريا"]
    )
    article.refresh_from_db()
    return article


def test_the_revisions_list_says_who_when_what_kind_and_which_fields(
    edited: Article, newsroom: Any, signed_in: Signed
) -> None:
    page = signed_in(newsroom.editor).get(f"{editor_url(edited)}revisions/")

    assert page.status_code == 200
    text = page.content.decode()
    assert text.count('<th scope="row">') == 3
    assert "reporter_ar" in text and "editor_ar" in text
    assert "headline، body" in text
    assert "keywords" in text


def test_a_diff_shows_markup_as_text_never_as_markup(
    edited: Article, newsroom: Any, signed_in: Signed
) -> None:
    page = signed_in(newsroom.editor).get(f"{editor_url(edited)}revisions/diff/?from=1&to=3")

    assert page.status_code == 200
    text = page.content.decode()
    assert '<del><span class="visually-hidden">Removed: </span>الأول</del>' in text
    assert '<ins><span class="visually-hidden">Added: </span>الثاني</ins>' in text
    assert "<script>alert(1)</script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;رابط" in text
    assert "سوريا" in text


@pytest.mark.parametrize(
    ("query", "status"), [("?from=1&to=9", 404), ("?from=x&to=2", 400), ("", 400)]
)
def test_a_diff_of_revisions_that_do_not_exist_says_so(
    edited: Article, newsroom: Any, signed_in: Signed, query: str, status: int
) -> None:
    page = signed_in(newsroom.editor).get(f"{editor_url(edited)}revisions/diff/{query}")

    assert page.status_code == status
    assert "Choose two revisions of this article to compare." in page.content.decode()


def test_restoring_a_revision_saves_it_again_as_the_newest(
    edited: Article, newsroom: Any, signed_in: Signed
) -> None:
    response = signed_in(newsroom.editor).post(
        f"{editor_url(edited)}revisions/restore/", {"number": 1, "base_revision": 3}
    )

    assert response.status_code == 302
    edited.refresh_from_db()
    assert (edited.headline, edited.revision_number) == ("الأول", 4)
    assert edited.revisions.get(number=4).restored_from == 1


def test_restoring_from_a_stale_page_is_refused_and_says_who_saved(
    edited: Article, newsroom: Any, signed_in: Signed
) -> None:
    response = signed_in(newsroom.editor).post(
        f"{editor_url(edited)}revisions/restore/", {"number": 1, "base_revision": 2}
    )

    assert response.status_code == 409
    assert "saved this article (revision 3) after you opened revision 2" in (
        response.content.decode()
    )
    edited.refresh_from_db()
    assert (edited.headline, edited.revision_number) == ("الثاني", 3)


def test_another_reporter_cannot_read_the_revisions(
    edited: Article, newsroom: Any, signed_in: Signed
) -> None:
    response = signed_in(newsroom.other_reporter).get(f"{editor_url(edited)}revisions/")

    assert response.status_code == 403
