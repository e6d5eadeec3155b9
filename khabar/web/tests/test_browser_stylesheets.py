"""What the browser is sent besides HTML: the stylesheets and the font, read as files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

STATIC = Path(__file__).resolve().parents[1] / "static" / "khabar"
STYLESHEETS = sorted(STATIC.glob("*.css"))
COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)


def _rules(path: Path) -> str:
    """The stylesheet without its comments, which may well mention left and right."""
    return COMMENT.sub("", path.read_text(encoding="utf-8"))


def test_the_site_has_a_screen_and_a_print_stylesheet() -> None:
    assert [path.name for path in STYLESHEETS] == [
        "comments.css",
        "print.css",
        "site.css",
        "submit.css",
    ]


@pytest.mark.parametrize("path", STYLESHEETS, ids=lambda path: path.name)
def test_stylesheets_use_logical_directions_only(path: Path) -> None:
    """No left/right/top/bottom and no [dir] selectors: the LTR edition mirrors by itself."""
    physical = re.compile(
        r"\b(left|right)\b"
        r"|\b(top|bottom)\s*:"
        r"|-(top|bottom)\b"
        r"|\[dir\b"
        r"|\b(margin|padding)\s*:\s*[^\s;]+\s+[^\s;]+\s+[^\s;]+"  # 3 or 4 values
    )
    found = [
        f"line {number}: {line.strip()}"
        for number, line in enumerate(_rules(path).splitlines(), start=1)
        if physical.search(line)
    ]
    assert found == []


@pytest.mark.parametrize("path", STYLESHEETS, ids=lambda path: path.name)
def test_stylesheets_load_nothing_from_another_host(path: Path) -> None:
    urls = re.findall(r"url\(\s*['\"]?([^'\")]+)", _rules(path))
    imports = re.findall(r"@import\s+['\"]([^'\"]+)", _rules(path))
    foreign = [url for url in urls + imports if re.match(r"([a-z]+:)?//", url, re.IGNORECASE)]
    assert foreign == []


def test_every_font_the_stylesheet_names_is_shipped_with_its_licence() -> None:
    sources = re.findall(r"url\(\s*['\"]?([^'\")]+\.woff2)", _rules(STATIC / "site.css"))
    assert sources, "site.css declares no woff2 font"
    for source in sources:
        font = STATIC / source
        assert font.is_file(), f"{source} is not in khabar/web/static/khabar/"
        assert font.read_bytes()[:4] == b"wOF2", f"{source} is not a WOFF2 file"
    licence = (STATIC / "fonts" / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL Open Font License" in licence
