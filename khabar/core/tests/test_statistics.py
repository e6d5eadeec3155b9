"""The planner's statistics: recorded on SQLite, left to autovacuum on PostgreSQL."""

from __future__ import annotations

import pytest
from django.db import connection

from khabar.core.statistics import statistics_refresh


@pytest.mark.django_db
def test_sqlite_records_how_many_articles_each_index_value_holds(sample_article: object) -> None:
    refreshed = statistics_refresh()
    assert refreshed == (connection.vendor == "sqlite")
    if refreshed:
        with connection.cursor() as cursor:
            cursor.execute("SELECT idx FROM sqlite_stat1 WHERE tbl = 'articles_article'")
            indexes = {row[0] for row in cursor.fetchall()}
        assert "article_newsroom_changed" in indexes
