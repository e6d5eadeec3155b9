"""Library photos inside an article body follow their photo: a re-rendered photo (its focal
point moved) shows its new renditions on the page, and the cached page is renewed."""

from __future__ import annotations

import importlib
import re
from typing import Any

from django.apps import apps
from django.core.files.storage import default_storage
from django.test import Client

from khabar.articles import services
from khabar.articles.models import Article, ArticleRevision
from khabar.articles.selectors import articles_showing_photo
from khabar.core.actors import IMPORTER
from khabar.editions.models import Edition
from khabar.photos.models import Photo
from khabar.photos.services import photo_render, photo_update
from khabar.photos.tests.images import MakePhoto
from khabar.web.tests.conftest import MakeArticle
from khabar.web.urls_for import article_url


def _inserted(photo: Photo) -> str:
    """What the body editor's photo picker puts in the text."""
    shown = photo.rendition_best("full", 960)
    assert shown is not None
    return (
        f'<p>قبل</p><img src="{shown.url}" alt="{photo.alt}" width="{shown.width}" '
        f'height="{shown.height}" data-photo="{photo.pk}"><p>بعد</p>'
    )


def _focal_moved(photo: Photo) -> Photo:
    photo_update(
        actor=IMPORTER,
        photo=photo,
        alt=photo.alt,
        caption=photo.caption,
        credit=photo.credit,
        focal_x=0.1,
        focal_y=0.9,
    )
    rendered = photo_render(photo_id=photo.pk)
    assert rendered is not None
    return rendered


def _body_img(html: str) -> str:
    found = re.search(r'<div class="body">.*?(<img [^>]*>)', html, re.S)
    assert found is not None
    return found.group(1)


def test_a_body_photo_shows_its_new_renditions_after_a_re_render_and_the_cache_is_renewed(
    client: Client,
    settings: Any,
    edition_en: Edition,
    make_article: MakeArticle,
    make_photo: MakePhoto,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.PAGECACHE_ENABLED = True
    photo = make_photo(alt="A street")
    old = photo.rendition_best("full", 960)
    assert old is not None
    article = make_article(edition_en, "Street story", body=_inserted(photo))
    assert f'data-photo="{photo.pk}"' in article.body  # the sanitiser keeps the reference
    assert old.url in _body_img(client.get(article_url(article)).content.decode())

    with django_capture_on_commit_callbacks(execute=True):
        photo = _focal_moved(photo)

    new = photo.rendition_best("full", 960)
    assert new is not None and new.url != old.url
    assert not default_storage.exists(old.name) and default_storage.exists(new.name)
    response = client.get(article_url(article))
    assert response["X-Cache"] != "HIT"
    img = _body_img(response.content.decode())
    assert f'src="{new.url}"' in img and old.url not in img
    assert 'alt="A street"' in img
    srcset = re.search(r'srcset="([^"]*)"', img)
    assert srcset is not None
    assert [part.split()[-1] for part in srcset.group(1).split(", ")] == ["480w", "960w", "1000w"]


def test_the_content_api_gives_a_body_photo_its_current_renditions(
    client: Client, edition_en: Edition, make_article: MakeArticle, make_photo: MakePhoto
) -> None:
    photo = make_photo(alt="A street")
    article = make_article(edition_en, "Street story", body=_inserted(photo))
    photo = _focal_moved(photo)
    new = photo.rendition_best("full", 960)
    assert new is not None
    item = client.get(f"/api/v1/articles/en/{article.code}").json()
    assert f'src="{new.url}"' in item["body"]


def test_articles_showing_a_photo_are_those_with_it_as_main_photo_or_in_the_body(
    edition_en: Edition, make_article: MakeArticle, make_photo: MakePhoto
) -> None:
    photo = make_photo()
    # A photo whose id starts with the first one's: its reference must not match.
    longer = Photo.objects.create(
        pk=int(f"{photo.pk}0"), original_name="x.jpg", original_type="image/jpeg", width=1, height=1
    )
    in_body = make_article(edition_en, "in body", body=_inserted(photo))
    main = make_article(edition_en, "main")
    services.article_set_photo(actor=IMPORTER, article=main, photo=photo)
    make_article(
        edition_en, "other", body=f'<img src="/media/x.webp" alt="" data-photo="{longer.pk}">'
    )
    assert set(articles_showing_photo(photo=photo)) == {in_body, main}


def test_the_migration_marks_old_bodies_photos_by_their_rendition_file(
    edition_en: Edition, make_article: MakeArticle, make_photo: MakePhoto
) -> None:
    migration = importlib.import_module("khabar.articles.migrations.0015_body_photo_references")
    photo = make_photo(alt="A street")
    shown = photo.rendition_best("full", 960)
    assert shown is not None
    old_style = (
        f'<p>x</p><img src="http://testserver{shown.url}" alt="A street">'
        '<img src="/media/photos/2020/01/0123456789abcdef/full-960.webp" alt="gone">'
    )
    article = make_article(edition_en, "old", body=old_style)
    ArticleRevision.objects.filter(article=article).update(content={"body": article.body})

    migration.body_photo_references(apps, None)

    article.refresh_from_db()
    assert f'alt="A street" data-photo="{photo.pk}">' in article.body
    assert 'alt="gone">' in article.body  # no photo lists that file: left as it was
    revision = ArticleRevision.objects.filter(article=article).first()
    assert revision is None or f'data-photo="{photo.pk}"' in revision.content["body"]
    assert Article.objects.get(pk=article.pk) in articles_showing_photo(photo=photo)


def test_a_re_render_moves_the_articles_showing_the_photo_in_their_body_in_the_api_sync(
    edition_en: Edition,
    make_article: MakeArticle,
    make_photo: MakePhoto,
    django_capture_on_commit_callbacks: Any,
) -> None:
    photo = make_photo(alt="A street")
    shown, other = (
        make_article(edition_en, "in body", body=_inserted(photo)),
        make_article(edition_en, "other"),
    )
    with django_capture_on_commit_callbacks(execute=True):
        _focal_moved(photo)
    assert Article.objects.get(pk=shown.pk).changed_at > shown.changed_at
    assert Article.objects.get(pk=other.pk).changed_at == other.changed_at
