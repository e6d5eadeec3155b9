"""Secret preview links: one article, for an outside reviewer, until it expires or is revoked.

The token is shown once, when the link is made; only its SHA-256 is stored, so a copy of
the database does not open any preview.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from khabar.articles import revisions
from khabar.articles.models import (
    Article,
    ArticleKeyword,
    Keyword,
    PreviewLink,
    article_slug,
    keyword_key,
)
from khabar.audit.models import AuditEntry
from khabar.audit.services import audit_record
from khabar.core.actors import Actor, actor_user
from khabar.staff import permissions

PREVIEW_DEFAULT = datetime.timedelta(days=2)
PREVIEW_MAX = datetime.timedelta(days=30)


class PreviewUnavailable(Exception):
    """The link is unknown, expired or revoked; the message says which, for the reviewer.

    `gone` tells a link that existed (expired, revoked: HTTP 410) from one that never did
    (404).
    """

    def __init__(self, message: str, *, gone: bool) -> None:
        super().__init__(message)
        self.gone = gone


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def preview_link_create(
    *, actor: Actor, article: Article, valid_for: datetime.timedelta = PREVIEW_DEFAULT
) -> tuple[PreviewLink, str]:
    """A new link and its token (to put in the URL; not stored)."""
    permissions.require_preview(actor, article)
    if not datetime.timedelta(minutes=5) <= valid_for <= PREVIEW_MAX:
        raise ValueError("a preview link lasts between five minutes and thirty days")
    token = secrets.token_urlsafe(32)
    link = PreviewLink.objects.create(
        article=article,
        token_hash=_hash(token),
        created_by=actor_user(actor),
        expires_at=timezone.now() + valid_for,
    )
    audit_record(
        actor=actor,
        action=AuditEntry.Action.PREVIEW_LINK,
        target=article,
        edition_code=article.edition.code,
        data={"link": link.pk, "expires_at": link.expires_at.isoformat()},
    )
    return link, token


@transaction.atomic
def preview_link_revoke(*, actor: Actor, link: PreviewLink) -> None:
    permissions.require_preview(actor, link.article)
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
        audit_record(
            actor=actor,
            action=AuditEntry.Action.PREVIEW_REVOKE,
            target=link.article,
            edition_code=link.article.edition.code,
            data={"link": link.pk},
        )


def preview_link_article(*, token: str) -> Article:
    """The article a token opens; PreviewUnavailable saying why it does not."""
    link = (
        PreviewLink.objects.select_related("article__edition")
        .filter(token_hash=_hash(token))
        .first()
    )
    if link is None:
        raise PreviewUnavailable(_("This preview link does not exist."), gone=False)
    if link.revoked_at is not None:
        raise PreviewUnavailable(_("This preview link was withdrawn by the newsroom."), gone=True)
    if link.expires_at <= timezone.now():
        raise PreviewUnavailable(
            _("This preview link has expired; ask the newsroom for a new one."), gone=True
        )
    return link.article


def preview_content_apply(article: Article) -> Article:
    """The article as readers will see it once its pending update goes out.

    The pending revision's content is set on `article` in memory (never saved), its
    keywords as `ordered_keywords` links: the edition's keyword where one matches a name,
    an unsaved one for a name the update adds. Without a pending update the article is
    returned as it is.
    """
    if article.pending_revision_id is None:
        return article
    content = revisions.current_content(article)
    for name, value in revisions.deserialize_fields(content).items():
        setattr(article, name, value)
    article.slug = article_slug(article.headline)
    names = {keyword_key(name): name for name in content["keywords"]}
    existing = {
        keyword.key: keyword
        for keyword in Keyword.objects.filter(edition=article.edition_id, key__in=names)
    }
    article.ordered_keywords = [
        ArticleKeyword(
            article=article,
            keyword=existing.get(key) or Keyword(edition=article.edition, name=name, key=key),
            position=position,
            article_code=article.code,
        )
        for position, (key, name) in enumerate(names.items())
    ]
    return article
