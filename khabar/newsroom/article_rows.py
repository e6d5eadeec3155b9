"""The article list's rows as the page shows them, written once in Python.

Django's template engine spent most of a list page on its 25 rows: each cell resolved
dotted lookups through the article, its edition and author, and ran a filter for each
date and code. Here each row's text is made by plain attribute reads and the same
functions the filters call (so it reads exactly as they write it), and the template only
places the strings.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from khabar.articles.models import Article
from khabar.core.templatetags.khabar import edition_datetime, edition_digits

Status = Article.Status


@dataclass(frozen=True, slots=True)
class ArticleRow:
    pk: int
    code: str  # the edition's code and the news code in its digits: fa/۱۲۳
    headline: str
    language: str  # the edition's: the headline and section are typed in it
    direction: str
    section: str  # "" without a section
    status: str
    status_label: str
    scheduled_at: str  # when it goes out, for a scheduled article; "" otherwise
    pending_update: bool
    author: str  # the username, or "—"
    published_at: str  # "" for a scheduled article (its time is beside the status)
    updated_at: str


def article_rows(articles: Iterable[Article]) -> list[ArticleRow]:
    """The rows of `articles` (with their edition, section and author selected)."""
    rows = []
    for article in articles:
        edition, section, author = article.edition, article.section, article.author
        status = article.status
        scheduled = status == Status.SCHEDULED
        when = edition_datetime(article.published_at, edition)
        rows.append(
            ArticleRow(
                pk=article.pk,
                code=f"{edition.code}/{edition_digits(article.code, edition)}",
                headline=article.headline,
                language=edition.language,
                direction=edition.direction,
                section=section.name if section is not None else "",
                status=status,
                status_label=article.get_status_display(),
                scheduled_at=when if scheduled else "",
                pending_update=article.pending_revision_id is not None,
                author=(author.get_username() if author is not None else "") or "—",
                published_at="" if scheduled else when,
                updated_at=edition_datetime(article.updated_at, edition),
            )
        )
    return rows
