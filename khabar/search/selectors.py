"""Reads for search pages (and the content API's `q`): results, snippets, suggestions."""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.safestring import SafeString

from khabar.articles.models import Article
from khabar.articles.selectors import CARD_FIELDS
from khabar.editions.models import Edition
from khabar.search import sql
from khabar.search.analysed import body_text
from khabar.search.backends import Filters, Order, backend
from khabar.search.highlight import highlight, snippet
from khabar.search.models import SearchTerm
from khabar.text.analysis import ParsedQuery, query_parse

PER_PAGE = 20

# Letters a suggestion may put in or swap, after normalisation (one yeh, one kaf, no hamza
# carriers, teh marbuta as heh).
_ARABIC_ALPHABET = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"
_LATIN_ALPHABET = "abcdefghijklmnopqrstuvwxyz"
# Letters readers mix up because they sound alike: swapping one for another is the likelier
# typo, so such a suggestion is preferred.
_SOUND_ALIKE = ("ذزضظ", "ثسص", "تط", "حه", "اع", "غق")
# Only words of this length get suggestions (a short word's neighbours are other words).
SUGGEST_MIN_CHARS, SUGGEST_MAX_CHARS = 3, 20
SUGGEST_MAX_WORDS = 3
# The archive's count of a name stops here: enough to rank it, and what an editor reads as
# "recurs"; a grouped count of a name in 40,000 articles would cost half a second.
ARCHIVE_COUNT_CAP = 50


@dataclass(frozen=True, slots=True)
class Result:
    article: Article
    headline: SafeString
    snippet: SafeString | None


@dataclass(frozen=True, slots=True)
class ResultPage:
    results: list[Result]
    # At most CANDIDATES (khabar.search.backends.base); `more` when even more match.
    total: int
    number: int
    num_pages: int
    more: bool = False


def search_results(
    *,
    edition: Edition,
    query: ParsedQuery,
    filters: Filters,
    order: Order,
    page: int,
    per_page: int = PER_PAGE,
) -> ResultPage | None:
    """One page of results, highlighted; None for a page past the last (page 1 is empty)."""
    if query.expression is None:
        return ResultPage([], 0, 1, 1)
    hits = backend().search(
        query.expression, filters, order=order, offset=(page - 1) * per_page, limit=per_page
    )
    if hits.total is None:
        return ResultPage([], 0, 1, 1) if page == 1 else None
    by_id = {
        article.pk: article
        for article in Article.objects.filter(pk__in=hits.ids).only(*CARD_FIELDS, "body")
    }
    language = edition.language
    results = []
    for pk in hits.ids:
        article = by_id[pk]
        article.edition = edition
        results.append(
            Result(
                article,
                highlight(article.headline, query, language=language),
                snippet(article.lead, query, language=language)
                or snippet(body_text(article.body), query, language=language),
            )
        )
    num_pages = max(1, math.ceil(hits.total / per_page))
    return ResultPage(results, hits.total, page, num_pages, more=hits.more)


def _edits(word: str) -> Iterator[tuple[int, str]]:
    """Spellings one typo away from `word`, each with a cost: sound-alike swaps cost least."""
    alphabet = _LATIN_ALPHABET if word.isascii() else _ARABIC_ALPHABET
    for index in range(len(word)):
        yield 2, word[:index] + word[index + 1 :]
        if index + 1 < len(word):
            yield 2, word[:index] + word[index + 1] + word[index] + word[index + 2 :]
        for letter in alphabet:
            if letter != word[index]:
                alike = any(word[index] in group and letter in group for group in _SOUND_ALIKE)
                yield (1 if alike else 3), word[:index] + letter + word[index + 1 :]
    for index in range(len(word) + 1):
        for letter in alphabet:
            yield 3, word[:index] + letter + word[index:]


def search_suggestion(*, edition: Edition, query: ParsedQuery, filters: Filters) -> str | None:
    """Another spelling of the query from the edition's vocabulary that finds something.

    Words the vocabulary lacks (at most SUGGEST_MAX_WORDS) are replaced by the known word one
    typo away, sound-alike letters first. Two queries at most: the vocabulary, then a count
    that the suggestion finds a published article.
    """
    candidates: dict[str, dict[str, int]] = {}
    for word in query.words:
        if SUGGEST_MIN_CHARS <= len(word.key) <= SUGGEST_MAX_CHARS:
            costs: dict[str, int] = {}
            for cost, spelling in _edits(word.key):
                costs[spelling] = min(cost, costs.get(spelling, cost))
            candidates[word.key] = costs
        if len(candidates) == SUGGEST_MAX_WORDS:
            break
    if not candidates:
        return None
    wanted = set(candidates).union(*candidates.values())
    known = dict(
        SearchTerm.objects.filter(edition=edition, term__in=wanted).values_list("term", "display")
    )
    text = query.text
    replaced = False
    pieces: list[str] = []
    cursor = 0
    for word in query.words:
        pieces.append(text[cursor : word.start])
        cursor = word.end
        original = text[word.start : word.end]
        spellings = candidates.get(word.key)
        if spellings is None or word.key in known:
            pieces.append(original)
            continue
        found = sorted(
            (cost, spelling) for spelling, cost in spellings.items() if spelling in known
        )
        if found:
            pieces.append(known[found[0][1]])
            replaced = True
        else:
            pieces.append(original)
    if not replaced:
        return None
    suggestion = " ".join("".join(pieces).split())
    parsed = query_parse(suggestion, language=edition.language)
    if parsed.expression is None or not backend().exists(parsed.expression, filters):
        return None
    return suggestion


def archive_name_counts(
    *, edition: Edition, keys: list[str], article_id: int | None
) -> dict[str, int]:
    """In how many published articles of the edition, other than `article_id`, each of
    these phrases (matching keys) is a name, counted up to ARCHIVE_COUNT_CAP: one query."""
    return sql.archive_name_counts_capped(
        edition_id=edition.pk, keys=keys, article_id=article_id, cap=ARCHIVE_COUNT_CAP
    )
