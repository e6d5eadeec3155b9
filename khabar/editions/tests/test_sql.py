"""The hand-written reads return what their ORM twins return (run on SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
from django.db import connection
from pytest_django import DjangoAssertNumQueries

from khabar.editions import selectors, sql
from khabar.editions.models import Edition, Generation, Section

pytestmark = pytest.mark.django_db


def _field_values(instance: Edition | Section) -> dict[str, object]:
    return {f.attname: getattr(instance, f.attname) for f in type(instance)._meta.concrete_fields}


def test_editions_with_sections_is_the_orm_read_in_one_query(
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    fa = Edition.objects.get(code="fa")
    Section.objects.create(edition=fa, slug="b", name="ب", position=2)
    Section.objects.create(edition=fa, slug="a", name="الف", position=1)
    Section.objects.create(edition=fa, slug="c", name="ج", position=1)
    with django_assert_num_queries(1):
        found = sql.editions_with_sections()
    twin = [
        (edition, list(edition.sections.order_by("position", "name")))
        for edition in Edition.objects.order_by("position", "code")
    ]
    assert [_field_values(e) for e, _s in found] == [_field_values(e) for e, _s in twin]
    assert [[_field_values(s) for s in sections] for _e, sections in found] == [
        [_field_values(s) for s in sections] for _e, sections in twin
    ]
    # Editions without sections are there too, and each section knows its edition.
    assert any(not sections for _e, sections in found)
    assert all(s.edition is e for e, sections in found for s in sections)


def test_every_write_to_editions_or_sections_changes_the_generation() -> None:
    fa = Edition.objects.get(code="fa")
    seen = {sql.generation_read()}
    section = Section.objects.create(edition=fa, slug="x", name="x")
    seen.add(sql.generation_read())
    Section.objects.filter(pk=section.pk).update(name="y")
    seen.add(sql.generation_read())
    Edition.objects.filter(pk=fa.pk).update(name="فارسی")
    seen.add(sql.generation_read())
    section.delete()
    seen.add(sql.generation_read())
    assert len(seen) == 5
    assert sql.generation_read() == Generation.objects.get(name="editions").value


def test_the_process_copy_is_read_again_only_when_the_generation_moves(
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    selectors.directory()
    with django_assert_num_queries(1):
        kept = selectors.directory()
    # As another process would: a bare write, no event in this one.
    with connection.cursor() as cursor:
        cursor.execute("UPDATE editions_edition SET name = %s WHERE code = %s", ["Farsi", "fa"])
    fresh = selectors.directory()
    assert fresh is not kept
    assert next(e.name for e in fresh.editions if e.code == "fa") == "Farsi"
