"""Writing the search index: one document per published article, nothing for any other.

Listeners to the article events call `document_update` after the article's transaction
commits (`receivers.py`); `documents_rebuild` starts over from the articles themselves
(`khabar reindex`). Both read the article as it is in the database, never as an
event describes it, so a late or repeated event cannot index stale text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Iterator

from django.db import transaction
from django.db.models import QuerySet

from khabar.articles.models import Article
from khabar.articles.selectors import with_ordered_keywords
from khabar.editions.models import Edition
from khabar.search.models import SearchDocument, SearchTerm
from khabar.text.analysis import MAX_WORD_CHARS, IndexText, analyse, index_text

# Tags that end a block in a sanitised body (khabar.articles.richtext), read as line breaks
# (no word pair spans them); the others (b, em, a, span…) may sit inside a word, as in
# <b>ال</b>حكومة, and are dropped without a space.
_BLOCK_TAGS = re.compile(
    r"</?(?:p|br|h[2-4]|ul|ol|li|blockquote|figure|figcaption|table|thead|tbody|tr|th|td|hr"
    r"|img)\b[^>]*>",
    re.IGNORECASE,
)
_TAGS = re.compile(r"<[^>]*>")
REBUILD_BATCH = 500


def body_text(body: str) -> str:
    """The text of a sanitised HTML body, as readers read it."""
    return html.unescape(_TAGS.sub("", _BLOCK_TAGS.sub("\n", body)))


def _joined(*fields: IndexText) -> tuple[str, str]:
    """Fields analysed apart (no word pair spans two of them), then put side by side."""
    return (
        " ".join(field.exact for field in fields if field.exact),
        " ".join(field.variants for field in fields if field.variants),
    )


def _keyword_names(article: Article) -> list[str]:
    return [link.keyword.name for link in article.ordered_keywords]


def document_build(article: Article, *, language: str) -> SearchDocument:
    """The document of a published article (with `ordered_keywords` prefetched)."""
    if article.published_at is None:
        raise ValueError("only a published article has a search document")
    head, head_alt = _joined(
        index_text(article.overline, language=language),
        index_text(article.headline, language=language),
        *(index_text(name, language=language) for name in _keyword_names(article)),
    )
    body, body_alt = _joined(
        index_text(article.lead, language=language),
        index_text(body_text(article.body), language=language),
    )
    return SearchDocument(
        article_id=article.pk,
        edition_id=article.edition_id,
        section_id=article.section_id,
        published_at=article.published_at,
        head=head,
        head_alt=head_alt,
        body=body,
        body_alt=body_alt,
    )


def vocabulary_of(article: Article, *, language: str) -> dict[str, str]:
    """The words suggestions may offer, by key: the headline side's and the lead's."""
    found: dict[str, str] = {}
    for text in (article.overline, article.headline, article.lead, *_keyword_names(article)):
        for word in analyse(text, language=language):
            original = text[word.start : word.end]
            if len(word.key) <= MAX_WORD_CHARS and len(original) <= 200:
                found.setdefault(word.key, original)
    return found


def _indexable(edition: Edition | None = None) -> QuerySet[Article]:
    """Published articles (future-dated ones too: the search reads `published_at`), with
    what a document needs."""
    queryset = Article.objects.filter(status=Article.Status.PUBLISHED)
    if edition is not None:
        queryset = queryset.filter(edition=edition)
    return with_ordered_keywords(queryset.select_related("edition"))


def _vocabulary_add(articles: Iterable[Article]) -> None:
    terms: dict[tuple[int, str], str] = {}
    for article in articles:
        for term, display in vocabulary_of(article, language=article.edition.language).items():
            terms.setdefault((article.edition_id, term), display)
    SearchTerm.objects.bulk_create(
        [
            SearchTerm(edition_id=edition_id, term=term, display=display)
            for (edition_id, term), display in terms.items()
        ],
        ignore_conflicts=True,
    )


@transaction.atomic
def document_update(*, article_id: int) -> None:
    """Make the index say what the article says now: its document, or none if not published."""
    article = _indexable().filter(pk=article_id).first()
    SearchDocument.objects.filter(article_id=article_id).delete()
    if article is None:
        return
    SearchDocument.objects.bulk_create([document_build(article, language=article.edition.language)])
    _vocabulary_add([article])


def document_updates(*, article_ids: Iterable[int]) -> None:
    """`document_update` for many articles (a renamed keyword's), a batch at a time."""
    ids = list(article_ids)
    for start in range(0, len(ids), REBUILD_BATCH):
        batch = ids[start : start + REBUILD_BATCH]
        with transaction.atomic():
            SearchDocument.objects.filter(article_id__in=batch).delete()
            articles = list(_indexable().filter(pk__in=batch))
            _documents_write(articles)


def _documents_write(articles: list[Article]) -> None:
    SearchDocument.objects.bulk_create(
        [document_build(article, language=article.edition.language) for article in articles]
    )
    _vocabulary_add(articles)


def _batches(queryset: QuerySet[Article]) -> Iterator[list[Article]]:
    """Articles in batches by primary key: each batch one query, however large the archive."""
    last = 0
    while True:
        batch = list(queryset.filter(pk__gt=last).order_by("pk")[:REBUILD_BATCH])
        if not batch:
            return
        yield batch
        last = batch[-1].pk


def documents_rebuild(
    *, edition: Edition | None = None, progress: Callable[[int, int], None] | None = None
) -> int:
    """Index every published article again (of one edition, or all); the number indexed.

    For archives written without events (`articles_bulk_create`, an import) and after a
    change of the analysis rules. Each batch replaces its articles' documents in its own
    transaction, so readers search the old documents of the rest meanwhile; documents of
    articles no longer published go at the end.
    """
    queryset = _indexable(edition)
    total = queryset.count()
    terms = SearchTerm.objects.all()
    (terms.filter(edition=edition) if edition else terms).delete()
    done = 0
    for batch in _batches(queryset):
        with transaction.atomic():
            SearchDocument.objects.filter(article_id__in=[a.pk for a in batch]).delete()
            _documents_write(batch)
        done += len(batch)
        if progress is not None:
            progress(done, total)
    stale = SearchDocument.objects.exclude(article__status=Article.Status.PUBLISHED)
    (stale.filter(edition=edition) if edition else stale).delete()
    return done
