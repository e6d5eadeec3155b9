"""A paginator whose count stays cheap on a large table.

Counting 100,000 matching rows costs more than the page itself; nobody pages that far. The
count stops at COUNT_CAP (a bounded subquery), and the page says "more than" beyond it.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet

COUNT_CAP = 10_000


class CappedPaginator(Paginator):
    object_list: QuerySet[Any]  # the newsroom's lists page querysets (count by subquery)

    @cached_property
    def _counted(self) -> int:
        return self.object_list.order_by()[: COUNT_CAP + 1].count()

    @cached_property
    def count(self) -> int:
        return min(self._counted, COUNT_CAP)

    @property
    def capped(self) -> bool:
        """Whether there are more rows than the count says."""
        return self._counted > COUNT_CAP
