"""Keywords proposed from an article's headline, lead and body, each with why.

An editor tags an article with the people, places and organisations it is about. Without a
tagger trained for Persian and Arabic news, the text itself says a good deal:

- a phrase that is already a keyword of the edition is the best guess: the desk chose it
  before, and tagging with it again links the article to the others;
- a name comes after a title (`اللواء علي مملوك`, `President Macron`) or opens with a
  common given name (`علي شمخاني`); in English, names are capitalised;
- a phrase of several words repeated in one article is a name or a topic (`جبهة المقاومة`);
- an Arabic word without the article that recurs is usually a proper noun (`دمشق`, `حلب`),
  one with the article a common noun (`الارهاب`), which an editor rarely wants;
- the headline and the lead name what the article is about.

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
from collections.abc import Iterable
from dataclasses import dataclass, field

import Stemmer
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from khabar.articles.models import Keyword
from khabar.articles.stopwords import GIVEN_NAMES, PLACE_MARKERS, STOP_WORDS, TITLES
from khabar.editions.models import Edition
from khabar.text.analysis import analyse
from khabar.text.normalize import normalize, strip_marks

__all__ = ["Suggestion", "keyword_suggestions"]

MAX_WORDS = 3
KNOWN_LOOKUP_MAX = 2000
MIN_BASE_CHARS = 3  # what is left once a suffix is off: shorter, and it was no suffix
# Pronoun suffixes written joined to an Arabic word (ه, ك and ي are left out: too many
# words end in them). Only removed when the stemmer agrees that they are a suffix.
ARABIC_PRONOUN_SUFFIXES = ("هما", "هم", "هن", "ها", "كما", "كم", "كن", "نا")
PERSIAN_SUFFIXES = ("هایشان", "هایمان", "هایتان", "هایش", "های", "ها", "شان", "تان", "مان", "اش")
# Written after a ZWNJ: the suffixes above, and the verb's personal endings (`شده‌اند`).
PERSIAN_ZWNJ_SUFFIXES = (*PERSIAN_SUFFIXES, "اند", "است", "ایم", "اید", "ام")
ARABIC_CLITICS = "وفبلک"
ENGLISH_LINKS = frozenset({"of", "the", "for", "and", "de", "al", "bin", "von", "van"})
# Inside a name, never at its end: `فيصل بن فرحان`, `عبد الفتاح السيسي`, `آل ثاني`.
NAME_LINKS = frozenset(normalize(word) for word in ("بن", "بنت", "ابن", "آل", "عبد", "أبو"))
# Where a phrase ends: punctuation in the three scripts, and line breaks.
_CLAUSE = re.compile(r"[.,;:!?()\[\]{}«»\"“”'’،؛؟\n]+")


class Reason:
    KNOWN = "known"
    PERSON = "person"
    NAME = "name"
    PLACE = "place"
    RECURRING = "recurring"


REASON_TEXT = {
    Reason.PERSON: _("a person's name (after a title or a given name)"),
    Reason.NAME: _("a name repeated in the text"),
    Reason.PLACE: _("a place (after “in”, “to”, “city of”…)"),
    Reason.RECURRING: _("recurs in the text"),
}


@dataclass(frozen=True)
class Suggestion:
    name: str
    reason: str  # one of Reason
    score: float
    uses: int = 0  # articles carrying it, for a known keyword

    @property
    def reason_text(self) -> str:
        if self.reason == Reason.KNOWN:
            return ngettext(
                "already a keyword, on %(count)s article",
                "already a keyword, on %(count)s articles",
                self.uses,
            ) % {"count": self.uses}
        return str(REASON_TEXT[self.reason])


@dataclass
class _Candidate:
    keys: tuple[str, ...]
    count: int = 0
    forms: Counter[str] = field(default_factory=Counter)
    in_headline: bool = False
    in_lead: bool = False
    after_title: bool = False
    after_place: bool = False


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


@dataclass(frozen=True)
class _Token:
    key: str
    form: str
    typed: str  # as typed, a clitic included: how a word inside a phrase is shown
    stop: bool
    title: bool
    place: bool
    capital: bool


def _tokens(clause: str, language: str, vocabulary: set[str]) -> list[_Token]:
    tokens = []
    for word in analyse(clause, language=language):
        raw, key = clause[word.start : word.end], word.key
        if (
            language == "ar"
            and len(key) > 3
            and key[0] in ARABIC_CLITICS
            and key not in GIVEN_NAMES
        ):
            # وسوريا, بحلب, للامن: the clitic off when the word is known without it.
            article = key.startswith("لل")
            rest = "ال" + key[2:] if article else key[1:]
            if rest in vocabulary or rest.startswith("ال"):
                raw, key = ("ال" + raw[2:] if article else raw[1:]), rest
        # `علي` (Ali) and `على` (on) share a key; the spelling tells them apart.
        name = key in GIVEN_NAMES and not raw.endswith("ى")
        stop = (
            (key in STOP_WORDS[language] and not name)
            or key in TITLES
            or len(key) < 2
            or key.isdigit()
            or _suffixed(raw, language)
        )
        tokens.append(
            _Token(
                key,
                raw,
                clause[word.start : word.end],
                stop,
                key in TITLES,
                key in PLACE_MARKERS,
                raw[:1].isupper(),
            )
        )
    return tokens


def _candidates(headline: str, lead: str, body: str, language: str) -> dict[tuple, _Candidate]:
    parts = [("headline", headline), ("lead", lead), ("body", _plain(body))]
    vocabulary = {w.key for _part, text in parts for w in analyse(text, language=language)}
    found: dict[tuple[str, ...], _Candidate] = {}
    for part, text in parts:
        for clause in _CLAUSE.split(text):
            tokens = _tokens(clause, language, vocabulary)
            for start in range(len(tokens)):
                for end in range(start + 1, min(start + MAX_WORDS, len(tokens)) + 1):
                    span = tokens[start:end]
                    if not _phrase(span, language):
                        continue
                    keys = tuple(t.key for t in span)
                    candidate = found.setdefault(keys, _Candidate(keys))
                    candidate.count += 1
                    candidate.forms[" ".join([span[0].form, *(t.typed for t in span[1:])])] += 1
                    candidate.in_headline |= part == "headline"
                    candidate.in_lead |= part == "lead"
                    before = tokens[start - 1] if start else None
                    # A title before an Arabic word with the article is a post, not a name:
                    # `امين المجلس`.
                    candidate.after_title |= bool(
                        before and before.title and not keys[0].startswith("ال")
                    )
                    candidate.after_place |= bool(before and before.place)
    return found


def _phrase(span: list[_Token], language: str) -> bool:
    """Whether these words may make a keyword: no stop word at either end (English links
    such as `of` inside a capitalised name), and in English every other word capitalised."""
    if span[0].stop or span[-1].stop or span[-1].key in NAME_LINKS:
        return False
    if span[0].key in NAME_LINKS and span[0].key not in GIVEN_NAMES:
        return False
    if language == "en":
        return all(
            t.capital or (t.key in ENGLISH_LINKS and 0 < i < len(span) - 1)
            for i, t in enumerate(span)
        )
    return not any(t.stop for t in span)


def _score(c: _Candidate, language: str, single_counts: Counter[str]) -> tuple[float, str]:
    words = len(c.keys)
    person = c.after_title or (words >= 2 and c.keys[0] in GIVEN_NAMES)
    # A surname met alone (`شمخاني`) is the person named in full elsewhere.
    count = c.count + (single_counts[c.keys[-1]] - c.count if person else 0)
    score = min(count, 6) + 3 * c.in_headline + 2 * c.in_lead
    if person and words == 1 and c.keys[0] in GIVEN_NAMES:
        return 0, Reason.RECURRING  # `علي` alone is nobody in particular
    if person:
        return score + 2 + 2 * min(words, 2), Reason.PERSON
    if words >= 2 and c.count >= 2:
        return score + 3, Reason.NAME
    if language == "en":
        return score + (1 if words >= 2 else 0), Reason.NAME if c.count >= 2 else Reason.RECURRING
    if language in {"ar", "fa"} and words == 1 and c.keys[0].startswith("ال"):
        return score - 2, Reason.RECURRING  # the article marks a common noun, not a name
    if language == "ar" and words == 1 and c.keys[0].endswith(("یه", "ات")):
        return score - 2, Reason.RECURRING  # a feminine adjective or plural: `إسرائيلية`
    if language == "fa" and words == 1 and not c.after_place:
        # Without capitals or an article, a Persian word alone is as often a noun or a
        # verb as a name: a phrase or a place ranks before it.
        score -= 1
    if words == 1 and c.after_place:
        return score + 2, Reason.PLACE
    return score, Reason.RECURRING


def keyword_suggestions(
    *,
    edition: Edition,
    headline: str,
    lead: str = "",
    body: str = "",
    exclude: Iterable[str] = (),
    limit: int = 8,
) -> list[Suggestion]:
    """Keywords for an article of `edition` from its text, best first, leaving out those in
    `exclude` (names the article already has)."""
    language = edition.language
    if language not in STOP_WORDS:
        return []
    found = _candidates(headline, lead, body, language)
    singles = Counter({keys[0]: c.count for keys, c in found.items() if len(keys) == 1})
    # The phrases met most, when a long text has more than one query should carry.
    asked = sorted(found, key=lambda keys: -found[keys].count)[:KNOWN_LOOKUP_MAX]
    known = {
        k.key: k
        for k in Keyword.objects.filter(
            edition=edition, key__in=[" ".join(keys) for keys in asked]
        ).only("name", "key", "uses")
    }
    # What the article has, and what is suggested, are not suggested again in part either:
    # with `علي مملوك` tagged, `مملوك` alone is no news.
    taken = [tuple(normalize(name).split()) for name in exclude if normalize(name)]
    scored: dict[tuple[str, ...], Suggestion] = {}
    for keys, c in found.items():
        keyword = known.get(" ".join(keys))
        score, reason = _score(c, language, singles)
        if keyword is not None:
            scored[keys] = Suggestion(keyword.name, Reason.KNOWN, score + 6, keyword.uses)
        elif c.count >= 2 or reason == Reason.PERSON:
            scored[keys] = Suggestion(c.forms.most_common(1)[0][0], reason, score)
    for keys, suggestion in list(scored.items()):
        surname = scored.get(keys[-1:])
        full_name = suggestion.reason == Reason.PERSON or language == "en"
        if full_name and len(keys) > 1 and surname:
            # The full name ahead of the surname met alone: `علي مملوك`, not `مملوك`.
            best = max(suggestion.score, surname.score + 1)
            scored[keys] = Suggestion(suggestion.name, suggestion.reason, best, suggestion.uses)
    chosen: list[tuple[tuple[str, ...], Suggestion]] = []
    for keys, suggestion in sorted(scored.items(), key=lambda kv: (-kv[1].score, kv[0])):
        shown = tuple(normalize(suggestion.name).split())
        if any(_overlap(shown, other) or _overlap(keys, other) for other in taken):
            continue
        if any(_overlap(keys, other) for other, _s in chosen):
            continue
        chosen.append((keys, suggestion))
        if len(chosen) == limit:
            break
    return [suggestion for _keys, suggestion in chosen]


def _overlap(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether one phrase lies inside the other (`شمخاني` in `علي شمخاني`)."""
    short, long = sorted((a, b), key=len)
    return any(long[i : i + len(short)] == short for i in range(len(long) - len(short) + 1))
