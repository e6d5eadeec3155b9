"""What articles do when an edition or section they show changes: move to the end of the
content API's sync, in the same transaction as the change (khabar.editions.events)."""

from __future__ import annotations

from typing import Any

from khabar.articles.models import Article
from khabar.articles.services import articles_sync_move
from khabar.editions.models import Edition, Section


def edition_display_changing(sender: type, *, edition: Edition, **kwargs: Any) -> None:
    articles_sync_move(Article.objects.filter(edition=edition))


def section_display_changing(sender: type, *, section: Section, **kwargs: Any) -> None:
    articles_sync_move(Article.objects.filter(section=section))
