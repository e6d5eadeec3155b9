"""What public pages show of readers' comments: the article's threads, count and form, and
the counts on lists. The form's POST is `khabar.web.comment_views`."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from khabar.articles.models import Article
from khabar.comments import limits, rules, selectors, tokens
from khabar.editions.models import Edition

HONEYPOT_FIELD = "website"
FORM_FIELDS = ("name", "email", "body")


def comment_url(article: Article, edition: Edition) -> str:
    return reverse("web:article_comment", kwargs={"edition": edition.code, "code": article.code})


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


def attach_counts(articles: list[Article]) -> None:
    """Give each listed article its approved comments' count (`comment_count`); one query."""
    counts = selectors.comment_counts(article_ids=[article.pk for article in articles])
    for article in articles:
        article.comment_count = counts.get(article.pk, 0)  # type: ignore[attr-defined]
