"""Path converters that accept digits in any script.

Django's `<int:>` only matches ASCII digits; readers copy codes like `۱۴۰۲۷`
from the page itself, so URLs take Persian and Arabic-Indic digits too.
"""

from __future__ import annotations

from khabar.text import parse_int

MAX_CODE_DIGITS = 12


class AnyDigitsConverter:
    regex = f"[0-9۰-۹٠-٩]{{1,{MAX_CODE_DIGITS}}}"

    def to_python(self, value: str) -> int:
        return parse_int(value, max_digits=MAX_CODE_DIGITS)

    def to_url(self, value: int) -> str:
        return str(int(value))


class EditionConverter:
    regex = "[a-z]{2,8}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
