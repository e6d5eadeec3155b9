"""The article list's rows as the page shows them, written once in Python.

Django's template engine spent most of a list page on its 25 rows: each cell resolved
dotted lookups through the article, its edition and author, and ran a filter for each
date and code; then, with the text made here, still a variable node and an escape for each
of a row's dozen cells. Here each row's HTML is made by plain attribute reads, the same
functions the filters call (so it reads exactly as they write it) and one escape per value,
and the template places the whole table body.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.html import escape
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from khabar.articles.models import Article
from khabar.core.templatetags.khabar import edition_datetime, edition_digits

Status = Article.Status

# What the rows read, for the list's `only()`: an article's body and an account's password
# are no use to a row, and each column read costs a conversion (SQLite's dates are parsed).
ROW_FIELDS = (
    "code",
    "headline",
    "status",
    "published_at",
    "updated_at",
    "pending_revision_id",
    *(
        f"edition__{name}"
        for name in (
            "code",
            "language",
            "direction",
            "digits",
            "calendar",
            "secondary_calendar",
            "time_zone",
            "month_names",
            "date_pattern",
        )
    ),
    "section__name",
    "author__username",
)


def article_rows_html(*, articles: Iterable[Article], list_url: str) -> SafeString:
    """The table rows of `articles` (with their edition, section and author selected), each
    headline linking to its editor at `list_url` and the id; "" when there are none."""
    pending_update = escape(gettext("pending update"))
    rows = []
    for article in articles:
        edition, section, author = article.edition, article.section, article.author
        status = article.status
        scheduled = status == Status.SCHEDULED
        when = escape(edition_datetime(article.published_at, edition))
        lang = f'lang="{escape(edition.language)}" dir="{escape(edition.direction)}"'
        code = escape(f"{edition.code}/{edition_digits(article.code, edition)}")
        section_cell = f"<span {lang}>{escape(section.name)}</span>" if section else ""
        status_cell = (
            f'<span class="status status-{escape(status)}">'
            f"{escape(article.get_status_display())}</span>"
            + (f"<br><small>{when}</small>" if scheduled else "")
            + (f"<br><small>{pending_update}</small>" if article.pending_revision_id else "")
        )
        username = (author.get_username() if author is not None else "") or "—"
        rows.append(
            "\n  <tr>"
            f"\n    <td>{code}</td>"
            f'\n    <td><a href="{escape(list_url)}{article.pk}/" {lang}>'
            f"{escape(article.headline)}</a></td>"
            f"\n    <td>{section_cell}</td>"
            f"\n    <td>{status_cell}</td>"
            f"\n    <td>{escape(username)}</td>"
            f"\n    <td>{'' if scheduled else when}</td>"
            f"\n    <td>{escape(edition_datetime(article.updated_at, edition))}</td>"
            "\n  </tr>"
        )
    return SafeString("".join(rows))
