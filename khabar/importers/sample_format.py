"""Reading one page of the old site's text archive (the "sample format"). Pure: no database.

A page is a few labelled lines (news code, publication date, optionally headline and
overline), the article's paragraphs one per line, a keywords line, then page furniture
(the submissions invitation, the newsroom email, the comment form) that is no part of the
article. Labels come in Arabic or Persian with either yeh/kaf and any spacing before the
colon, so they are matched through `khabar.text.normalize`, never as literal strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from khabar.articles.limits import CODE_MAX, HEADLINE_MAX
from khabar.text import NumberTooLong, display_text, normalize, parse_int

__all__ = ["HEADLINE_MAX_LENGTH", "PageError", "ParsedPage", "headline_from_lead", "parse_page"]

HEADLINE_MAX_LENGTH = HEADLINE_MAX
HEADLINE_MAX_WORDS = 14


class PageError(ValueError):
    """A page the importer cannot read; the message says why in plain English."""


@dataclass(frozen=True, slots=True)
class ParsedPage:
    code: int
    published_text: str
    lead: str
    paragraphs: list[str] = field(default_factory=list)  # the body, after the lead
    keywords: list[str] = field(default_factory=list)
    headline: str | None = None
    overline: str | None = None
    warnings: list[str] = field(default_factory=list)  # what was left out, and why


def _labels(*spellings: str) -> frozenset[str]:
    return frozenset(_label_key(s) for s in spellings)


def _label_key(text: str) -> str:
    # Spaces go too: "برچسب ها", "برچسب‌ها" (ZWNJ) and "برچسبها" are one label.
    return normalize(text.strip().lstrip("*").strip()).replace(" ", "")


CODE, DATE, KEYWORDS, HEADLINE, OVERLINE = "code", "date", "keywords", "headline", "overline"

_FIELD_LABELS: dict[str, frozenset[str]] = {
    CODE: _labels("رمز الخبر", "رمز خبر", "کد خبر", "کد الخبر"),
    DATE: _labels("تأريخ النشر", "تاریخ النشر", "تاریخ انتشار"),
    KEYWORDS: _labels(
        "الكلمات الرئيسة",
        "الكلمات الرئيسية",
        "الكلمات المفتاحية",
        "کلمات کلیدی",
        "برچسب‌ها",
        "برچسب ها",
    ),
    HEADLINE: _labels("العنوان", "عنوان الخبر", "تیتر"),
    OVERLINE: _labels("روتیتر"),
}
_HEADER_ONLY = frozenset({HEADLINE, OVERLINE})
_LABEL_TO_FIELD = {label: name for name, labels in _FIELD_LABELS.items() for label in labels}
_FIELD_DESCRIPTIONS = {
    CODE: "news code line (رمز الخبر / کد خبر)",
    DATE: "publication date line (تأريخ النشر / تاریخ انتشار)",
    KEYWORDS: "keywords line (الكلمات الرئيسة / کلمات کلیدی)",
    HEADLINE: "headline line (العنوان / تیتر)",
    OVERLINE: "overline line (روتیتر)",
}

# The comment form's headings and field labels, as lines of their own.
_COMMENT_HEADINGS = _labels("رأيكم", "رایکم", "التعليقات", "نظر شما", "نظرات", "ارسال نظر")
_COMMENT_FIELDS = _labels(
    "الاسم", "البريد الإلكتروني", "التعليق", "نام", "ایمیل", "پست الکترونیک", "نظر"
)
# The submissions invitation, by the start of its spaceless matching key.
_INVITATION = re.compile(r"^(بامکانکم|یمکنکم)ارسال|^(شما)?میتوانید(مطالب|تصاویر|اخبار)")

_LABEL_MAX_LENGTH = 40  # longer than any label or furniture heading, with spacing
_COLON = re.compile(r"\s*[:：﹕]\s*")
_EMAIL = re.compile(r"^(mailto:)?[^\s@]+@[^\s@]+\.[^\s@]+$", re.IGNORECASE)
_KEYWORD_SEPARATORS = re.compile(r"[،,؛;]")
# A sentence ends at these when they close a word: "18:56" or "3.5" do not end one.
_SENTENCE_END = re.compile(r"[.!?؟،؛:](?=\s|$)")


def _labelled(line: str) -> tuple[str, str] | None:
    """Split "label: value" into the label's matching key and the value as typed."""
    parts = _COLON.split(line, maxsplit=1)
    if len(parts) != 2 or len(parts[0]) > _LABEL_MAX_LENGTH:  # a sentence with a colon
        return None
    return _label_key(parts[0]), parts[1].strip()


