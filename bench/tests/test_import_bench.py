"""The import benchmark's pages are the importer's format, and all three paths write them."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from bench.import_bench import IMPORT_CODES, measure, page_text, pages_write
from khabar.articles.models import Article
from khabar.calendars import parse_datetime
from khabar.demo.banks import edition_banks
from khabar.demo.generator import article_plans
from khabar.editions.models import Edition
from khabar.importers.sample_format import parse_page


def test_a_generated_page_reads_back_as_the_plan_it_was_written_from() -> None:
    plan = next(p for p in article_plans(bank=edition_banks()["fa"], count=20) if p.overline)
    at = datetime.datetime(2024, 4, 8, 6, 0, tzinfo=datetime.UTC)
    page = parse_page(page_text(plan=plan, code=1_000_007, published_at=at, tz="Asia/Tehran"))
    assert page.code == 1_000_007
    assert parse_datetime(page.published_text, calendar="solar_hijri", tz="Asia/Tehran") == at
    assert (page.overline, page.headline, page.lead) == (plan.overline, plan.headline, plan.lead)
    assert page.paragraphs == list(plan.paragraphs)
    assert page.keywords == list(plan.keywords)
    assert page.warnings == []  # the furniture is recognised and left out, not kept as text


@pytest.mark.django_db
def test_each_page_is_parsed_written_in_bulk_and_imported(tmp_path: Path) -> None:
    edition_fa = Edition.objects.get(code="fa")
    paths = pages_write(3, tz=edition_fa.time_zone, directory=tmp_path / "pages")
    spent = measure(paths, edition_fa)
    assert set(spent) == {"parse", "bulk", "import"}
    codes = set(Article.objects.filter(edition=edition_fa).values_list("code", flat=True))
    imported = {IMPORT_CODES + n for n in range(3)}
    assert codes == imported | {code + IMPORT_CODES for code in imported}
