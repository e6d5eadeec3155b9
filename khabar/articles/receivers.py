"""What articles do when an edition, section or photo they show changes: move to the end of
the content API's sync — in the same transaction as an edition's or section's change
(khabar.editions.events), just after a photo's (khabar.photos.events are sent on commit)."""

from __future__ import annotations

from typing import Any

from khabar.articles.models import Article
from khabar.articles.selectors import articles_showing_photo
from khabar.articles.services import articles_sync_move
from khabar.editions.models import Edition, Section
from khabar.photos.models import Photo


def edition_display_changing(sender: type, *, edition: Edition, **kwargs: Any) -> None:
    articles_sync_move(Article.objects.filter(edition=edition))


def section_display_changing(sender: type, *, section: Section, **kwargs: Any) -> None:
    articles_sync_move(Article.objects.filter(section=section))


def photo_changed(sender: type, *, photo: Photo, **kwargs: Any) -> None:
    # New renditions or a new caption change what the API says of every article showing it,
    # as its main photo or inside its body.
    articles_sync_move(articles_showing_photo(photo=photo))
