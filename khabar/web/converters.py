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


class DatePartConverter:
    """A year, month or day of an archive URL, in any digits; written back as `01`, `1395`."""

    regex = "[0-9۰-۹٠-٩]{1,4}"

    def to_python(self, value: str) -> int:
        return parse_int(value, max_digits=4)

    def to_url(self, value: int) -> str:
        return f"{int(value):02d}"


class EditionConverter:
    regex = "[a-z]{2,8}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
