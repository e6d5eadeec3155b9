"""Writing the search index: one document per published article, nothing for any other.

Listeners to the article events call `document_update` after the article's transaction
commits (`receivers.py`); `documents_rebuild` starts over from the articles themselves
(`khabar reindex`). Both read the article as it is in the database, never as an
event describes it, so a late or repeated event cannot index stale text.
"""

from __future__ import annotations

import collections
import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from django.db import transaction
from django.db.models import QuerySet

from khabar.articles.models import Article
from khabar.articles.selectors import with_ordered_keywords
from khabar.editions.models import Edition
from khabar.search.analysed import Analysed, ArticleText, article_analyse, articles_analyse
from khabar.search.models import SearchDocument, SearchTerm

# Articles a batch reads, analyses and writes in one transaction. A larger batch costs fewer
# round trips and commits; each holds a batch of bodies in memory, in each worker too.
REBUILD_BATCH = 2000


def _text_of(article: Article) -> ArticleText:
    """What the analysis needs of an article (with `ordered_keywords` prefetched)."""
    return ArticleText(
        language=article.edition.language,
        overline=article.overline,
        headline=article.headline,
        lead=article.lead,
        body=article.body,
        keywords=tuple(link.keyword.name for link in article.ordered_keywords),
    )


def _document(article: Article, analysed: Analysed) -> SearchDocument:
    if article.published_at is None:
        raise ValueError("only a published article has a search document")
    return SearchDocument(
        article_id=article.pk,
        edition_id=article.edition_id,
        section_id=article.section_id,
        published_at=article.published_at,
        head=analysed.head,
        head_alt=analysed.head_alt,
        body=analysed.body,
        body_alt=analysed.body_alt,
    )


def _indexable(edition: Edition | None = None) -> QuerySet[Article]:
    """Published articles (future-dated ones too: the search reads `published_at`), with
    what a document needs."""
    queryset = Article.objects.filter(status=Article.Status.PUBLISHED)
    if edition is not None:
        queryset = queryset.filter(edition=edition)
    return with_ordered_keywords(queryset.select_related("edition"))


def _documents_write(
    articles: list[Article], analysed: list[Analysed], *, known: set[tuple[int, str]]
) -> None:
    """The articles' documents, and those of their words not in `known` (added to it)."""
    SearchDocument.objects.bulk_create(
        [_document(article, result) for article, result in zip(articles, analysed, strict=True)]
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
    article = _indexable().filter(pk=article_id).first()
    SearchDocument.objects.filter(article_id=article_id).delete()
    if article is None:
        return
    _documents_write([article], [article_analyse(_text_of(article))], known=set())


def document_updates(*, article_ids: Iterable[int]) -> None:
    """`document_update` for many articles (a renamed keyword's), a batch at a time."""
    ids = list(article_ids)
    for start in range(0, len(ids), REBUILD_BATCH):
        batch = ids[start : start + REBUILD_BATCH]
        with transaction.atomic():
            SearchDocument.objects.filter(article_id__in=batch).delete()
            articles = list(_indexable().filter(pk__in=batch))
            analysed = [article_analyse(_text_of(article)) for article in articles]
            _documents_write(articles, analysed, known=set())


def _batches(queryset: QuerySet[Article]) -> Iterator[list[Article]]:
    """Articles in batches by primary key: each batch one query, however large the archive."""
    last = 0
    while True:
        batch = list(queryset.filter(pk__gt=last).order_by("pk")[:REBUILD_BATCH])
        if not batch:
            return
        yield batch
        last = batch[-1].pk


def _analysed_batches(
    batches: Iterator[list[Article]], *, jobs: int
) -> Iterator[tuple[list[Article], list[Analysed]]]:
    """Each batch with its analysis, in order: in this process, or in `jobs` workers.

    The workers ('spawn': no copy of this process's connections) import only the analysis
    (`khabar.search.analysed`); this process reads and writes. A few batches per worker are
    in flight, so the workers analyse while this process writes, and memory stays bounded.
    """
    if jobs <= 1:
        for batch in batches:
            yield batch, articles_analyse([_text_of(article) for article in batch])
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        pending: collections.deque[tuple[list[Article], Future[list[Analysed]]]] = (
            collections.deque()
        )
        for batch in batches:
            texts = [_text_of(article) for article in batch]
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
            SearchDocument.objects.filter(article_id__in=[a.pk for a in batch]).delete()
            _documents_write(batch, analysed, known=known)
        done += len(batch)
        if progress is not None:
            progress(done, total)
    stale = SearchDocument.objects.exclude(article__status=Article.Status.PUBLISHED)
    (stale.filter(edition=edition) if edition else stale).delete()
    return done
