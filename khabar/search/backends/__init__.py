"""The search engine in use, named by dotted path in SEARCH_BACKEND (like a cache backend).

`config.settings` picks the engine of the database: SQLite FTS5 on the embedded setup,
PostgreSQL full-text search in production. Both take the same analysed query
(`khabar.text.analysis`) and the same filters, and answer with article ids.
"""

from __future__ import annotations

import functools

from django.conf import settings
from django.utils.module_loading import import_string

from khabar.search.backends.base import Filters, Hits, Order, SearchBackend

__all__ = ["Filters", "Hits", "Order", "SearchBackend", "backend"]


@functools.cache
def _load(path: str) -> SearchBackend:
    backend_class: type[SearchBackend] = import_string(path)
    return backend_class()


def backend() -> SearchBackend:
    return _load(settings.SEARCH_BACKEND)
