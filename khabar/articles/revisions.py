"""Revisions: what an article's content is, as data, and how two versions differ.

A revision's `content` holds the fields an editor writes (`CONTENT_FIELDS`) and the
keywords' display names in order; the section as its id. Written by hand rather than with
django-reversion or django-simple-history: both record the row *after* it is saved, and
a live article's edit must exist as a revision *before* it reaches the row (the pending
update readers do not see yet) — the model Wagtail uses for pages, for the same reason.
"""

from __future__ import annotations

import difflib
import html
from dataclasses import dataclass
from typing import Any

from django.db.models import Max
from django.utils import timezone
from django.utils.html import strip_tags

from khabar.articles.models import Article, ArticleKeyword, ArticleRevision
from khabar.core.actors import Actor, System, actor_name, actor_user
from khabar.editions.models import Section

CONTENT_FIELDS = (
    "overline",
    "headline",
    "lead",
    "body",
    "byline",
    "source",
    "section",
    "content_type",
    "headline_needs_review",
    "comments_open",
    "keywords",
)


def keyword_names(article: Article) -> list[str]:
    return list(
        ArticleKeyword.objects.filter(article=article)
        .order_by("position")
        .values_list("keyword__name", flat=True)
    )


def snapshot(article: Article) -> dict[str, Any]:
    """The article's content as the row holds it (what readers see once it is live)."""
    content = {
        name: getattr(article, name)
        for name in CONTENT_FIELDS
        if name not in {"section", "keywords"}
    }
    content["section"] = article.section_id
    content["keywords"] = keyword_names(article)
    return content


def current_content(article: Article) -> dict[str, Any]:
    """What an editor continues from: the pending update if there is one, else the row."""
    if article.pending_revision_id is not None:
        pending = ArticleRevision.objects.get(pk=article.pending_revision_id)
        return {**snapshot(article), **pending.content}
    return snapshot(article)


def serialize_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """Cleaned article fields as revision content (a section as its id)."""
    content = dict(fields)
    if "section" in content:
        section = content["section"]
        content["section"] = section.pk if section is not None else None
    return content


def deserialize_fields(content: dict[str, Any]) -> dict[str, Any]:
    """Revision content as article attributes (keywords left to the caller)."""
    fields = {name: value for name, value in content.items() if name != "keywords"}
    if "section" in fields:
        section_id = fields.pop("section")
        fields["section"] = Section.objects.filter(pk=section_id).first() if section_id else None
    return fields


def changed_fields(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    return [name for name in CONTENT_FIELDS if before.get(name) != after.get(name)]


def revision_add(
    *,
    article: Article,
    actor: Actor,
    content: dict[str, Any],
    changed: list[str],
    kind: str = ArticleRevision.Kind.SAVE,
    applied: bool,
    restored_from: int | None = None,
) -> ArticleRevision:
    """The article's next revision; the caller holds the article's row lock."""
    last = article.revisions.aggregate(last=Max("number"))["last"] or 0
    revision = ArticleRevision.objects.create(
        article=article,
        number=last + 1,
        kind=kind,
        author=actor_user(actor),
        author_name=actor_name(actor)[:150],
        content=content,
        changed_fields=changed,
        applied_at=timezone.now() if applied else None,
        restored_from=restored_from,
    )
    article.revision_number = revision.number
    Article.objects.filter(pk=article.pk).update(revision_number=revision.number)
    return revision


def revision_base_ensure(article: Article) -> None:
    """Give an article written around the services (the bulk import) its first revision,
    the row as it is, before the first save changes it: history starts where it started."""
    if article.revision_number == 0:
        revision_add(
            article=article,
            actor=System("import"),
            content=snapshot(article),
            changed=list(CONTENT_FIELDS),
            kind=ArticleRevision.Kind.IMPORT,
            applied=True,
        )


# --- Diffs ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FieldDiff:
    """One field's change, as lines marked removed (-), added (+) or kept ( )."""

    field: str
    lines: list[tuple[str, str]]


def revisions_diff(older: ArticleRevision, newer: ArticleRevision) -> list[FieldDiff]:
    """A readable diff of two revisions, field by field, on text (the body without markup).

    Returned as data: templates escape it like any text, so markup in a revision can never
    run in the diff.
    """
    diffs = []
    for name in CONTENT_FIELDS:
        before, after = _lines(name, older.content.get(name)), _lines(name, newer.content.get(name))
        if before == after:
            continue
        lines = [
            (line[0], line[2:]) for line in difflib.ndiff(before, after) if not line.startswith("?")
        ]
        diffs.append(FieldDiff(name, lines))
    return diffs


def _lines(name: str, value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if name == "keywords":
        return [str(keyword) for keyword in value]
    if name == "body":
        # One line per block element: the diff follows paragraphs, not markup.
        text = str(value)
        for tag in ("</p>", "</h2>", "</h3>", "</li>", "</blockquote>", "<br>"):
            text = text.replace(tag, tag + "\n")
        return [
            line.strip() for line in html.unescape(strip_tags(text)).splitlines() if line.strip()
        ]
    if name == "section" and value:
        section = Section.objects.filter(pk=value).first()
        return [section.name if section else str(value)]
    return str(value).splitlines() or [str(value)]
