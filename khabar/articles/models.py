from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from khabar.articles import limits
from khabar.editions.models import Edition, Section
from khabar.photos.models import Photo
from khabar.text import normalize, slugify

# Last parts of an article's URL that name another view of it (print, legacy AMP, the
# staff preview, the comment form's target), so never an article's slug.
RESERVED_SLUGS = frozenset({"print", "amp", "preview", "comment"})


def article_slug(headline: str) -> str:
    """The URL decoration made from a headline; empty when it would look like a view's name."""
    slug = slugify(headline)
    return "" if slug.lower() in RESERVED_SLUGS else slug


# Edits within this time after publication are corrections of haste, not updates.
UPDATE_SHOWN_AFTER = datetime.timedelta(minutes=5)


class Keyword(models.Model):
    """A keyword of one edition. `name` is as typed; `key` is the normalised matching form.

    `السورية` typed with ي and with ی share one key, hence one keyword.
    """

    edition = models.ForeignKey(Edition, on_delete=models.PROTECT, related_name="keywords")
    name = models.CharField(_("name"), max_length=limits.KEYWORD_NAME_MAX)
    key = models.CharField(_("matching key"), max_length=limits.KEYWORD_NAME_MAX, editable=False)
    # How many articles carry it, kept by the services that link keywords: the autocomplete
    # ranks by it, and counting links per candidate would read thousands of rows a keystroke.
    uses = models.PositiveIntegerField(_("articles"), default=0, editable=False)

    class Meta:
        ordering = ["edition", "name"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "key"], name="keyword_unique_key"),
        ]
        indexes = [
            # For a prefix most keywords share (`ا`, `ال`): read in the order of use and stop
            # at the tenth match, rather than sort tens of thousands (PostgreSQL's planner
            # chooses between this and the key index by how common the prefix is).
            models.Index(fields=["edition", "-uses", "key"], name="keyword_edition_uses"),
        ]
        verbose_name = _("keyword")
        verbose_name_plural = _("keywords")

    def __str__(self) -> str:
        return self.name

    @property
    def slug(self) -> str:
        """The keyword as it appears in its URL: its name, spaces as hyphens."""
        return "-".join(self.name.split())


def keyword_key(name: str) -> str:
    """The matching key of a keyword name or URL slug (hyphens and underscores are spaces)."""
    return normalize(name.replace("-", " ").replace("_", " "))


