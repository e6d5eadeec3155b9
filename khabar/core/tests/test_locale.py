"""The compiled translations are complete and safe to format."""

from __future__ import annotations

import gettext
import re
import struct
from pathlib import Path

import pytest

KHABAR = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")
MO_MAGIC = 0x950412DE


def catalog_files(language: str) -> list[Path]:
    """Every compiled catalog of the language, the project's and each app's."""
    return sorted(KHABAR.glob(f"**/locale/{language}/LC_MESSAGES/django.mo"))


def catalog(language: str) -> dict[object, str]:
    """The language's messages as Django merges them."""
    entries: dict[object, str] = {}
    for path in catalog_files(language):
        with path.open("rb") as file:
            entries.update(gettext.GNUTranslations(file)._catalog)  # type: ignore[attr-defined]
    return entries


def raw_entries(path: Path) -> list[tuple[list[str], list[str]]]:
    """(msgid and msgid_plural, the translated forms) of each entry of a .mo file.

    Read here rather than through gettext, which keys plural forms by the singular alone
    and so hides the plural message's placeholders.
    """
    data = path.read_bytes()
    order = "<" if struct.unpack("<I", data[:4])[0] == MO_MAGIC else ">"
    count, originals, translations = struct.unpack(f"{order}3I", data[8:20])

    def string(table: int, index: int) -> list[str]:
        length, offset = struct.unpack(
            f"{order}2I", data[table + 8 * index : table + 8 * index + 8]
        )
        return data[offset : offset + length].decode().split("\x00")

    return [(string(originals, i), string(translations, i)) for i in range(count)]


@pytest.mark.parametrize("language", ["fa", "ar"])
def test_every_translation_keeps_the_placeholders_of_its_message(language: str) -> None:
    """A translation naming another placeholder would raise KeyError when shown.

    A plural form may leave the number out (Arabic says "no entries", "one entry", "two
    entries" in words); it may never name a placeholder the messages do not have.
    """
    wrong = []
    for path in catalog_files(language):
        for originals, forms in raw_entries(path):
            if not originals[0]:
                continue  # the catalog's header
            expected = {name for text in originals for name in PLACEHOLDER.findall(text)}
            for form in forms:
                found = PLACEHOLDER.findall(form)
                plural = len(originals) > 1
                if not set(found) <= expected if plural else sorted(found) != sorted(expected):
                    wrong.append((originals[0], form))
    assert wrong == []


@pytest.mark.parametrize("language", ["fa", "ar"])
def test_the_public_page_labels_are_translated(language: str) -> None:
    messages = catalog(language)
    for label in ("News code", "Publication date", "Keywords", "Page not found"):
        assert messages.get(label), f"{label!r} has no {language} translation"
