"""Writing the search index: one document per published article, nothing for any other.

Listeners to the article events call `document_update` after the article's transaction
commits (`receivers.py`); `documents_rebuild` starts over from the articles themselves
(`khabar reindex`). Both read the article as it is in the database, never as an
event describes it, so a late or repeated event cannot index stale text.
"""

from __future__ import annotations

import collections
import datetime
import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import NamedTuple

import django
from django.db import transaction
from django.db.models import QuerySet

from khabar.articles.models import Article, ArticleKeyword
from khabar.editions.models import Edition
from khabar.search.analysed import Analysed, ArticleText, article_analyse, articles_analyse
from khabar.search.models import SearchDocument, SearchName, SearchTerm

# Articles a batch reads, analyses and writes in one transaction. A larger batch costs fewer
# round trips and commits; each holds a batch of bodies in memory, in each worker too.
REBUILD_BATCH = 2000


class _Indexable(NamedTuple):
    """A published article as a rebuild reads it: plain values, no model instance."""

    article_id: int
    edition_id: int
    section_id: int | None
    published_at: datetime.datetime
    text: ArticleText


_FIELDS = ("pk", "edition_id", "section_id", "published_at", "edition__language")
_TEXT_FIELDS = ("overline", "headline", "lead", "body")


def _indexable(edition: Edition | None = None) -> QuerySet[Article]:
    """Published articles (future-dated ones too: the search reads `published_at`)."""
    queryset = Article.objects.filter(status=Article.Status.PUBLISHED)
    return queryset if edition is None else queryset.filter(edition=edition)


def _read(queryset: QuerySet[Article]) -> list[_Indexable]:
    """The articles of `queryset` with their keywords' names in the editor's order: two
    queries of values, a third of the time of models with their keywords prefetched."""
    rows = list(queryset.values_list(*_FIELDS, *_TEXT_FIELDS))
    keywords: dict[int, list[str]] = collections.defaultdict(list)
    links = (
        ArticleKeyword.objects.filter(article_id__in=[row[0] for row in rows])
        .order_by("article_id", "position")
        .values_list("article_id", "keyword__name")
    )
    for article_id, name in links:
        keywords[article_id].append(name)
    read = []
    for pk, edition_id, section_id, published_at, language, *text in rows:
        overline, headline, lead, body = text
        names = tuple(keywords[pk])
        article = ArticleText(language, overline, headline, lead, body, names)
        read.append(_Indexable(pk, edition_id, section_id, published_at, article))
    return read


def _document(article: _Indexable, analysed: Analysed) -> SearchDocument:
    return SearchDocument(
        article_id=article.article_id,
        edition_id=article.edition_id,
        section_id=article.section_id,
        published_at=article.published_at,
        head=analysed.head,
        head_alt=analysed.head_alt,
        body=analysed.body,
        body_alt=analysed.body_alt,
    )


def _documents_write(
    articles: list[_Indexable], analysed: list[Analysed], *, known: set[tuple[int, str]]
) -> None:
    """The articles' documents and names, and their words not in `known` (added to it)."""
    SearchDocument.objects.bulk_create(
        [_document(article, result) for article, result in zip(articles, analysed, strict=True)]
    )
    SearchName.objects.bulk_create(
        [
            SearchName(document_id=article.article_id, edition_id=article.edition_id, key=key)
            for article, result in zip(articles, analysed, strict=True)
            for key in result.names
        ]
    )
    terms: dict[tuple[int, str], str] = {}
    for article, result in zip(articles, analysed, strict=True):
        for term, display in result.vocabulary.items():
            terms.setdefault((article.edition_id, term), display)
    new = [key for key in terms if key not in known]
    known.update(new)
    SearchTerm.objects.bulk_create(
        [
            SearchTerm(edition_id=edition_id, term=term, display=terms[edition_id, term])
            for edition_id, term in new
        ],
        ignore_conflicts=True,
    )


@transaction.atomic
def document_update(*, article_id: int) -> None:
    """Make the index say what the article says now: its document, or none if not published."""
    articles = _read(_indexable().filter(pk=article_id))
    SearchDocument.objects.filter(article_id=article_id).delete()
    analysed = [article_analyse(article.text) for article in articles]
    _documents_write(articles, analysed, known=set())


def document_updates(*, article_ids: Iterable[int]) -> None:
    """`document_update` for many articles (a renamed keyword's), a batch at a time."""
    ids = list(article_ids)
    for start in range(0, len(ids), REBUILD_BATCH):
        batch = ids[start : start + REBUILD_BATCH]
        with transaction.atomic():
            SearchDocument.objects.filter(article_id__in=batch).delete()
            articles = _read(_indexable().filter(pk__in=batch))
            analysed = [article_analyse(article.text) for article in articles]
            _documents_write(articles, analysed, known=set())


def _batches(queryset: QuerySet[Article]) -> Iterator[list[_Indexable]]:
    """Articles in batches by primary key: each batch two queries, however large the archive."""
    last = 0
    while True:
        batch = _read(queryset.filter(pk__gt=last).order_by("pk")[:REBUILD_BATCH])
        if not batch:
            return
        yield batch
        last = batch[-1].article_id


def _analysed_batches(
    batches: Iterator[list[_Indexable]], *, jobs: int
) -> Iterator[tuple[list[_Indexable], list[Analysed]]]:
    """Each batch with its analysis, in order: in this process, or in `jobs` workers.

    The workers ('spawn': no copy of this process's connections) set Django up and only
    analyse (`khabar.search.analysed`); this process reads and writes. A few batches per worker are
    in flight, so the workers analyse while this process writes, and memory stays bounded.
    """
    if jobs <= 1:
        for batch in batches:
            yield batch, articles_analyse([article.text for article in batch])
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        max_workers=jobs, mp_context=context, initializer=django.setup
    ) as pool:
        pending: collections.deque[tuple[list[_Indexable], Future[list[Analysed]]]] = (
            collections.deque()
        )
        for batch in batches:
            texts = [article.text for article in batch]
            pending.append((batch, pool.submit(articles_analyse, texts)))
            if len(pending) > 2 * jobs:
                done, future = pending.popleft()
                yield done, future.result()
        while pending:
            done, future = pending.popleft()
            yield done, future.result()


def documents_rebuild(
    *,
    edition: Edition | None = None,
    progress: Callable[[int, int], None] | None = None,
    jobs: int = 1,
) -> int:
    """Index every published article again (of one edition, or all); the number indexed.

    For archives written without events (`articles_bulk_create`, an import) and after a
    change of the analysis rules. Each batch replaces its articles' documents in its own
    transaction, so readers search the old documents of the rest meanwhile; documents of
    articles no longer published go at the end. `jobs` processes analyse the articles
    (`--jobs`); the index is the same whatever their number.
    """
    queryset = _indexable(edition)
    total = queryset.count()
    terms = SearchTerm.objects.all()
    (terms.filter(edition=edition) if edition else terms).delete()
    known: set[tuple[int, str]] = set()
    done = 0
    for batch, analysed in _analysed_batches(_batches(queryset), jobs=jobs):
        with transaction.atomic():
            SearchDocument.objects.filter(article_id__in=[a.article_id for a in batch]).delete()
            _documents_write(batch, analysed, known=known)
        done += len(batch)
        if progress is not None:
            progress(done, total)
    stale = SearchDocument.objects.exclude(article__status=Article.Status.PUBLISHED)
    (stale.filter(edition=edition) if edition else stale).delete()
    return done
