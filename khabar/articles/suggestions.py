"""Keywords proposed from an article's headline, lead and body, each with why.

An editor tags an article with the people, places and organisations it is about. Without a
tagger trained for Persian and Arabic news, the text itself says a good deal:

- a phrase that is already a keyword of the edition is the best guess: the desk chose it
  before, and tagging with it again links the article to the others;
- a name comes after a title (`اللواء علي مملوك`, `President Macron`) or opens with a
  common given name (`علي شمخاني`); in English, names are capitalised;
- a phrase of several words repeated in one article is a name or a topic (`جبهة المقاومة`),
  the longest one that recurs (`الوكالة الوطنية للإعلام`, not `الوكالة الوطنية`); one that
  opens with `وزارة`, `سازمان`, `حزب`… is an organisation;
- a phrase that is a name in other published articles of the edition recurs in the
  archive: the desk will want them linked (the search index counts them, see `archive`);
- an Arabic word without the article that recurs is usually a proper noun (`دمشق`, `حلب`),
  one with the article a common noun (`الارهاب`), which an editor rarely wants;
- the headline and the lead name what the article is about;
- what follows a post is the post's (`وزير الخارجية السعودي`), a Persian phrase always at
  the end of its sentence is a verb (`خوی را لرزاند`), an Arabic word opening with `ي` a
  verb in the present (`يفتتح`).

Never proposed: stop words and titles, numbers, and words carrying a pronoun suffix or an
inflection (`تجهيزهم`, "equipping them"; `کتاب‌هایشان`): Snowball's Arabic and Persian
stemmers (PyStemmer) say whether the word is its stem plus such a suffix. Words are compared
by their matching key (khabar.text), so `سوریا` and `سوريا` are one.
"""

from __future__ import annotations

import functools
import html
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

import Stemmer
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from khabar.articles.models import Keyword
from khabar.articles.stopwords import (
    GIVEN_NAMES,
    ORGANISATIONS,
    PHRASE_LINKS,
    PLACE_MARKERS,
    POSTS,
    STOP_WORDS,
    TITLES,
)
from khabar.editions.models import Edition
from khabar.text.analysis import Word, analyse
from khabar.text.normalize import normalize, strip_marks

__all__ = ["ArchiveCounts", "Suggestion", "keyword_suggestions", "text_names"]

# In how many other published articles each of these phrases (matching keys) is a name.
ArchiveCounts = Callable[[list[str]], dict[str, int]]

MAX_WORDS = 6  # `محمد بن عبد الرحمن آل ثاني`
KNOWN_LOOKUP_MAX = 2000
ARCHIVE_LOOKUP_MAX = 40
MAX_TEXT_NAMES = 20
HEAD_PENALTY = 3
MIN_BASE_CHARS = 3  # what is left once a suffix is off: shorter, and it was no suffix
# Pronoun suffixes written joined to an Arabic word (ه, ك and ي are left out: too many
# words end in them). Only removed when the stemmer agrees that they are a suffix.
ARABIC_PRONOUN_SUFFIXES = ("هما", "هم", "هن", "ها", "كما", "كم", "كن", "نا")
PERSIAN_SUFFIXES = ("هایشان", "هایمان", "هایتان", "هایش", "های", "ها", "شان", "تان", "مان", "اش")
# Written after a ZWNJ: the suffixes above, and the verb's personal endings (`شده‌اند`).
PERSIAN_ZWNJ_SUFFIXES = (*PERSIAN_SUFFIXES, "اند", "است", "ایم", "اید", "ام")
ARABIC_CLITICS = "وفبلک"
# Inside a name, never at its end: `فيصل بن فرحان`, `عبد الفتاح السيسي`, `آل ثاني`.
NAME_LINKS = frozenset(normalize(word) for word in ("بن", "بنت", "ابن", "آل", "عبد", "أبو"))
# Where a phrase ends: punctuation in the three scripts, and line breaks.
_CLAUSE = re.compile(r"[.,;:!?()\[\]{}«»\"“”'’،؛؟\n]+")
_SENTENCE_END = re.compile(r"[.!?؟\n]")


def _clauses(text: str) -> list[tuple[str, bool]]:
    """The clauses of `text`, each with whether a sentence ends with it."""
    found, start = [], 0
    for match in _CLAUSE.finditer(text):
        found.append((text[start : match.start()], bool(_SENTENCE_END.search(match.group()))))
        start = match.end()
    return [*found, (text[start:], True)]


