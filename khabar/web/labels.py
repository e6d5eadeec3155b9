"""Labels of the public pages, translated once per process and language.

`gettext_lazy` translates again at every use: the active translation read from a
context-local, then the message looked up in each app's catalog in turn. An article page
prints about twenty labels that way, which cost it about 3% of its CPU (py-spy, uncached
pages). A `Label` keeps what each language's catalog gave it: a running process's
translations never change (Django keeps its catalogs for the life of the process too).
Messages are marked for `makemessages` with `gettext_noop`.
"""

from __future__ import annotations

from django.utils.translation import gettext

from khabar.core import links

# Per language, what each message translates to.
_translated: dict[str | None, dict[str, str]] = {}


class Label:
    """A message printed in the active language (`str(label)`, or in an f-string)."""

    __slots__ = ("message",)

    def __init__(self, message: str) -> None:
        self.message = message

    def __str__(self) -> str:
        language = links.language()
        table = _translated.get(language)
        if table is None:
            table = _translated.setdefault(language, {})
        text = table.get(self.message)
        if text is None:
            text = table[self.message] = gettext(self.message)
        return text

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __repr__(self) -> str:
        return f"Label({self.message!r})"
