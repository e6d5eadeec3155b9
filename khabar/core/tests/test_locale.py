"""The compiled translations are complete and safe to format."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def catalog(language: str) -> dict[object, str]:
    with (LOCALE / language / "LC_MESSAGES" / "django.mo").open("rb") as file:
        return gettext.GNUTranslations(file)._catalog  # type: ignore[attr-defined]


@pytest.mark.parametrize("language", ["fa", "ar"])
def test_every_translation_keeps_the_placeholders_of_its_message(language: str) -> None:
    """A translation naming another placeholder would raise KeyError when shown."""
    wrong = []
    for msgid, msgstr in catalog(language).items():
        original = msgid[0] if isinstance(msgid, tuple) else msgid
        if original and sorted(PLACEHOLDER.findall(original)) != sorted(
            PLACEHOLDER.findall(msgstr)
        ):
            wrong.append((original, msgstr))
    assert wrong == []


@pytest.mark.parametrize("language", ["fa", "ar"])
def test_the_public_page_labels_are_translated(language: str) -> None:
    messages = catalog(language)
    for label in ("News code", "Publication date", "Keywords", "Page not found"):
        assert messages.get(label), f"{label!r} has no {language} translation"