class Reason:
    KNOWN = "known"
    PERSON = "person"
    NAME = "name"
    PLACE = "place"
    RECURRING = "recurring"
    ORGANISATION = "organisation"
    ARCHIVE = "archive"


# The reasons of a name (rather than of a word that merely recurs).
NAMED = frozenset({Reason.PERSON, Reason.NAME, Reason.PLACE, Reason.ORGANISATION})


REASON_TEXT = {
    Reason.PERSON: _("a person's name (after a title or a given name)"),
    Reason.NAME: _("a name repeated in the text"),
    Reason.PLACE: _("a place (after “in”, “to”, “city of”…)"),
    Reason.RECURRING: _("recurs in the text"),
    Reason.ORGANISATION: _("an organisation (after “ministry”, “party”…)"),
}


@dataclass(frozen=True)
class Suggestion:
    name: str
    reason: str  # one of Reason
    score: float
    uses: int = 0  # articles carrying it (a known keyword), or naming it (the archive)

    @property
    def reason_text(self) -> str:
        if self.reason == Reason.KNOWN:
            return ngettext(
                "already a keyword, on %(count)s article",
                "already a keyword, on %(count)s articles",
                self.uses,
            ) % {"count": self.uses}
        if self.reason == Reason.ARCHIVE:
            return ngettext(
                "a name that recurs in the archive, in %(count)s other article",
                "a name that recurs in the archive, in %(count)s other articles",
                self.uses,
            ) % {"count": self.uses}
        return str(REASON_TEXT[self.reason])


@dataclass(slots=True)
class _Candidate:
    keys: tuple[str, ...]
    count: int = 0
    # Where it was met: the clause, the first word (its clitic off), where that word ends
    # and where the last one does.
    spans: list[tuple[str, str, int, int]] = field(default_factory=list)
    in_headline: bool = False
    in_lead: bool = False
    after_title: bool = False
    after_post: bool = False
    after_place: bool = False
    sentence_end: int = 0  # occurrences that end their sentence


@functools.cache
def _stemmer(language: str) -> Stemmer.Stemmer | None:
    name = {"ar": "arabic", "fa": "persian", "en": "english"}.get(language)
    return Stemmer.Stemmer(name) if name else None


@functools.lru_cache(maxsize=65_536)
def _suffixed(raw: str, language: str) -> bool:
    """Whether `raw` is a word plus a pronoun or plural suffix (`تجهيزهم`, `کتاب‌هایشان`)."""
    stemmer = _stemmer(language)
    if language == "ar" and stemmer:
        raw = strip_marks(raw)  # harakat after a suffix must not hide it
        for suffix in ARABIC_PRONOUN_SUFFIXES:
            base = raw[: -len(suffix)]
            if raw.endswith(suffix) and len(base) >= MIN_BASE_CHARS:
                if stemmer.stemWord(raw) == stemmer.stemWord(base):
                    return True
    if language == "fa" and stemmer:
        if "\u200c" in raw and raw.rsplit("\u200c", 1)[1] in PERSIAN_ZWNJ_SUFFIXES:
            return True
        for suffix in PERSIAN_SUFFIXES:
            base = raw[: -len(suffix)]
            if (
                raw.endswith(suffix)
                and len(base) >= MIN_BASE_CHARS
                and len(stemmer.stemWord(raw)) <= len(base)
            ):
                return True
    return False


def _plain(text: str) -> str:
    # Block elements end a phrase: a heading's last word and the next paragraph's first are
    # no name together.
    text = re.sub(r"(?i)</?(p|h[1-6]|li|blockquote|br)[^>]*>", "\n", text)
    return html.unescape(strip_tags(text))


class _Token(NamedTuple):
    key: str
    form: str
    stop: bool
    inner: bool  # may sit inside a phrase, never at either end: `of`, `بن`, Persian `و`
    title: bool
    post: bool
    place: bool
    capital: bool


def _tokens(clause: str, words: list[Word], language: str, vocabulary: set[str]) -> list[_Token]:
    tokens = []
    given = GIVEN_NAMES[language]
    for word in words:
        raw, key = clause[word.start : word.end], word.key
        if language == "ar" and len(key) > 3 and key[0] in ARABIC_CLITICS and key not in given:
            # وسوريا, بحلب, للامن: the clitic off when the word is known without it.
            article = key.startswith("لل")
            rest = "ال" + key[2:] if article else key[1:]
            if rest in vocabulary or rest.startswith("ال"):
                raw, key = ("ال" + raw[2:] if article else raw[1:]), rest
        tokens.append(_token(raw, key, language))
    return tokens


