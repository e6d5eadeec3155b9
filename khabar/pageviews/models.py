from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from khabar.articles.models import Article


class ArticleViewDay(models.Model):
    """How many times readers opened an article on one UTC day.

    Rows are written in batches by `khabar.pageviews.recorder.flush`, never per view.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="view_days")
    day = models.DateField(_("day (UTC)"))
    count = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        constraints = [
            # The flush upserts on exactly these columns (ON CONFLICT (article_id, day)).
            models.UniqueConstraint(fields=["article", "day"], name="pageviews_article_day"),
        ]
        indexes = [models.Index(fields=["day", "-count"], name="pageviews_day_count")]
        verbose_name = _("article views on a day")
        verbose_name_plural = _("article views per day")

    def __str__(self) -> str:
        return f"{self.article_id} {self.day.isoformat()} {self.count}"
