"""Display patterns: how an edition lays out its date line.

A pattern is literal text with tokens in braces:

    {weekday}                        the day of the week, in the edition's language
    {day} {month} {year} {era}       the date in the primary calendar; {era} is its year
                                     marker (هـ, ق, ش, م, AH, SH, CE; see names.ERAS)
    {day2} {month2} {year2} {era2}   the same day in the secondary calendar
    {time}                           the local time, 24-hour HH:MM

Secondary tokens go inside one optional section in square brackets, which is left out
when there is no secondary date: no secondary calendar, or a Hijri date past the Umm
al-Qura table, which is written in Gregorian and would only be repeated.

Strict, so that parse_datetime reads back every line a pattern writes: {day}, {month} and
{year} are required, each token appears at most once, literal text holds no letters or
digits (spaces and punctuation only), and braces and brackets have no other use. Any
other pattern raises InvalidPattern, a ValueError, when it is checked.

DEFAULT_PATTERN is the line Khabar has always shown, "۱۹ دی ۱۳۹۵ (۸ ژانویه ۲۰۱۷) - ۱۸:۵۶";
ARAB_PATTERN the one Arab news sites show,
"الأحد 10 ربيع الآخر 1438 هـ - 8 يناير 2017 م - 18:56".
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

__all__ = [
    "ARAB_PATTERN",
    "DEFAULT_PATTERN",
    "InvalidPattern",
    "Pattern",
    "Token",
    "compile_pattern",
]

DEFAULT_PATTERN = "{day} {month} {year}[ ({day2} {month2} {year2})] - {time}"
ARAB_PATTERN = "{weekday} {day} {month} {year} {era}[ - {day2} {month2} {year2} {era2}] - {time}"

PRIMARY_TOKENS = frozenset({"weekday", "day", "month", "year", "era", "time"})
SECONDARY_TOKENS = frozenset({"day2", "month2", "year2", "era2"})
TOKENS = PRIMARY_TOKENS | SECONDARY_TOKENS
_REQUIRED = ("day", "month", "year")


class InvalidPattern(ValueError):
    """A display pattern with an unknown token, a misplaced bracket or unreadable text."""


@dataclass(frozen=True, slots=True)
class Token:
    name: str


Piece = str | Token
# Top-level pieces, and the optional section as a tuple of pieces.
Pattern = tuple[Piece | tuple[Piece, ...], ...]

_LEXEME = re.compile(r"\{([^{}\[\]]*)\}|[\[\]]|[{}]|[^{}\[\]]+")


@functools.cache
def compile_pattern(pattern: str) -> Pattern:
    """Split `pattern` into literal text, tokens and its optional section; InvalidPattern."""
    top: list[Piece | tuple[Piece, ...]] = []
    section: list[Piece] | None = None
    seen: set[str] = set()
    sections = 0
    for match in _LEXEME.finditer(pattern):
        lexeme = match[0]
        if lexeme == "[":
            if section is not None:
                raise InvalidPattern(f"brackets cannot nest in {pattern!r}")
            section, sections = [], sections + 1
        elif lexeme == "]":
            if section is None:
                raise InvalidPattern(f"']' without '[' in {pattern!r}")
            if not SECONDARY_TOKENS & {p.name for p in section if isinstance(p, Token)}:
                raise InvalidPattern(
                    f"the bracketed section holds no secondary token in {pattern!r}"
                )
            top.append(tuple(section))
            section = None
        elif lexeme in "{}":
            raise InvalidPattern(f"unmatched {lexeme!r} in {pattern!r}")
        else:
            piece = _piece(match, pattern, seen, in_section=section is not None)
            (top if section is None else section).append(piece)
    if section is not None:
        raise InvalidPattern(f"'[' without ']' in {pattern!r}")
    if sections > 1:
        raise InvalidPattern(f"only one bracketed section is allowed in {pattern!r}")
    missing = [name for name in _REQUIRED if name not in seen]
    if missing:
        tokens = ", ".join(f"{{{name}}}" for name in missing)
        raise InvalidPattern(f"{pattern!r} lacks {tokens}, without which it cannot be read back")
    return tuple(top)


def _piece(match: re.Match[str], pattern: str, seen: set[str], *, in_section: bool) -> Piece:
    name = match[1]
    if name is None:
        literal = match[0]
        if any(char.isalnum() for char in literal):
            raise InvalidPattern(
                f"literal text {literal!r} in {pattern!r} holds letters or digits; "
                "only spaces and punctuation may stand between tokens"
            )
        return literal
    if name not in TOKENS:
        known = ", ".join(f"{{{token}}}" for token in sorted(TOKENS))
        raise InvalidPattern(f"unknown token {{{name}}} in {pattern!r}; known tokens: {known}")
    if name in seen:
        raise InvalidPattern(f"{{{name}}} appears twice in {pattern!r}")
    if name in SECONDARY_TOKENS and not in_section:
        raise InvalidPattern(
            f"{{{name}}} must be inside the [...] section in {pattern!r}: "
            "the secondary date is not always there"
        )
    seen.add(name)
    return Token(name)


def render(pattern: Pattern, values: dict[str, str], *, with_secondary: bool) -> str:
    """Fill `pattern`'s tokens from `values`, with its section only when `with_secondary`."""
    out: list[str] = []
    for part in pattern:
        if isinstance(part, tuple):
            if with_secondary:
                out.extend(_text(piece, values) for piece in part)
        else:
            out.append(_text(part, values))
    return "".join(out)


def _text(piece: Piece, values: dict[str, str]) -> str:
    return values[piece.name] if isinstance(piece, Token) else piece
