"""The translations are complete, compiled, consistent and safe to format.

The project catalog (khabar/locale) holds every message of the code, made from the repository
root with `make messages`; the apps' own catalogs hold their messages too, translated the same
way, since Django looks in LOCALE_PATHS before the apps and the project's translation is the
one shown.
"""

from __future__ import annotations

import ast
import gettext
import re
import struct
from dataclasses import dataclass, field
from pathlib import Path

import pytest

KHABAR = Path(__file__).resolve().parents[2]
PROJECT = KHABAR / "locale"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")
MO_MAGIC = 0x950412DE
LANGUAGES = ["fa", "ar"]
CREATION_DATE = re.compile(r"^POT-Creation-Date: .*\n", re.MULTILINE)
PO_LINE = re.compile(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(".*")$')


def catalog_files(language: str) -> list[Path]:
    """Every compiled catalog of the language, the project's and each app's."""
    return sorted(KHABAR.glob(f"**/locale/{language}/LC_MESSAGES/django.mo"))


def po_files(language: str) -> list[Path]:
    return sorted(KHABAR.glob(f"**/locale/{language}/LC_MESSAGES/django.po"))


@dataclass
class PoEntry:
    context: str | None = None
    msgid: str | None = None
    plural: str | None = None
    forms: dict[int, str] = field(default_factory=dict)
    fuzzy: bool = False

    @property
    def key(self) -> str:
        """The message's key in a compiled catalog: the context, EOT, the msgid."""
        assert self.msgid is not None
        return self.msgid if self.context is None else f"{self.context}\x04{self.msgid}"


def read_po(path: Path) -> list[PoEntry]:
    """The entries of a .po file, its header first; obsolete (#~) entries left out.

    Enough of the format for these tests: an entry starts at its msgctxt, or at a msgid
    that does not follow one, so blank lines and comments may stand anywhere, as msgfmt
    allows.
    """
    entries: list[PoEntry] = []
    fuzzy, part = False, ""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if line.startswith("#,"):
            fuzzy = fuzzy or "fuzzy" in (flag.strip() for flag in line[2:].split(","))
            continue
        if not line or line.startswith("#"):
            continue
        match = PO_LINE.match(line)
        if match:
            part, text = match[1], ast.literal_eval(match[2])
            if part == "msgctxt" or (
                part == "msgid" and (not entries or entries[-1].msgid is not None)
            ):
                entries.append(PoEntry(fuzzy=fuzzy))
                fuzzy = False
        elif line.startswith('"') and entries:
            text = ast.literal_eval(line)
        else:
            raise ValueError(f"{path}:{number}: not a line of a .po file: {line!r}")
        entry = entries[-1]
        if part == "msgctxt":
            entry.context = (entry.context or "") + text
        elif part == "msgid":
            entry.msgid = (entry.msgid or "") + text
        elif part == "msgid_plural":
            entry.plural = (entry.plural or "") + text
        else:
            index = int(part[7:-1]) if "[" in part else 0
            entry.forms[index] = entry.forms.get(index, "") + text
    return entries


def plural_count(header: PoEntry) -> int:
    match = re.search(r"nplurals=(\d+)", header.forms[0])
    assert match, "the header has no Plural-Forms"
    return int(match[1])


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


def where(path: Path, entry: PoEntry) -> str:
    return f"{path.relative_to(KHABAR)}: {entry.key!r}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_of_every_catalog_is_translated_and_none_is_fuzzy(language: str) -> None:
    """An empty or fuzzy translation is left out of the compiled catalog: the reader gets English.

    Plural messages need every form the language's Plural-Forms counts (six in Arabic).
    """
    untranslated = []
    for path in po_files(language):
        header, *entries = read_po(path)
        assert header.msgid == "", f"{path} has no header"
        assert not header.fuzzy, f"{path}: a fuzzy header is not compiled, nor its Plural-Forms"
        forms = set(range(plural_count(header)))
        for entry in entries:
            expected = forms if entry.plural is not None else {0}
            if entry.fuzzy or set(entry.forms) != expected or not all(entry.forms.values()):
                untranslated.append(where(path, entry))
    assert untranslated == []


def compiled_from(path: Path) -> dict[object, str]:
    """The catalog msgfmt makes of the .po file, keyed as gettext keys it."""
    messages: dict[object, str] = {}
    for entry in read_po(path):
        if entry.fuzzy or not all(entry.forms.values()):
            continue  # msgfmt leaves these out
        if entry.plural is None:
            messages[entry.key] = entry.forms[0]
        else:
            messages.update(((entry.key, index), form) for index, form in entry.forms.items())
    return messages


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_compiled_catalog_is_its_po_file_compiled(language: str) -> None:
    """The .mo is what Django reads: one left behind its .po shows the old text."""
    stale = []
    for path in po_files(language):
        with path.with_suffix(".mo").open("rb") as file:
            compiled = gettext.GNUTranslations(file)._catalog  # type: ignore[attr-defined]
        expected = compiled_from(path)
        # msgfmt leaves this line of the header out, so that builds repeat.
        for messages in (compiled, expected):
            messages[""] = CREATION_DATE.sub("", messages[""])
        if compiled != expected:
            keys = {
                key
                for key in compiled.keys() | expected.keys()
                if compiled.get(key) != expected.get(key)
            }
            stale.append((str(path.relative_to(KHABAR)), sorted(map(str, keys))[:5]))
    assert stale == [], "compile them: msgfmt --check -o django.mo django.po"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_project_catalog_holds_every_app_message_translated_alike(language: str) -> None:
    """Django looks in LOCALE_PATHS before the apps, so the project's translation is shown.

    An app's message missing from it means `make messages` was not run after the app changed;
    a different translation in the app would never be shown, nor a correction made there.
    """
    project = {
        entry.key: entry.forms
        for entry in read_po(PROJECT / language / "LC_MESSAGES" / "django.po")
    }
    different = []
    for path in po_files(language):
        if path.is_relative_to(PROJECT):
            continue
        for entry in read_po(path)[1:]:
            if project.get(entry.key) != entry.forms:
                different.append(where(path, entry))
    assert different == []
