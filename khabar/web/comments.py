"""What public pages show of readers' comments: the article's threads, count and form, and
the counts on lists. The form's POST is `khabar.web.comment_views`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString

from khabar.articles.models import Article
from khabar.comments import limits, rules, selectors, tokens
from khabar.core import links
from khabar.editions.models import Edition
from khabar.text import to_digits
from khabar.web import fragments

HONEYPOT_FIELD = "website"
FORM_FIELDS_TEMPLATE = "web/comments/_form_fields.html"
FORM_FIELDS = ("name", "email", "body")


def comment_url(article: Article, edition: Edition) -> str:
    return links.article_route_path("web:article_comment", edition.code, article.code)


def comment_received_url(article: Article, edition: Edition) -> str:
    return reverse(
        "web:article_comment_received", kwargs={"edition": edition.code, "code": article.code}
    )


def article_page_context(*, article: Article, edition: Edition) -> dict[str, Any]:
    """What the article page shows of comments: approved threads, count, and the form
    (one query). The form's token is the same for every reader of the cached page."""
    shown = selectors.article_comments(article=article)
    is_open = rules.comments_open(article)
    return {
        "comment_threads": shown.threads,
        "comment_count": shown.count,
        "comments_open": is_open,
        "comment_form": comment_form(article, edition) if is_open else None,
    }


def comment_form(
    article: Article, edition: Edition, *, values: dict[str, str] | None = None, **extra: Any
) -> dict[str, Any]:
    # Every field the template reads, so that none of its lookups fails: a failed one costs
    # the template an exception and a dir() of the dictionary, on every uncached page.
    return {
        "action": comment_url(article, edition),
        "token": extra.pop("token", None) or tokens.token_issue(article_id=article.pk),
        "honeypot": HONEYPOT_FIELD,
        "values": {name: "" for name in FORM_FIELDS} | (values or {}),
        "errors": {name: [] for name in FORM_FIELDS} | extra.pop("errors", {}),
        "body_max": limits.BODY_MAX,
        "name_max": limits.NAME_MAX,
        "reply_to": "",
        **extra,
    }


def form_fields_html(
    *, form: dict[str, Any], prefix: str, reply_to: object, edition: Edition
) -> SafeString:
    """The form's fields after its token (`web/comments/_form_fields.html`).

    A blank form (every article page shows one, and one more under each thread) is the same
    for every article of an edition's language and digits: it is rendered once per process
    for each of its keys, which cost an uncached article page about a tenth of its function
    calls when rendered each time. A form shown again with a reader's text and errors is
    rendered each time: what readers typed is never kept in the process.
    """
    blank = not any(form["values"].values()) and not any(form["errors"].values())
    fields = (
        links.language(),
        prefix,
        str(reply_to or ""),
        form["honeypot"],
        form["name_max"],
        form["body_max"],
        to_digits(str(form["body_max"]), edition.digits),
    )
    if blank:
        return _blank_form_fields(*fields)
    return _form_fields(*fields, values=form["values"], errors=form["errors"])


@dataclass(frozen=True, slots=True)
class _BlankForm:
    """What `_form_fields.html` reads of a blank form: hashable, for `render_once`'s key."""

    honeypot: str
    name_max: int
    body_max: int

    @property
    def values(self) -> dict[str, str]:
        return dict.fromkeys(FORM_FIELDS, "")

    @property
    def errors(self) -> dict[str, list[str]]:
        return {name: [] for name in FORM_FIELDS}


def _blank_form_fields(
    _language: str | None,  # render_once keys on the active language itself
    prefix: str,
    reply_to: str,
    honeypot: str,
    name_max: int,
    body_max: int,
    body_max_shown: str,
) -> SafeString:
    return fragments.render_once(
        FORM_FIELDS_TEMPLATE,
        prefix=prefix,
        reply_to=reply_to,
        form=_BlankForm(honeypot, name_max, body_max),
        body_max_shown=body_max_shown,
    )


def _form_fields(
    _language: str | None,  # part of the blank form's key: the labels' language
    prefix: str,
    reply_to: str,
    honeypot: str,
    name_max: int,
    body_max: int,
    body_max_shown: str,
    *,
    values: dict[str, str],
    errors: dict[str, list[str]],
) -> SafeString:
    return SafeString(
        render_to_string(
            FORM_FIELDS_TEMPLATE,
            {
                "prefix": prefix,
                "reply_to": reply_to,
                "form": {
                    "honeypot": honeypot,
                    "name_max": name_max,
                    "body_max": body_max,
                    "values": values,
                    "errors": errors,
                },
                "body_max_shown": body_max_shown,
            },
        )
    )


def attach_counts(articles: list[Article]) -> None:
    """Give each listed article its approved comments' count (`comment_count`); one query."""
    counts = selectors.comment_counts(article_ids=[article.pk for article in articles])
    for article in articles:
        article.comment_count = counts.get(article.pk, 0)  # type: ignore[attr-defined]
