"""What each change makes stale: domain events → surrogate keys to invalidate."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from khabar.articles import events
from khabar.articles.models import Article, ArticleKeyword, Keyword
from khabar.calendars import to_local
from khabar.core.surrogate import (
    archive_day_key,
    article_key,
    edition_key,
    keyword_key,
    latest_key,
    section_key,
    top_stories_key,
)
from khabar.editions.models import Edition, Section
from khabar.pagecache.store import keys_invalidate


def article_keys(article: Article) -> set[str]:
    """The keys of every page that shows the article: its own, and the lists it appears in."""
    edition = article.edition
    keys = {article_key(article.pk), latest_key(edition.code)}
    if article.section_id is not None:
        keys.add(section_key(article.section_id))
    keys.update(
        keyword_key(keyword_id)
        for keyword_id in ArticleKeyword.objects.filter(article_id=article.pk).values_list(
            "keyword_id", flat=True
        )
    )
    if article.published_at is not None:
        day = to_local(article.published_at, edition.time_zone).date()
        keys.add(archive_day_key(edition.code, day))
    return keys


@receiver(events.article_published, dispatch_uid="pagecache.article_published")
@receiver(events.article_changed, dispatch_uid="pagecache.article_changed")
@receiver(events.article_unpublished, dispatch_uid="pagecache.article_unpublished")
def article_event(sender: Any, article: Article, **kwargs: Any) -> None:
    keys_invalidate(article_keys(article))


@receiver(events.keyword_changed, dispatch_uid="pagecache.keyword_changed")
def keyword_event(sender: Any, keyword: Keyword, **kwargs: Any) -> None:
    # Article pages link to their keywords by name: they change with a rename too.
    article_ids = ArticleKeyword.objects.filter(keyword_id=keyword.pk).values_list(
        "article_id", flat=True
    )
    keys_invalidate({keyword_key(keyword.pk), *(article_key(pk) for pk in article_ids)})


@receiver(events.top_stories_changed, dispatch_uid="pagecache.top_stories_changed")
def top_stories_event(sender: Any, edition: Edition, **kwargs: Any) -> None:
    keys_invalidate({top_stories_key(edition.code)})


# Editions and sections have no services yet (the admin saves them): listen to saves,
# after commit so a page rendered before the commit cannot be stored as current.
@receiver(post_save, sender=Edition, dispatch_uid="pagecache.edition_saved")
def edition_saved(sender: Any, instance: Edition, **kwargs: Any) -> None:
    keys = {edition_key(instance.code)}
    transaction.on_commit(lambda: keys_invalidate(keys))


@receiver(post_save, sender=Section, dispatch_uid="pagecache.section_saved")
@receiver(post_delete, sender=Section, dispatch_uid="pagecache.section_deleted")
def section_saved(sender: Any, instance: Section, **kwargs: Any) -> None:
    keys = {section_key(instance.pk)}
    transaction.on_commit(lambda: keys_invalidate(keys))
