"""Importing the old site's archive pages as articles, one page per transaction.

Importing is idempotent: a page already imported with the same content is reported
'unchanged' and nothing is written (no save, no event, no new updated_at), so an archive
can be imported again after a partial run. A page whose code exists with other content is
a 'conflict' until the caller asks to overwrite it.
"""

from __future__ import annotations

import datetime
import enum
import re
from dataclasses import dataclass
from os import PathLike
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from khabar.articles.models import Article
from khabar.articles.richtext import paragraphs_to_html
from khabar.articles.selectors import article_get_by_code
from khabar.articles.services import (
    article_create,
    article_fields_clean,
    article_update,
    keyword_names_clean,
)
from khabar.articles.workflow import article_redate
from khabar.calendars import InvalidDate, parse_datetime
from khabar.core.actors import IMPORTER
from khabar.editions.models import Edition
from khabar.importers.sample_format import PageError, ParsedPage, headline_from_lead, parse_page

__all__ = ["ImportResult", "Outcome", "article_import_file", "article_import_text"]


class Outcome(enum.StrEnum):
    CREATED = "created"
    UNCHANGED = "unchanged"
    UPDATED = "updated"
    CONFLICT = "conflict"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class ImportResult:
    name: str
    outcome: Outcome
    code: int | None = None
    message: str = ""
    warnings: tuple[str, ...] = ()  # what was left out of an imported page, and why


# C0 controls other than tab, newline, vertical tab, form feed and carriage return.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def article_import_file(
    *, edition: Edition, path: str | PathLike[str], update: bool = False
) -> ImportResult:
    """Import one archive page from a UTF-8 file (a BOM is allowed)."""
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return ImportResult(name, Outcome.FAILED, message=f"cannot read: {exc.strerror or exc}")
    try:
        text = _decode(data)
    except PageError as exc:
        return ImportResult(name, Outcome.FAILED, message=str(exc))
    return article_import_text(edition=edition, text=text, name=name, update=update)


def article_import_text(
    *, edition: Edition, text: str, name: str, update: bool = False
) -> ImportResult:
    """Import one archive page. `name` only labels the result (a path, usually)."""
    code: int | None = None
    try:
        if _CONTROL.search(text):
            raise PageError("binary file (contains control characters)")
        page = parse_page(text)
        code = page.code
        try:
            published_at = parse_datetime(
                page.published_text, calendar=edition.calendar, tz=edition.time_zone
            )
        except InvalidDate as exc:
            raise PageError(f"unreadable publication date: {exc}") from None
        # Its own transaction: a page that fails rolls back alone, never its neighbours.
        with transaction.atomic():
            outcome, message = _import(edition, page, published_at, update=update)
    except PageError as exc:
        return ImportResult(name, Outcome.FAILED, code, str(exc))
    except ValidationError as exc:
        return ImportResult(name, Outcome.FAILED, code, _validation_message(exc))
    except IntegrityError as exc:  # e.g. another process imported the same code meanwhile
        return ImportResult(name, Outcome.FAILED, code, f"database refused it: {exc}")
    return ImportResult(name, outcome, code, message, tuple(page.warnings))


def _validation_message(exc: ValidationError) -> str:
    if not hasattr(exc, "error_dict"):
        return "; ".join(exc.messages)
    return "; ".join(
        f"{field}: {message}"
        for field, messages in exc.message_dict.items()
        for message in messages
    )


def _decode(data: bytes) -> str:
    if data.startswith(_UTF16_BOMS):
        raise PageError("not UTF-8 text (it is UTF-16); convert it to UTF-8 first")
    if b"\x00" in data:
        raise PageError("binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PageError(
            f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "convert it to UTF-8 first, e.g. iconv -f cp1256 -t utf-8"
        ) from None


def _import(
    edition: Edition, page: ParsedPage, published_at: datetime.datetime, *, update: bool
) -> tuple[Outcome, str]:
    fields = _page_fields(page)
    article = article_get_by_code(edition=edition, code=page.code)
    if article is None:
        article_create(
            actor=IMPORTER,
            edition=edition,
            code=page.code,
            published_at=published_at,
            keywords=page.keywords,
            **fields,
        )
        return Outcome.CREATED, ""

    if page.headline is None and not article.headline_needs_review:
        # An editor has replaced the headline we made up: theirs is not ours to compare
        # or overwrite.
        del fields["headline"], fields["headline_needs_review"]
    stored = article_fields_clean(edition=edition, fields=fields)
    changed = {
        name: fields[name] for name, value in stored.items() if getattr(article, name) != value
    }
    keywords_changed = list(keyword_names_clean(edition=edition, names=page.keywords)) != [
        link.keyword.key for link in article.ordered_keywords
    ]
    date_changed = article.published_at != published_at
    differences = [*changed, *(["keywords"] if keywords_changed else [])]
    differences += ["published_at"] if date_changed else []
    if not differences:
        return Outcome.UNCHANGED, ""
    if not update:
        return Outcome.CONFLICT, (
            f"exists with different content ({', '.join(differences)}); "
            "re-run with --update to overwrite"
        )
    if date_changed:
        if article.status != Article.Status.PUBLISHED:
            raise PageError(
                f"publication date differs and the article is {article.status}; not republishing it"
            )
        article_redate(actor=IMPORTER, article=article, published_at=published_at)
    if changed or keywords_changed:
        article_update(
            actor=IMPORTER,
            article=article,
            keywords=page.keywords if keywords_changed else None,
            **changed,
        )
    return Outcome.UPDATED, ", ".join(differences)


def _page_fields(page: ParsedPage) -> dict[str, Any]:
    return {
        "headline": page.headline or headline_from_lead(page.lead),
        "headline_needs_review": page.headline is None,
        "overline": page.overline or "",
        "lead": page.lead,
        "body": paragraphs_to_html(page.paragraphs),
    }
