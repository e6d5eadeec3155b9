"""The index follows the articles: domain events → documents written or removed.

Events arrive after the article's transaction has committed (khabar.core.events), and the
index is written then, in the same request, before the page cache hears of the change (this
app's receivers connect first). An indexing failure is logged, never turned into the editor's
failure: the article is saved, searches still show only what is published (the query joins
the article's status), and `khabar reindex` repairs the index.
"""

from __future__ import annotations

import logging
from typing import Any

from django.dispatch import receiver

from khabar.articles import events
from khabar.articles.models import Article, ArticleKeyword, Keyword
from khabar.core.surrogate import latest_key
from khabar.pagecache.cache import keys_invalidate
from khabar.search.documents import document_update, document_updates

logger = logging.getLogger(__name__)


@receiver(events.article_published, dispatch_uid="search.article_published")
@receiver(events.article_changed, dispatch_uid="search.article_changed")
@receiver(events.article_unpublished, dispatch_uid="search.article_unpublished")
def article_event(sender: Any, article: Article, **kwargs: Any) -> None:
    try:
        document_update(article_id=article.pk)
    except Exception:
        logger.exception("search: could not index article %s", article.pk)
    # Search pages carry the edition's latest key; bumping it here as well means a search
    # page rendered between another listener's invalidation and this update is not kept.
    keys_invalidate({latest_key(article.edition.code)})


@receiver(events.keyword_changed, dispatch_uid="search.keyword_changed")
def keyword_event(sender: Any, keyword: Keyword, **kwargs: Any) -> None:
    """A renamed keyword: its articles are found by the new name, not the old."""
    article_ids = ArticleKeyword.objects.filter(keyword_id=keyword.pk).values_list(
        "article_id", flat=True
    )
    try:
        document_updates(article_ids=article_ids)
    except Exception:
        logger.exception("search: could not index the articles of keyword %s", keyword.pk)
    keys_invalidate({latest_key(keyword.edition.code)})