@functools.lru_cache(maxsize=65_536)
def _token(raw: str, key: str, language: str) -> _Token:
    """What a word may be in a phrase (cached: a newsroom's words repeat)."""
    # `علي` (Ali) and `على` (on) share a key; the spelling tells them apart.
    name = key in GIVEN_NAMES[language] and not raw.endswith("ى")
    stop = (
        (key in STOP_WORDS[language] and not name)
        or key in TITLES
        or len(key) < 2
        or key.isdigit()
        or _suffixed(raw, language)
    )
    return _Token(
        key,
        raw,
        stop,
        key in PHRASE_LINKS[language] or (key in NAME_LINKS and not name),
        key in TITLES,
        key in POSTS,
        key in PLACE_MARKERS,
        raw[:1].isupper(),
    )


def _candidates(headline: str, lead: str, body: str, language: str) -> dict[tuple, _Candidate]:
    clauses = [
        (part, clause, last, analyse(clause, language=language))
        for part, text in (("headline", headline), ("lead", lead), ("body", _plain(body)))
        for clause, last in _clauses(text)
    ]
    vocabulary = {w.key for _part, _clause, _last, words in clauses for w in words}
    found: dict[tuple[str, ...], _Candidate] = {}
    english = language == "en"
    for part, clause, last, words in clauses:
        tokens = _tokens(clause, words, language, vocabulary)
        size = len(tokens)
        for start, first in enumerate(tokens):
            if first.stop or first.inner or (english and not first.capital):
                continue
            before = tokens[start - 1] if start else None
            keys: tuple[str, ...] = ()
            for end in range(start, min(start + MAX_WORDS, size)):
                token = tokens[end]
                keys = (*keys, token.key)
                if token.inner or token.key in NAME_LINKS:
                    continue  # never the last word: `فيصل بن`, `Bank of`
                if token.stop or (english and not token.capital):
                    break  # nor inside a longer phrase
                candidate = found.get(keys)
                if candidate is None:
                    candidate = found[keys] = _Candidate(keys)
                candidate.count += 1
                candidate.spans.append((clause, first.form, words[start].end, words[end].end))
                candidate.in_headline |= part == "headline"
                candidate.in_lead |= part == "lead"
                candidate.sentence_end += last and end + 1 == size
                if before is not None:
                    # A title before an Arabic word with the article is a post, not a name:
                    # `امين المجلس`.
                    candidate.after_title |= before.title and not keys[0].startswith("ال")
                    candidate.after_post |= before.post
                    candidate.after_place |= before.place
    return found


def _subsumed(found: dict[tuple, _Candidate], language: str) -> set[tuple[str, ...]]:
    """Phrases met mostly inside one longer recurring phrase: `الوكالة الوطنية` in
    `الوكالة الوطنية للإعلام`, `عبد العزيز` in `عبد العزيز بن سلمان`. The longer is the
    name; the part is left out."""
    given = GIVEN_NAMES[language]
    inside: dict[tuple[str, ...], int] = {}
    for keys, c in found.items():
        if len(keys) < 2 or c.count < 2:
            continue
        for size in range(1, len(keys)):
            for start in range(len(keys) - size + 1):
                part = keys[start : start + size]
                # A name is not part of the words before it: `الايراني علي شمخاني`.
                if part in found and (part[0] not in given or keys[0] in given):
                    inside[part] = max(inside.get(part, 0), c.count)
    return {keys for keys, most in inside.items() if 3 * most >= 2 * found[keys].count}


def _verbal_noun(key: str) -> bool:
    """Whether an Arabic word (a matching key) has the shape of a verbal noun of the derived
    forms: تفعيل (`تشكيل`), إفعال (`إطلاق`), افتعال (`اجتماع`), استفعال (`استقبال`)."""
    word = key[2:] if key.startswith("ال") else key
    size = len(word)
    return (
        (size == 5 and word[0] == "ت" and word[3] == "ی")
        or (size == 5 and word[0] == "ا" and word[3] == "ا")
        or (size == 6 and word[0] == "ا" and word[2] == "ت" and word[4] == "ا")
        or (size == 7 and word.startswith("است") and word[5] == "ا")
    )


