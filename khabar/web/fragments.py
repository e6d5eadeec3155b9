"""Parts of pages rendered once per process for each set of values they show.

The same boxes and forms are printed on page after page; rendering them each time cost an
uncached page most of its template work. `render_once` renders a template from the values
given alone, in a context that holds nothing else, so a part cannot depend on anything its
key lacks, and a change to any value shown (a headline, a section's name, an edition's
email) is a new key, shown at once. Values must be hashable: strings, numbers, tuples,
frozen dataclasses.
"""

from __future__ import annotations

import functools
from collections.abc import Hashable

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from khabar.core import links


def render_once(template_name: str, /, **values: Hashable) -> SafeString:
    """`template_name` rendered with `values` in the active language, once per process."""
    return _rendered(template_name, links.language(), tuple(values.items()))


# Shared by every kind of part (an article page asks for two: the "send us" box and the
# comment form); cards keep their own (khabar.web.cards).
@functools.lru_cache(maxsize=4096)
def _rendered(
    template_name: str, _language: str | None, values: tuple[tuple[str, Hashable], ...]
) -> SafeString:
    return SafeString(render_to_string(template_name, dict(values)))
