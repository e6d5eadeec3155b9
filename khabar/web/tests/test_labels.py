"""Labels translated once per process and language (khabar.web.labels)."""

from __future__ import annotations

import pytest
from django.utils import translation
from django.utils.translation import gettext

from khabar.core import links
from khabar.web import labels
from khabar.web.labels import Label

NEWS_CODE = Label("News code")


@pytest.mark.parametrize(
    ("language", "expected"), [("ar", "رمز الخبر"), ("fa", "کد خبر"), ("en", "News code")]
)
def test_a_label_prints_the_active_languages_translation(language: str, expected: str) -> None:
    with translation.override(language):
        assert str(NEWS_CODE) == expected
        assert f"<dt>{NEWS_CODE}:</dt>" == f"<dt>{expected}:</dt>"


def test_each_language_keeps_its_own_translation_in_turn() -> None:
    """The table is per language: Persian after Arabic is Persian, then Arabic again."""
    shown = []
    for language in ("ar", "fa", "ar", "en", "fa"):
        with translation.override(language):
            shown.append(str(NEWS_CODE))
            assert shown[-1] == gettext("News code")
    assert shown == ["رمز الخبر", "کد خبر", "رمز الخبر", "News code", "کد خبر"]


def test_a_label_is_translated_once_per_language(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []

    def counted(message: str) -> str:
        asked.append(message)
        return gettext(message)

    monkeypatch.setattr(labels, "gettext", counted)
    monkeypatch.setattr(labels, "_translated", {})
    with translation.override("fa"):
        for _ in range(3):
            assert str(NEWS_CODE) == "کد خبر"
    assert asked == ["News code"]


def test_inside_a_fixed_context_the_language_is_the_one_read_on_entering() -> None:
    with translation.override("ar"):
        assert links.language() == "ar"
        with links.fixed_context():
            assert links.language() == "ar"
        with translation.override("fa"):
            assert links.language() == "fa"  # outside one, read each time
