"""Whether an article takes comments: its own switch, and its edition's time limit.

The edition's limit is applied when the article is read or a comment arrives, so closing
needs no scheduled task: a page cached before the limit shows the form until it expires
from the cache (PAGECACHE_TIMEOUT), and a comment sent from it is refused as closed.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from khabar.articles.models import Article


def comments_open(article: Article, *, now: datetime.datetime | None = None) -> bool:
    if not article.comments_open or article.published_at is None:
        return False
    days = article.edition.comments_close_after_days
    if days is None:
        return True
    return (now or timezone.now()) < article.published_at + datetime.timedelta(days=days)