def _is_furniture(line: str, labelled: tuple[str, str] | None) -> bool:
    # Only a line's start can show it is furniture; normalising whole paragraphs would
    # cost more than the rest of parsing together.
    key = _label_key(line[:_LABEL_MAX_LENGTH])
    if len(line) <= _LABEL_MAX_LENGTH and key in _COMMENT_HEADINGS:
        return True
    if _INVITATION.match(key):
        return True
    if labelled is not None:
        label, value = labelled
        return label in _COMMENT_FIELDS and (not value or bool(_EMAIL.match(value)))
    return False


def parse_page(text: str) -> ParsedPage:
    """Read one archive page; raise PageError naming what is missing or unreadable."""
    fields: dict[str, str] = {}
    paragraphs: list[str] = []
    in_furniture = False
    for raw in text.removeprefix("\ufeff").splitlines():
        line = " ".join(raw.split())
        if not line:
            continue
        labelled = _labelled(line)
        name = _LABEL_TO_FIELD.get(labelled[0]) if labelled else None
        if name in _HEADER_ONLY and paragraphs:
            name = None  # in the body, "العنوان: …" is an address, not the headline
        if labelled and name:
            if name in fields:
                raise PageError(f"more than one {_FIELD_DESCRIPTIONS[name]}")
            fields[name] = labelled[1]
            # The keywords line closes the article: what follows is the page around it.
            in_furniture = in_furniture or name == KEYWORDS
        elif _EMAIL.match(line):
            continue  # the newsroom address, alone on its line
        elif _is_furniture(line, labelled):
            in_furniture = True
        elif not in_furniture:
            paragraphs.append(line)

    for required in (CODE, DATE):
        if required not in fields:
            raise PageError(f"no {_FIELD_DESCRIPTIONS[required]}")
    try:
        code = parse_int(fields[CODE], max_digits=len(str(CODE_MAX)))
    except NumberTooLong:
        code = CODE_MAX + 1
    except ValueError:
        raise PageError(f"news code {fields[CODE]!r} is not a number") from None
    if code > CODE_MAX:
        raise PageError(f"news code {fields[CODE]!r} is too large (the largest is {CODE_MAX})")
    if code < 1:
        raise PageError(f"news code {fields[CODE]!r} is not a positive number")
    if not fields[DATE]:
        raise PageError("empty publication date")
    if not paragraphs:
        raise PageError("empty body")
    keywords, warnings = _keywords(fields.get(KEYWORDS, ""))
    return ParsedPage(
        code=code,
        published_text=fields[DATE],
        lead=paragraphs[0],
        paragraphs=paragraphs[1:],
        keywords=keywords,
        warnings=warnings,
        headline=fields.get(HEADLINE) or None,
        overline=fields.get(OVERLINE) or None,
    )


def _keywords(line: str) -> tuple[list[str], list[str]]:
    """The keywords of the keywords line, and a warning for each left out as invisible.

    A keyword of invisible characters only (an RLM typed between two commas) is no keyword;
    the article services would leave it out too, and the page is imported without it.
    """
    keywords: list[str] = []
    warnings: list[str] = []
    names = [name.strip() for name in _KEYWORD_SEPARATORS.split(line)]
    for number, name in enumerate((name for name in names if name), start=1):
        if display_text(name).strip():
            keywords.append(name)
        else:
            code_points = " ".join(f"U+{ord(char):04X}" for char in name[:10])
            warnings.append(
                f"keyword {number} has only invisible characters ({code_points}); dropped"
            )
    return keywords, warnings


def headline_from_lead(lead: str) -> str:
    """A stand-in headline for a page without one: the lead's first sentence, or its start.

    Cut at the first . ، ؛ : ! ? that ends a word, or after HEADLINE_MAX_WORDS words,
    whichever comes first, and never inside a word; an editor is asked to review it.
    """
    end = _SENTENCE_END.search(lead)
    sentence = lead[: end.start()] if end else lead
    words = sentence.split()[:HEADLINE_MAX_WORDS]
    if not words:  # the lead starts with punctuation: take its first words instead
        words = lead.split()[:HEADLINE_MAX_WORDS]
    headline = ""
    for word in words:
        candidate = f"{headline} {word}" if headline else word
        if len(candidate) > HEADLINE_MAX_LENGTH:
            break
        headline = candidate
    return headline or words[0][:HEADLINE_MAX_LENGTH]