def _score(c: _Candidate, language: str, single_counts: Counter[str]) -> tuple[float, str]:
    words = len(c.keys)
    given = GIVEN_NAMES[language]
    linked = any(key in PHRASE_LINKS[language] for key in c.keys)
    person = not linked and (c.after_title or (words >= 2 and c.keys[0] in given))
    # A surname met alone (`شمخاني`) is the person named in full elsewhere.
    count = c.count + (single_counts[c.keys[-1]] - c.count if person else 0)
    score = min(count, 6) + 3 * c.in_headline + 2 * c.in_lead
    if person and words == 1 and c.keys[0] in given:
        return 0, Reason.RECURRING  # `علي` alone is nobody in particular
    if c.after_post and c.keys[0] not in ORGANISATIONS and language != "en":
        # What follows a post is the post's: `وزير الخارجية السعودي`, not a name.
        return score - 3, Reason.RECURRING
    if person:
        return score + 2 + 2 * min(words, 2), Reason.PERSON
    if language == "ar" and _verbal_noun(c.keys[0]) and c.keys[0] not in given:
        return score - 3, Reason.RECURRING  # an action, not a name: `تشكيل حكومة`
    if words >= 2 and c.count >= 2 and c.keys[0] in ORGANISATIONS:
        return score + 6, Reason.ORGANISATION
    if words >= 2 and c.count >= 2:
        return score + 3, Reason.NAME
    if language == "en":
        return score + (1 if words >= 2 else 0), Reason.NAME if c.count >= 2 else Reason.RECURRING
    if language in {"ar", "fa"} and words == 1 and c.keys[0].startswith("ال"):
        return score - 2, Reason.RECURRING  # the article marks a common noun, not a name
    if language == "ar" and words == 1 and c.keys[0].endswith(("یه", "ات")):
        return score - 2, Reason.RECURRING  # a feminine adjective or plural: `إسرائيلية`
    if language == "ar" and words == 1 and c.keys[0][0] == "ی" and len(c.keys[0]) > 3:
        return score - 4, Reason.RECURRING  # the present tense's prefix: `يفتتح`
    if language == "fa" and c.sentence_end == c.count:
        # Persian ends its sentences with the verb: `خوی را لرزاند`, `زیر آب برد`.
        return score - 4, Reason.RECURRING
    if language == "fa" and words == 1 and not c.after_place:
        # Without capitals or an article, a Persian word alone is as often a noun or a
        # verb as a name: a phrase or a place ranks before it.
        score -= 1
    if words == 1 and c.after_place:
        return score + 2, Reason.PLACE
    return score, Reason.RECURRING


def _may_be_name(c: _Candidate, given: frozenset[str]) -> bool:
    """Whether `text_names` could keep the phrase, whatever its score: met twice, or once as
    a person (after a title, or opening with a given name). Asked before scoring: most
    phrases of a text are met once, and the index finds names in every article it holds."""
    return c.count >= 2 or c.after_title or (len(c.keys) >= 2 and c.keys[0] in given)


def _ranked(
    headline: str, lead: str, body: str, language: str, *, names_only: bool = False
) -> list[tuple[tuple[str, ...], _Candidate, float, str]]:
    """Every phrase of the text worth a look, with its score and reason, most met first
    (`names_only`: only those `_may_be_name` keeps)."""
    found = _candidates(headline, lead, body, language)
    given = GIVEN_NAMES[language]
    singles = Counter({keys[0]: c.count for keys, c in found.items() if len(keys) == 1})
    left_out = _subsumed(found, language)
    # Without capitals, a word that opens a recurring name is the name's head, a common noun:
    # `نمایشگاه` of `نمایشگاه کتاب تهران`, `سیستان` of `سیستان و بلوچستان` (in English,
    # `Artemis` of `Artemis II` is a name itself).
    heads = {
        keys[0] for keys, c in found.items() if len(keys) >= 2 and c.count >= 2 and language != "en"
    }
    ranked = []
    for keys in sorted(found, key=lambda keys: -found[keys].count):
        if names_only and not _may_be_name(found[keys], given):
            continue
        if keys not in left_out:
            score, reason = _score(found[keys], language, singles)
            if len(keys) == 1 and keys[0] in heads and reason != Reason.PERSON:
                score, reason = score - HEAD_PENALTY, Reason.RECURRING
            ranked.append((keys, found[keys], score, reason))
    return ranked