class ArticleQuerySet(models.QuerySet["Article"]):
    def published(self) -> ArticleQuerySet:
        """What readers may see: published, and not dated in the future."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def latest_first(self) -> ArticleQuerySet:
        return self.order_by("-published_at", "-code")


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        SCHEDULED = "scheduled", _("Scheduled")
        PUBLISHED = "published", _("Published")
        UNPUBLISHED = "unpublished", _("Unpublished")

    class ContentType(models.TextChoices):
        NEWS = "news", _("News")
        REPORT = "report", _("Report")
        INTERVIEW = "interview", _("Interview")
        NOTE = "note", _("Note")
        PHOTO_REPORT = "photo_report", _("Photo report")

    edition = models.ForeignKey(Edition, on_delete=models.PROTECT, related_name="articles")
    # The public identity: unique within the edition, assigned once, never reused.
    code = models.PositiveBigIntegerField(_("news code"), editable=False)
    slug = models.CharField(_("slug"), max_length=120, blank=True)
    section = models.ForeignKey(
        Section,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
        verbose_name=_("section"),
    )
    content_type = models.CharField(
        _("content type"), max_length=16, choices=ContentType.choices, default=ContentType.NEWS
    )
    is_breaking = models.BooleanField(_("breaking"), default=False)
    overline = models.CharField(_("overline"), max_length=limits.OVERLINE_MAX, blank=True)
    headline = models.CharField(_("headline"), max_length=limits.HEADLINE_MAX)
    headline_needs_review = models.BooleanField(
        _("headline needs review"),
        default=False,
        help_text=_("Set when the headline was derived from the text, e.g. by the importer."),
    )
    lead = models.TextField(_("lead"), blank=True)
    body = models.TextField(_("body"), blank=True, help_text=_("Sanitised HTML."))
    byline = models.CharField(_("byline"), max_length=limits.BYLINE_MAX, blank=True)
    source = models.CharField(_("source"), max_length=limits.SOURCE_MAX, blank=True)
    keywords: models.ManyToManyField[Keyword, ArticleKeyword] = models.ManyToManyField(
        Keyword, through="ArticleKeyword", related_name="articles", blank=True
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    # The content API's sync position (`since`, cursors): moved by every change the API
    # shows, also those readers are not told of as an update (a keyword or section renamed,
    # the edition's display settings, a withdrawal). See `articles_sync_move`.
    changed_at = models.DateTimeField(default=timezone.now, editable=False)
    comments_open = models.BooleanField(_("comments open"), default=True)
    # The main photo, from the media library; PROTECT: a photo on an article is not
    # deleted from under it.
    photo = models.ForeignKey(
        Photo,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="articles",
        verbose_name=_("main photo"),
    )
    # Articles that are translations of one another share a group (one per edition).
    translation_group = models.UUIDField(_("translation group"), null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles_written",
        verbose_name=_("author"),
        help_text=_("The staff member who created it; the byline is what readers see."),
    )
    # The number of the latest revision: an edit based on another number is stale.
    revision_number = models.PositiveIntegerField(_("revision"), default=0, editable=False)
    # A live article's edit waits here until an editor publishes it, now or at a time.
    pending_revision = models.ForeignKey(
        "ArticleRevision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    pending_publish_at = models.DateTimeField(
        _("update scheduled for"), null=True, blank=True, editable=False
    )
    breaking_until = models.DateTimeField(_("breaking until"), null=True, blank=True)
    taken_down_at = models.DateTimeField(_("taken down at"), null=True, blank=True, editable=False)
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    locked_at = models.DateTimeField(null=True, blank=True, editable=False)
    lock_renewed_at = models.DateTimeField(null=True, blank=True, editable=False)

    # Not columns: what the selectors that read them attach to the articles they return
    # (`with_ordered_keywords`, `article_get_for_page`, `api_article`). An article read
    # otherwise has none of them.
    ordered_keywords: list[ArticleKeyword]
    ordered_corrections: list[Correction]
    translations: list[Article]

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-code"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "code"], name="article_unique_code"),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="article_published_has_date",
            ),
        ]
        indexes = [
            models.Index(
                fields=["edition", "status", "-published_at"], name="article_edition_latest"
            ),
            models.Index(
                fields=["section", "status", "-published_at"], name="article_section_latest"
            ),
            models.Index(fields=["translation_group"], name="article_translation_group"),
            # The API's incremental sync: changes in changed_at order, withdrawals included.
            models.Index(fields=["changed_at", "id"], name="article_sync"),
            # The worker's sweeps: what is due to go out, and breaking flags due to expire.
            models.Index(fields=["status", "published_at"], name="article_due"),
            models.Index(fields=["pending_publish_at"], name="article_update_due"),
            models.Index(fields=["breaking_until"], name="article_breaking_due"),
            # Every page's breaking bar: the edition's flagged articles alone. Without it
            # SQLite (no statistics) walks the edition's whole newest-first index per page.
            models.Index(
                fields=["edition", "-breaking_until"],
                condition=models.Q(is_breaking=True),
                name="article_breaking_bar",
            ),
            # The newsroom's article list, sorted by each of its columns (then id), either way.
            # PostgreSQL also gets published_at DESC NULLS LAST (migration 0013): SQLite
            # cannot index NULLS LAST, and needs no such index to list drafts last.
            models.Index(fields=["updated_at", "id"], name="article_newsroom_changed"),
            # One edition's, as its editors list them (a status or section among its many).
            models.Index(
                fields=["edition", "updated_at", "id"], name="article_newsroom_ed_changed"
            ),
            models.Index(fields=["published_at", "id"], name="article_newsroom_published"),
            models.Index(fields=["headline", "id"], name="article_newsroom_headline"),
            models.Index(fields=["code", "id"], name="article_newsroom_code"),
            # One section's, by publication: without it a section of thousands was read
            # whole and sorted for each page (the edition is there so its count reads the
            # index alone: the list always bounds it by the staff member's editions).
            models.Index(
                fields=["section", "edition", "published_at", "id"],
                name="article_newsroom_section",
            ),
            # The default order (last changed) under each filter that picks a few among many:
            # an author's articles, a status (drafts, those in review), a status or a section
            # within an edition. Without them SQLite walked the whole (updated_at, id) index
            # looking for them: 0.2 to 0.6 s on 100,000 articles when they were rare.
            models.Index(fields=["author", "updated_at", "id"], name="article_newsroom_author"),
            models.Index(fields=["status", "updated_at", "id"], name="article_newsroom_status"),
            models.Index(
                fields=["edition", "status", "updated_at", "id"], name="article_newsroom_ed_status"
            ),
            models.Index(
                fields=["section", "edition", "updated_at", "id"],
                name="article_newsroom_sec_changed",
            ),
        ]
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    def __str__(self) -> str:
        return f"{self.edition.code}/{self.code} {self.headline}"

    @property
    def updated_after_publication(self) -> datetime.datetime | None:
        """When the article was changed after it went out, if it meaningfully was.

        Counted from publication or creation, whichever is later: an imported archive
        article was created years after it was published, which is no update a reader
        needs to hear about; nor is a typo fixed in the first minutes.
        """
        if self.published_at is None:
            return None
        since = max(self.published_at, self.created_at)
        return self.updated_at if self.updated_at - since > UPDATE_SHOWN_AFTER else None

    @property
    def last_changed_at(self) -> datetime.datetime | None:
        """Publication, or the meaningful update after it: for dateModified, feeds, sitemaps."""
        return self.updated_after_publication or self.published_at

    @property
    def is_public(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )


class Correction(models.Model):
    """A published correction note, shown under the article with its time."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", _("Correction")
        CLARIFICATION = "clarification", _("Clarification")
        EDITORS_NOTE = "editors_note", _("Editor’s note")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.CORRECTION)
    text = models.TextField(_("text"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")

    def __str__(self) -> str:
        return self.text[:60]


class TopStory(models.Model):
    """An article editors put on the edition's home page, in their order."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="top_stories")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["edition", "position"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "article"], name="top_story_unique"),
        ]
        verbose_name = _("top story")
        verbose_name_plural = _("top stories")

    def __str__(self) -> str:
        return f"{self.edition_id} #{self.position}"


class ArticleKeyword(models.Model):
    """An article's keyword, in the order the editor gave them.

    `article_published_at` and `article_code` copy the article's, so that a keyword's newest
    public articles come from one range of an index instead of a walk through the edition's
    articles checking each for the keyword. The services that change a publication or
    keywords keep them in step (see `keyword_link_published_at`).
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE)
    keyword = models.ForeignKey(Keyword, on_delete=models.PROTECT)
    position = models.PositiveSmallIntegerField(default=0)
    # The article's published_at while its status is published, NULL otherwise: a link
    # is public exactly when this is set and not in the future, as `published()` says.
    article_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The tie-break of `latest_first()`; a news code never changes.
    article_code = models.PositiveBigIntegerField(editable=False)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["article", "keyword"], name="article_keyword_unique"),
        ]
        indexes = [
            models.Index(
                fields=["keyword", "-article_published_at", "-article_code"],
                name="article_keyword_latest",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.article_id} {self.keyword_id}"


class ArticleRevision(models.Model):
    """One saved version of an article: its fields and keywords as the editor saved them.

    Every save makes one, numbered from 1 per article. Saves of an article readers cannot
    see yet are applied to the article at once; saves of a live article wait as its
    `pending_revision` until an editor publishes the update. Restoring makes a new
    revision with an old one's content, so history only grows.
    """

    class Kind(models.TextChoices):
        SAVE = "save", _("Saved")
        RESTORE = "restore", _("Restored")
        IMPORT = "import", _("Imported")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("number"))
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.SAVE)
    created_at = models.DateTimeField(_("saved at"), default=timezone.now)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("saved by"),
    )
    author_name = models.CharField(_("saved by"), max_length=150)
    content: models.JSONField[dict[str, Any]] = models.JSONField(_("content"))
    changed_fields: models.JSONField[list[str]] = models.JSONField(
        _("changed fields"), default=list
    )
    # Set when the revision's content reached the article (at once, or when published).
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)
    restored_from = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["article", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="revision_unique_number"),
        ]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")

    def __str__(self) -> str:
        return f"{self.article_id} r{self.number}"


class PreviewLink(models.Model):
    """A secret link an outside reviewer opens to see one unpublished article.

    Only a hash of the token is stored: the link is shown once, when it is made.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="preview_links")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    expires_at = models.DateTimeField(_("expires at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("preview link")
        verbose_name_plural = _("preview links")

    def __str__(self) -> str:
        return f"{self.article_id} until {self.expires_at:%Y-%m-%d %H:%M}"


def keyword_link_published_at(article: Article) -> datetime.datetime | None:
    """What an article's keyword links hold as `article_published_at`."""
    return article.published_at if article.status == Article.Status.PUBLISHED else None
