"""Banks of newsroom prose, one module per edition, that the demo generator fills in.

A bank holds *stories* (a headline and a lead that belong together, plus paragraphs that
only make sense after that lead), paragraphs any story of its section can use, and pools
of slot values (cities, fictional officials, teams…). Officials are invented names on
purpose: the demo must not put made-up quotes in real people's mouths.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from khabar.text import Digits


@dataclass(frozen=True)
class Story:
    headline: str
    lead: str
    paragraphs: tuple[str, ...] = ()


@dataclass(frozen=True)
class SectionBank:
    slug: str
    name: str
    overlines: tuple[str, ...]
    stories: tuple[Story, ...]
    paragraphs: tuple[str, ...]
    keywords: tuple[str, ...]
    slots: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class MixedSpelling:
    """One keyword typed in several ways by different editors (ي/ی, ك/ک, أ/ا)."""

    slot: str
    value: str
    spellings: tuple[str, ...]


@dataclass(frozen=True)
class EditionBank:
    code: str
    newsroom_email: str
    digits: Digits
    sections: tuple[SectionBank, ...]
    sources: tuple[str, ...]
    bylines: tuple[str, ...]
    closings: tuple[str, ...]
    slots: Mapping[str, tuple[str, ...]]
    # Slots whose value, when a story's headline or lead names it, becomes a keyword.
    keyword_slots: tuple[str, ...]
    mixed_spellings: tuple[MixedSpelling, ...] = ()
    # Where the mixed spellings are shown off: every story there names the slot.
    showcase_section: str = "international"


def edition_banks() -> dict[str, EditionBank]:
    from khabar.demo.banks import ar, en, fa

    return {bank.code: bank for bank in (fa.BANK, ar.BANK, en.BANK)}
