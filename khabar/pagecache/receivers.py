"""What each change makes stale: domain events → surrogate keys to invalidate."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver

from khabar.articles import events
from khabar.articles.models import Article, ArticleKeyword, Keyword
from khabar.articles.selectors import articles_showing_photo
from khabar.calendars import to_local
from khabar.comments import events as comment_events
from khabar.comments.models import Comment
from khabar.core.surrogate import (
    archive_day_key,
    article_key,
    breaking_key,
    corrections_key,
    edition_key,
    keyword_key,
    latest_key,
    most_commented_key,
    section_key,
    top_stories_key,
)
from khabar.editions import events as edition_events
from khabar.editions.models import Edition, Section
from khabar.pagecache.cache import keys_invalidate
from khabar.photos import events as photo_events
from khabar.photos.models import Photo


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
def article_event(sender: Any, article: Article, **kwargs: Any) -> None:
    # An edit may be served stale for a moment while one request renders (cache.py).
    keys_invalidate(article_keys(article))


@receiver(photo_events.photo_changed, dispatch_uid="pagecache.photo_changed")
def photo_event(sender: Any, photo: Photo, **kwargs: Any) -> None:
    # Its renditions made or its text changed: every page of an article that shows it, as
    # its main photo or inside its body (whose images point at the current renditions).
    keys: set[str] = set()
    for article in articles_showing_photo(photo=photo).select_related("edition"):
        keys |= article_keys(article)
    if keys:
        keys_invalidate(keys)


@receiver(events.article_unpublished, dispatch_uid="pagecache.article_unpublished")
def article_taken_down(sender: Any, article: Article, **kwargs: Any) -> None:
    # A take-down is often legal or a matter of safety: never served stale, not for a moment.
    keys_invalidate(article_keys(article), hard=True)


@receiver(events.correction_added, dispatch_uid="pagecache.correction_added")
def correction_event(sender: Any, article: Article, **kwargs: Any) -> None:
    # A correction says the page was wrong: no reader is served the wrong version again.
    keys_invalidate({corrections_key(article.edition.code), *article_keys(article)}, hard=True)


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


@receiver(edition_events.edition_changed, dispatch_uid="pagecache.edition_changed")
def edition_event(sender: Any, edition: Edition, **kwargs: Any) -> None:
    keys_invalidate({edition_key(edition.code)})


@receiver(edition_events.section_changed, dispatch_uid="pagecache.section_changed")
def section_event(sender: Any, section: Section, **kwargs: Any) -> None:
    # Every page of the edition lists its sections in the header.
    keys_invalidate({section_key(section.pk), edition_key(section.edition.code)})


@receiver(events.breaking_changed, dispatch_uid="pagecache.breaking_changed")
def breaking_event(sender: Any, article: Article, **kwargs: Any) -> None:
    keys_invalidate({breaking_key(article.edition.code), *article_keys(article)})


@receiver(comment_events.comment_approved, dispatch_uid="pagecache.comment_approved")
@receiver(comment_events.comment_removed, dispatch_uid="pagecache.comment_removed")
@receiver(comment_events.comment_edited, dispatch_uid="pagecache.comment_edited")
def comment_event(sender: Any, comment: Comment, **kwargs: Any) -> None:
    # The article's key covers its page and every list showing it (with its count).
    article = comment.article
    keys_invalidate({article_key(article.pk), most_commented_key(article.edition.code)})


@receiver(comment_events.comments_closed, dispatch_uid="pagecache.comments_closed")
def comments_closed_event(sender: Any, article: Article, **kwargs: Any) -> None:
    keys_invalidate({article_key(article.pk)})
