from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

ALT_MAX = 300
CAPTION_MAX = 300
CREDIT_MAX = 200
# An article body's photos are shown at most this wide in its column; the rendition chosen
# for `src` is the narrowest at least this wide (the article page's main photo too).
BODY_WIDTH = 960
_UNIT = [MinValueValidator(0.0), MaxValueValidator(1.0)]


@dataclass(frozen=True, slots=True)
class Rendition:
    url: str
    name: str
    width: int
    height: int


class Photo(models.Model):
    """A photo of the media library: the original kept private, public WebP renditions.

    Not tied to an edition: one photo serves an article and its translations. `renditions`
    is empty until the worker has made them (khabar.photos.services.photo_render); until
    then public pages leave the photo out and the newsroom says it is processing.
    """

    # The name in khabar.photos.storage (not a FileField: its storage would be fixed when
    # the model loads, and the root is a setting).
    original_name = models.CharField(_("original"), max_length=255, editable=False)
    original_type = models.CharField(_("type"), max_length=40, editable=False)
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    # Required before the photo can go on an article; uploads of several files at once
    # come without it, and the library marks them until someone writes it.
    alt = models.CharField(_("alt text"), max_length=ALT_MAX, blank=True)
    caption = models.CharField(_("caption"), max_length=CAPTION_MAX, blank=True)
    credit = models.CharField(_("credit"), max_length=CREDIT_MAX, blank=True)
    focal_x = models.FloatField(_("focal point, across"), default=0.5, validators=_UNIT)
    focal_y = models.FloatField(_("focal point, down"), default=0.5, validators=_UNIT)
    # {"full": [[width, height, name], …], "card": […], "og": […]}, narrowest first.
    renditions = models.JSONField(default=dict, blank=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(_("uploaded at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.alt or self.original_name

    @property
    def is_ready(self) -> bool:
        return bool(self.renditions)

    def rendition_list(self, kind: str) -> list[Rendition]:
        return [
            Rendition(default_storage.url(name), name, width, height)
            for width, height, name in self.renditions.get(kind, [])
        ]

    def rendition_best(self, kind: str, width: int) -> Rendition | None:
        """The narrowest rendition at least `width` wide, else the widest there is."""
        found = self.rendition_list(kind)
        return next((each for each in found if each.width >= width), found[-1] if found else None)
