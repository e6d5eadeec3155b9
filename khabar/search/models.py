from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from khabar.articles.models import Article
from khabar.editions.models import Edition, Section


class SearchDocument(models.Model):
    """A published article as the search engines see it: analysed text and the filters.

    The four text fields hold words already analysed by `khabar.text.analysis` (keys, and
    variants that rank lower), for the headline side (overline, headline, keywords) and the
    body side (lead, body). The engine's own index is kept beside this table by the database
    (migrations 0002, 0006 to 0010): an FTS5 table filled by triggers on SQLite, keyed by
    publication order, with the edition and section as tokens; a generated tsvector column on
    PostgreSQL, in a GIN index with the publication day, the edition and the section. Only
    published articles have a document.
    """

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    # No index of their own on PostgreSQL (migration 0010): the match's GIN index holds them.
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="+", db_index=False)
    section = models.ForeignKey(
        Section,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    published_at = models.DateTimeField()
    head = models.TextField(blank=True)
    head_alt = models.TextField(blank=True)
    body = models.TextField(blank=True)
    body_alt = models.TextField(blank=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")

    def __str__(self) -> str:
        return str(self.article_id)


class SearchTerm(models.Model):
    """A word of an edition's headlines, overlines, keywords and leads, for suggestions.

    `term` is the analysed key, `display` one spelling an editor typed. Words are added as
    articles are indexed and kept until the next rebuild: a suggestion is only made after
    checking that it finds something published, so a word of a withdrawn article leaks no
    text.
    """

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="+")
    term = models.CharField(max_length=64)
    display = models.CharField(max_length=200)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["edition", "term"], name="search_term_unique"),
        ]
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")

    def __str__(self) -> str:
        return self.display


NAME_MAX_CHARS = 200


class SearchName(models.Model):
    """A name a published article's text holds (khabar.articles.suggestions.text_names), as
    its matching key: how the keyword suggestions know a name that recurs in the archive.

    Written with the article's document and gone with it (the cascade), so only published
    articles count; `khabar reindex` rebuilds them with the documents.
    """

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="+")
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=NAME_MAX_CHARS)

    class Meta:
        indexes = [
            models.Index(fields=["edition", "key", "document"], name="search_name_edition_key"),
        ]
        verbose_name = _("name in an article")
        verbose_name_plural = _("names in articles")

    def __str__(self) -> str:
        return self.key