def text_names(*, headline: str, lead: str = "", body: str = "", language: str) -> list[str]:
    """The names an article's text holds, as matching keys (what an archive of them is
    made of): people, organisations, places and phrases met more than once."""
    if language not in STOP_WORDS:
        return []
    return [
        " ".join(keys)
        for keys, c, score, reason in _ranked(headline, lead, body, language, names_only=True)
        if reason in NAMED and (c.count >= 2 or reason == Reason.PERSON) and score > 0
    ][:MAX_TEXT_NAMES]


def keyword_suggestions(
    *,
    edition: Edition,
    headline: str,
    lead: str = "",
    body: str = "",
    exclude: Iterable[str] = (),
    limit: int = 8,
    archive: ArchiveCounts | None = None,
) -> list[Suggestion]:
    """Keywords for an article of `edition` from its text, best first, leaving out those in
    `exclude` (names the article already has).

    `archive`, when given, says in how many other published articles of the edition each of
    some phrases (matching keys) is a name (khabar.search keeps that count, a layer above).
    """
    language = edition.language
    if language not in STOP_WORDS:
        return []
    ranked = _ranked(headline, lead, body, language)
    # The phrases met most, when a long text has more than one query should carry.
    asked = [" ".join(keys) for keys, *_rest in ranked[:KNOWN_LOOKUP_MAX]]
    known = {
        k.key: k
        for k in Keyword.objects.filter(edition=edition, key__in=asked).only("name", "key", "uses")
    }
    # The archive is asked about the best of them only: each costs an index read there.
    promising = sorted(ranked, key=lambda r: -r[2])[:ARCHIVE_LOOKUP_MAX]
    elsewhere = archive([" ".join(r[0]) for r in promising if r[2] > 0]) if archive else {}
    # What the article has, and what is suggested, are not suggested again in part either:
    # with `علي مملوك` tagged, `مملوك` alone is no news.
    taken = [tuple(normalize(name).split()) for name in exclude if normalize(name)]
    scored: dict[tuple[str, ...], Suggestion] = {}
    for keys, c, score, reason in ranked:
        key = " ".join(keys)
        keyword, articles = known.get(key), elsewhere.get(key, 0)
        if keyword is not None:
            scored[keys] = Suggestion(keyword.name, Reason.KNOWN, score + 6, keyword.uses)
        elif articles and score > 0:
            # A name of other articles: the desk will want them linked.
            best = score + 3 + min(articles, 3)
            scored[keys] = Suggestion(_shown(c), Reason.ARCHIVE, best, articles)
        elif c.count >= 2 or reason == Reason.PERSON:
            scored[keys] = Suggestion(_shown(c), reason, score)
    for keys, suggestion in list(scored.items()):
        surname = scored.get(keys[-1:])
        full_name = suggestion.reason == Reason.PERSON or language == "en"
        if full_name and len(keys) > 1 and surname:
            # The full name ahead of the surname met alone: `علي مملوك`, not `مملوك`.
            best = max(suggestion.score, surname.score + 1)
            scored[keys] = Suggestion(suggestion.name, suggestion.reason, best, suggestion.uses)
    chosen: list[tuple[tuple[str, ...], Suggestion]] = []

    # At equal score the longer name, the more precise: `Recep Tayyip Erdogan`, `عبد العزيز
    # بن سلمان`; in Arabic and Persian only when a name's own links hold it together.
    def extent(keys: tuple[str, ...]) -> int:
        return len(keys) if language == "en" or NAME_LINKS.intersection(keys[1:]) else 1

    ordered = sorted(scored.items(), key=lambda kv: (-kv[1].score, -extent(kv[0]), kv[0]))
    for keys, suggestion in ordered:
        shown = tuple(normalize(suggestion.name).split())
        if any(_overlap(shown, other) or _overlap(keys, other) for other in taken):
            continue
        if any(_overlap(keys, other) for other, _s in chosen):
            continue
        chosen.append((keys, suggestion))
        if len(chosen) == limit:
            break
    return [suggestion for _keys, suggestion in chosen]


def _shown(c: _Candidate) -> str:
    """The phrase as the text writes it most often (the first word without its clitic)."""
    forms = Counter(
        " ".join((form + clause[after:end]).split()) for clause, form, after, end in c.spans
    )
    return forms.most_common(1)[0][0]


def _overlap(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether one phrase lies inside the other (`شمخاني` in `علي شمخاني`)."""
    short, long = sorted((a, b), key=len)
    return any(long[i : i + len(short)] == short for i in range(len(long) - len(short) + 1))
