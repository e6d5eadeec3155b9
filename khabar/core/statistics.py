"""The query planner's statistics: SQLite keeps none unless asked.

Without them SQLite assumes every index narrows a search to a few rows, so a list "of these
editions, newest first" reads every article of the editions and sorts them instead of
walking the (updated_at, id) index and stopping after a page. ANALYZE records how many rows
each index value holds; the worker runs it at start. PostgreSQL's autovacuum keeps its own.
"""

from __future__ import annotations

from django.db import connection


def statistics_refresh() -> bool:
    """ANALYZE the SQLite database; whether there was anything to do."""
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return True
