"""Previews: staff and secret links see an article before readers do; search engines, the
page cache and the public article page never do."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from khabar.articles import services, workflow
from khabar.articles.models import Article
from khabar.articles.previews import preview_link_create, preview_link_revoke
from khabar.core.actors import IMPORTER
from khabar.editions.models import Edition


def staff(user: Any) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def assert_private(response: Any) -> None:
    assert response["X-Robots-Tag"] == "noindex"
    assert response["Referrer-Policy"] == "no-referrer"
    assert "no-store" in response["Cache-Control"]
    assert "Surrogate-Key" not in response


@pytest.fixture
def draft(newsroom: Any, edition_ar: Edition) -> Article:
    return services.article_create(
        actor=newsroom.reporter,
        edition=edition_ar,
        headline="مسودة لم تنشر",
        body="<p>نص المسودة</p>",
        keywords=["سوريا"],
    )


@pytest.fixture
def live_with_update(newsroom: Any, edition_ar: Edition) -> Article:
    article = services.article_create(actor=newsroom.reporter, edition=edition_ar, headline="الأصل")
    workflow.article_publish(actor=IMPORTER, article=article)
    services.article_save(
        actor=newsroom.editor,
        article=article,
        base_revision=1,
        headline="العنوان المحدث",
        keywords=["وسم جديد"],
    )
    article.refresh_from_db()
    return article


# --- Staff preview ----------------------------------------------------------------------------


def test_staff_preview_a_draft_with_the_public_template_marked_noindex(
    draft: Article, newsroom: Any
) -> None:
    response = staff(newsroom.reporter).get(f"/ar/news/{draft.code}/preview")

    assert response.status_code == 200
    page = response.content.decode()
    assert "مسودة لم تنشر" in page and "<p>نص المسودة</p>" in page
    assert '<html lang="ar" dir="rtl">' in page
    assert '<meta name="robots" content="noindex">' in page
    assert "معاينة: لا يرى القراء هذه النسخة بعد." in page  # in the edition's language
    assert_private(response)


def test_staff_preview_shows_the_pending_update_readers_do_not_see_yet(
    live_with_update: Article, newsroom: Any
) -> None:
    preview = staff(newsroom.editor).get(f"/ar/news/{live_with_update.code}/preview")
    public = Client().get(f"/ar/news/{live_with_update.code}", follow=True)

    assert "العنوان المحدث" in preview.content.decode()
    assert "وسم جديد" in preview.content.decode()
    assert "العنوان المحدث" not in public.content.decode()
    assert "الأصل" in public.content.decode()


def test_staff_preview_is_refused_to_whoever_may_not_edit_or_publish_it(
    draft: Article, newsroom: Any
) -> None:
    response = staff(newsroom.other_reporter).get(f"/ar/news/{draft.code}/preview")

    assert response.status_code == 403
    assert "نص المسودة" not in response.content.decode()
    assert_private(response)


def test_a_signed_out_visitor_is_sent_to_sign_in_from_a_staff_preview(draft: Article) -> None:
    response = Client().get(f"/ar/news/{draft.code}/preview")

    assert response.status_code == 302
    assert response["Location"].startswith("/newsroom/login/?next=")
    assert "no-store" in response["Cache-Control"]


def test_an_article_headlined_preview_keeps_the_preview_url_free(
    newsroom: Any, edition_en: Edition
) -> None:
    article = services.article_create(actor=IMPORTER, edition=edition_en, headline="Preview")

    assert article.slug == ""


# --- Secret links -----------------------------------------------------------------------------


def test_a_secret_link_shows_the_article_to_anyone_holding_it(
    draft: Article, newsroom: Any
) -> None:
    _link, token = preview_link_create(actor=newsroom.reporter, article=draft)

    response = Client().get(f"/preview/{token}")

    assert response.status_code == 200
    assert "نص المسودة" in response.content.decode()
    assert_private(response)


def test_an_expired_link_answers_410_saying_so(draft: Article, newsroom: Any) -> None:
    _link, token = preview_link_create(
        actor=newsroom.reporter, article=draft, valid_for=datetime.timedelta(minutes=5)
    )

    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=6)):
        response = Client(HTTP_ACCEPT_LANGUAGE="en").get(f"/preview/{token}")

    assert response.status_code == 410
    page = response.content.decode()
    assert "This preview link has expired; ask the newsroom for a new one." in page
    assert "نص المسودة" not in page
    assert_private(response)


def test_a_revoked_link_answers_410_saying_so(draft: Article, newsroom: Any) -> None:
    link, token = preview_link_create(actor=newsroom.reporter, article=draft)
    preview_link_revoke(actor=newsroom.editor, link=link)

    response = Client(HTTP_ACCEPT_LANGUAGE="en").get(f"/preview/{token}")

    assert response.status_code == 410
    assert "This preview link was withdrawn by the newsroom." in response.content.decode()


def test_an_unknown_link_answers_404_saying_so(db: None) -> None:
    response = Client(HTTP_ACCEPT_LANGUAGE="en").get("/preview/no-such-token")

    assert response.status_code == 404
    assert "This preview link does not exist." in response.content.decode()
    assert_private(response)


# --- The page cache -----------------------------------------------------------------------------


def test_a_preview_is_never_served_from_the_page_cache(
    draft: Article, newsroom: Any, settings: Any
) -> None:
    settings.PAGECACHE_ENABLED = True
    link, token = preview_link_create(actor=newsroom.reporter, article=draft)
    reader = Client()

    first = reader.get(f"/preview/{token}")
    preview_link_revoke(actor=newsroom.editor, link=link)
    second = reader.get(f"/preview/{token}")

    assert (first.status_code, first["X-Cache"]) == (200, "MISS")
    assert (second.status_code, second["X-Cache"]) == (410, "MISS")
    anonymous_staff_url = reader.get(f"/ar/news/{draft.code}/preview")
    assert anonymous_staff_url["X-Cache"] == "MISS"
    assert reader.get(f"/ar/news/{draft.code}/preview")["X-Cache"] == "MISS"


def test_a_preview_never_leaks_into_the_public_articles_cached_page(
    live_with_update: Article, newsroom: Any, settings: Any
) -> None:
    settings.PAGECACHE_ENABLED = True
    public_url = f"/ar/news/{live_with_update.code}/{live_with_update.slug}"
    reader = Client()
    assert reader.get(public_url)["X-Cache"] == "MISS"
    assert reader.get(public_url)["X-Cache"] == "HIT"

    _link, token = preview_link_create(actor=newsroom.editor, article=live_with_update)
    assert "العنوان المحدث" in reader.get(f"/preview/{token}").content.decode()
    assert (
        "العنوان المحدث"
        in staff(newsroom.editor).get(f"/ar/news/{live_with_update.code}/preview").content.decode()
    )

    public = reader.get(public_url)
    assert public.status_code == 200
    assert "العنوان المحدث" not in public.content.decode()
    assert "الأصل" in public.content.decode()


def test_a_previewed_draft_stays_404_for_readers(
    draft: Article, newsroom: Any, settings: Any
) -> None:
    settings.PAGECACHE_ENABLED = True
    _link, token = preview_link_create(actor=newsroom.reporter, article=draft)
    Client().get(f"/preview/{token}")

    for _attempt in range(2):
        assert Client().get(f"/ar/news/{draft.code}").status_code == 404
