"""Every write to articles and keywords goes through these functions."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Model, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from khabar.articles import events, limits, revisions
from khabar.articles.models import (
    Article,
    ArticleKeyword,
    ArticleRevision,
    Correction,
    Keyword,
    TopStory,
    article_slug,
    keyword_key,
    keyword_link_published_at,
)
from khabar.articles.richtext import body_sanitize
from khabar.audit.models import AuditEntry
from khabar.audit.services import audit_record
from khabar.core.actors import IMPORTER, Actor, System, actor_user
from khabar.core.events import send_on_commit
from khabar.core.fields import concrete_field
from khabar.editions.models import Edition, Section
from khabar.photos.models import Photo
from khabar.staff import permissions
from khabar.text import canonical_persian_letters, display_text

TEXT_FIELDS = ("overline", "headline", "lead", "body", "byline", "source")
EDITABLE_FIELDS = {
    *TEXT_FIELDS,
    "section",
    "content_type",
    "is_breaking",
    "headline_needs_review",
    "comments_open",
}


def edition_text(edition: Edition, value: str) -> str:
    """Text as the edition stores it: without invisible spoofing characters, trimmed, and
    with Persian letters where the edition canonicalises them.

    Every text an article shows goes through here (its fields, keyword names, photo
    caption and credit, corrections).
    """
    value = display_text(value).strip()
    return canonical_persian_letters(value) if edition.canonicalise_letters else value


def code_allocate(*, edition: Edition) -> int:
    """The next news code of the edition. Never hands out the same code twice."""
    with transaction.atomic():
        Edition.objects.filter(pk=edition.pk).update(next_code=F("next_code") + 1)
        edition.refresh_from_db(fields=["next_code"])
        return edition.next_code - 1


def code_clean(*, code: int) -> int:
    """A legacy news code as given; ValidationError past what the database can hold.

    (Codes below 1 are the database's to refuse, by its check constraint.)
    """
    if code > limits.CODE_MAX:
        raise ValidationError(
            {
                "code": ValidationError(
                    _("A news code is at most %(limit)s."),
                    params={"limit": limits.CODE_MAX},
                )
            }
        )
    return code


def code_reserve(*, edition: Edition, code: int) -> None:
    """Mark a legacy code as taken, so new codes continue after the highest."""
    Edition.objects.filter(pk=edition.pk, next_code__lte=code).update(next_code=code + 1)


def _keyword_name_clean(edition: Edition, name: str) -> tuple[str, str]:
    """The display name as stored, and its matching key; ValidationError when unusable."""
    name = edition_text(edition, " ".join(name.split()))
    key = keyword_key(name)
    if not key:
        raise ValidationError(_("A keyword needs at least one letter or digit."))
    if any(segment.strip() in {"", ".", ".."} for segment in name.split("/")):
        # Its URL would have an empty, `.` or `..` path segment: browsers and proxies
        # resolve or merge those (`/tag/x//`, `/tag/a/../b/`), landing on another page.
        raise ValidationError(
            _(
                "A keyword cannot start or end with “/”, hold “//”, or have “.” or “..” "
                "between slashes: its address would lead elsewhere."
            )
        )
    # The key too: NFKC can make it longer than the name (ﷺ is one char, its key many).
    if len(name) > limits.KEYWORD_NAME_MAX or len(key) > limits.KEYWORD_NAME_MAX:
        raise ValidationError(
            _("A keyword is at most %(limit)s characters long."),
            params={"limit": limits.KEYWORD_NAME_MAX},
        )
    return name, key


def keyword_names_clean(*, edition: Edition, names: Iterable[str]) -> dict[str, str]:
    """An article's keywords as stored: matching key to display name, in the order given.

    Blank names (invisible characters only, too) are skipped and spellings of one keyword
    count once (the first is kept). The one set of rules for every writer of an article's
    keywords; raises ValidationError on the "keywords" field for an unusable name or
    more than `limits.KEYWORDS_MAX`.
    """
    cleaned: dict[str, str] = {}
    for raw in names:
        if not display_text(raw).strip():  # blank, or invisible characters only
            continue
        try:
            name, key = _keyword_name_clean(edition, raw)
        except ValidationError as exc:
            raise ValidationError({"keywords": exc.error_list}) from None
        cleaned.setdefault(key, name)
    if len(cleaned) > limits.KEYWORDS_MAX:
        raise ValidationError(
            {
                "keywords": ValidationError(
                    _("An article has at most %(limit)s keywords; this one has %(count)s."),
                    params={"limit": limits.KEYWORDS_MAX, "count": len(cleaned)},
                )
            }
        )
    return cleaned


def keyword_get_or_create(*, actor: Actor, edition: Edition, name: str) -> Keyword:
    """The edition's keyword for `name`, whatever its spelling (ي/ی, ك/ک, harakat…).

    Whoever writes in the edition may tag with a new keyword; renaming is for editors.
    """
    if not isinstance(actor, System) and not permissions.can_create_article(
        actor, edition_id=edition.pk, section_id=None
    ):
        permissions.require_manage_keywords(actor, edition_id=edition.pk)
    name, key = _keyword_name_clean(edition, name)
    keyword, _created = Keyword.objects.get_or_create(
        edition=edition, key=key, defaults={"name": name}
    )
    return keyword


@transaction.atomic
def keyword_rename(*, actor: Actor, keyword: Keyword, name: str) -> Keyword:
    """Show a keyword under another name; its page and its articles follow.

    A name that matches another keyword of the edition is refused: that is a merge.
    """
    permissions.require_manage_keywords(actor, edition_id=keyword.edition_id)
    old_name = keyword.name
    name, key = _keyword_name_clean(keyword.edition, name)
    if Keyword.objects.filter(edition=keyword.edition_id, key=key).exclude(pk=keyword.pk).exists():
        raise ValidationError(
            _("The edition already has the keyword %(name)s."), params={"name": name}
        )
    keyword.name, keyword.key = name, key
    keyword.save(update_fields=["name", "key"])
    articles_sync_move(
        Article.objects.filter(
            pk__in=ArticleKeyword.objects.filter(keyword=keyword).values("article_id")
        )
    )
    audit_record(
        actor=actor,
        action=AuditEntry.Action.KEYWORD_CHANGE,
        target=keyword,
        edition_code=keyword.edition.code,
        data={"from": old_name, "to": name},
    )
    send_on_commit(events.keyword_changed, sender=Keyword, keyword=keyword)
    return keyword


def articles_sync_move(articles: QuerySet[Article]) -> int:
    """Move these articles to the end of the API's sync, in one UPDATE: something they show
    changed without an edit of their own (a keyword or section renamed, the edition's
    display settings). Their reader-visible `updated_at` stays. Returns how many moved."""
    return articles.update(changed_at=timezone.now())


def _keywords_set(*, article: Article, keywords: dict[str, str]) -> None:
    """Link the article to `keywords` (from `keyword_names_clean`), creating the new ones."""
    found = [
        Keyword.objects.get_or_create(edition=article.edition, key=key, defaults={"name": name})[0]
        for key, name in keywords.items()
    ]
    article_keywords_clear(article=article)
    Keyword.objects.filter(pk__in={keyword.pk for keyword in found}).update(uses=F("uses") + 1)
    published_at = keyword_link_published_at(article)
    ArticleKeyword.objects.bulk_create(
        ArticleKeyword(
            article=article,
            keyword=keyword,
            position=position,
            article_published_at=published_at,
            article_code=article.code,
        )
        for position, keyword in enumerate(found)
    )


def article_keywords_clear(*, article: Article) -> None:
    """Unlink the article from its keywords, counting it out of their `uses`."""
    links = ArticleKeyword.objects.filter(article=article)
    ids = set(links.values_list("keyword_id", flat=True))
    links.delete()
    Keyword.objects.filter(pk__in=ids, uses__gt=0).update(uses=F("uses") - 1)


def keyword_links_sync(*, article: Article) -> None:
    """Give the article's keyword links its new status and time, for `article_related`."""
    ArticleKeyword.objects.filter(article=article).update(
        article_published_at=keyword_link_published_at(article)
    )


def _lengths_check(model: type[Model], values: dict[str, str], maxima: dict[str, int]) -> None:
    """Refuse every value longer than its limit at once, naming each field and its limit."""
    errors = {
        name: ValidationError(
            _("The %(field)s is at most %(limit)s characters long; this one has %(count)s."),
            params={
                "field": concrete_field(model, name).verbose_name,
                "limit": f"{maxima[name]:,}",
                "count": f"{len(value):,}",
            },
        )
        for name, value in values.items()
        if name in maxima and len(value) > maxima[name]
    }
    if errors:
        raise ValidationError(errors)


def article_fields_clean(*, edition: Edition, fields: dict[str, Any]) -> dict[str, Any]:
    """`fields` as they would be stored: stripped, the edition's letters, a sanitised body.

    Raises ValidationError for values no article may have.
    """
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"not editable article fields: {', '.join(sorted(unknown))}")
    cleaned = dict(fields)
    for name in TEXT_FIELDS:
        if name in cleaned:
            cleaned[name] = edition_text(edition, cleaned[name] or "")
    if "body" in cleaned:
        cleaned["body"] = body_sanitize(cleaned["body"])
    _lengths_check(
        Article,
        {name: cleaned[name] for name in TEXT_FIELDS if name in cleaned},
        limits.ARTICLE_TEXT_MAX,
    )
    if "headline" in cleaned and not cleaned["headline"]:
        raise ValidationError({"headline": _("An article needs a headline.")})
    section: Section | None = cleaned.get("section")
    if section is not None and section.edition_id != edition.pk:
        raise ValidationError({"section": _("The section belongs to another edition.")})
    return cleaned


@transaction.atomic
def article_create(
    *,
    actor: Actor,
    edition: Edition,
    headline: str,
    keywords: Iterable[str] = (),
    code: int | None = None,
    published_at: datetime.datetime | None = None,
    **fields: Any,
) -> Article:
    """A new article, as a draft, or published at `published_at` when one is given.

    Its news code is taken now, not at publication: the newsroom cites it from the first
    draft (cross-references, translations, the short link), and a code is an identity, not
    a count, so the gaps drafts leave are harmless. `code` is for imported archives, which
    keep their legacy codes; `published_at` for them and the demo (Khabar's own actors).
    """
    permissions.require_create_article(
        actor, edition_id=edition.pk, section_id=getattr(fields.get("section"), "pk", None)
    )
    if (code is not None or published_at is not None) and not isinstance(actor, System):
        raise PermissionDenied(_("Only an import can set a news code or a publication date."))
    cleaned = article_fields_clean(edition=edition, fields={"headline": headline, **fields})
    keyword_names = keyword_names_clean(edition=edition, names=keywords)
    if code is None:
        code = code_allocate(edition=edition)
    else:
        code = code_clean(code=code)
        if Article.objects.filter(edition=edition, code=code).exists():
            raise ValidationError(
                _("News code %(code)s is already taken in this edition."), params={"code": code}
            )
        code_reserve(edition=edition, code=code)
    now = timezone.now()
    article = Article(
        edition=edition,
        code=code,
        slug=article_slug(cleaned["headline"]),
        created_at=now,
        updated_at=now,
        changed_at=now,
        author=actor_user(actor),
        **cleaned,
    )
    if published_at is not None:
        article.status = Article.Status.PUBLISHED
        article.published_at = published_at
        article.updated_at = article.changed_at = max(now, published_at)
    article.full_clean(
        exclude=["section", "edition", "author"], validate_unique=False, validate_constraints=False
    )
    article.save()
    _keywords_set(article=article, keywords=keyword_names)
    revisions.revision_add(
        article=article,
        actor=actor,
        content=revisions.snapshot(article),
        changed=list(revisions.CONTENT_FIELDS),
        kind=ArticleRevision.Kind.IMPORT if actor is IMPORTER else ArticleRevision.Kind.SAVE,
        applied=True,
    )
    audit_record(
        actor=actor,
        action=AuditEntry.Action.ARTICLE_CREATE,
        target=article,
        edition_code=edition.code,
    )
    if article.status == Article.Status.PUBLISHED:
        send_on_commit(events.article_published, sender=Article, article=article)
    return article


class StaleEdit(ValidationError):
    """A save based on a revision that is no longer the latest: refused, nothing written."""

    def __init__(self, *, latest: ArticleRevision | None, base: int) -> None:
        self.latest = latest
        self.base = base
        if latest is None:
            super().__init__(_("This article changed after you opened it; reload it."))
            return
        super().__init__(
            _(
                "%(name)s saved this article (revision %(number)s) after you opened revision "
                "%(base)s. Nothing of yours was saved and your text is kept: compare it with "
                "theirs, then save again."
            ),
            params={"name": latest.author_name, "number": latest.number, "base": base},
            code="stale",
        )


@transaction.atomic
def article_save(
    *,
    actor: Actor,
    article: Article,
    base_revision: int,
    keywords: Iterable[str] | None = None,
    **fields: Any,
) -> ArticleRevision | None:
    """Save an editor's changes as a new revision; None when nothing changed.

    `base_revision` is the revision the editor started from: if someone saved since, the
    save is refused (`StaleEdit`), never a silent overwrite. An article readers cannot see
    yet takes the changes at once; a live one keeps its text, and the revision waits as the
    article's pending update until an editor publishes it (`article_update_publish`).
    """
    article = article_locked(article)
    permissions.require_edit(actor, article)
    if base_revision != article.revision_number:
        raise StaleEdit(latest=article.revisions.first(), base=base_revision)
    revisions.revision_base_ensure(article)
    current = revisions.current_content(article)
    content = _content_with(article, current, fields=fields, keywords=keywords)
    changed = revisions.changed_fields(current, content)
    if not changed:
        return None
    live = article.status == Article.Status.PUBLISHED
    revision = revisions.revision_add(
        article=article, actor=actor, content=content, changed=changed, applied=not live
    )
    if live:
        article.pending_revision = revision
        article.save(update_fields=["pending_revision", "revision_number"])
        return revision
    content_apply(article, revision)
    return revision


@transaction.atomic
def article_update(
    *, actor: Actor, article: Article, keywords: Iterable[str] | None = None, **fields: Any
) -> Article:
    """Change an article's text or settings so readers see it at once, as one revision.

    For Khabar's own processes (a re-import) and for editors who may publish. It changes
    the published text; a pending update stays pending, and the next save based on the
    revision before this one is refused as stale.
    """
    article = article_locked(article)
    if article.status == Article.Status.PUBLISHED:
        permissions.require_publish(actor, article)
    else:
        permissions.require_edit(actor, article)
    revisions.revision_base_ensure(article)
    row = revisions.snapshot(article)
    content = _content_with(article, row, fields=fields, keywords=keywords)
    changed = revisions.changed_fields(row, content)
    revision = revisions.revision_add(
        article=article, actor=actor, content=content, changed=changed, applied=True
    )
    content_apply(article, revision, pending_done=False)
    return article


def article_locked(article: Article) -> Article:
    """The article re-read under a row lock: concurrent saves of one article queue here."""
    fresh = Article.objects.select_for_update().select_related("edition").get(pk=article.pk)
    article.__dict__.update(
        {name: value for name, value in fresh.__dict__.items() if name != "_state"}
    )
    return article


def _content_with(
    article: Article,
    base: dict[str, Any],
    *,
    fields: dict[str, Any],
    keywords: Iterable[str] | None,
) -> dict[str, Any]:
    """The `base` content with these changes, cleaned."""
    if "is_breaking" in fields:
        raise TypeError("breaking news has its own service: workflow.article_breaking_set")
    cleaned = article_fields_clean(edition=article.edition, fields=fields)
    content = dict(base)
    content.update(revisions.serialize_fields(cleaned))
    if keywords is not None:
        content["keywords"] = list(
            keyword_names_clean(edition=article.edition, names=keywords).values()
        )
    return content


def content_apply(
    article: Article, revision: ArticleRevision, *, pending_done: bool = True
) -> None:
    """Make the revision the article's text: the row, its keywords, the event readers need.

    With `pending_done`, the revision was the article's pending update (or replaces it).
    """
    content = revision.content
    for name, value in revisions.deserialize_fields(content).items():
        setattr(article, name, value)
    article.slug = article_slug(article.headline)
    article.updated_at = article.changed_at = timezone.now()
    if pending_done:
        article.pending_revision = None
        article.pending_publish_at = None
    article.full_clean(
        exclude=["section", "edition", "author"], validate_unique=False, validate_constraints=False
    )
    article.save()
    names = keyword_names_clean(edition=article.edition, names=content["keywords"])
    if list(names.values()) != revisions.keyword_names(article):
        _keywords_set(article=article, keywords=names)
    if revision.applied_at is None:
        revision.applied_at = article.updated_at
        revision.save(update_fields=["applied_at"])
    send_on_commit(events.article_changed, sender=Article, article=article)


@transaction.atomic
def article_set_photo(*, actor: Actor, article: Article, photo: Photo | None) -> Article:
    """Choose the main photo from the media library (None takes it off).

    The photo goes out at once, also on a live article: it is the editors' to change. A
    photo without alt text is refused: readers who cannot see it would get nothing.
    """
    if article.status == Article.Status.PUBLISHED:
        permissions.require_publish(actor, article)
    else:
        permissions.require_edit(actor, article)
    if photo is not None and not photo.alt:
        raise ValidationError(
            {"photo": _("Write the photo's alt text in the library before using it.")}
        )
    article.photo = photo
    article.updated_at = article.changed_at = timezone.now()
    article.save(update_fields=["photo", "updated_at", "changed_at"])
    send_on_commit(events.article_changed, sender=Article, article=article)
    return article


@transaction.atomic
def correction_add(
    *,
    actor: Actor,
    article: Article,
    text: str,
    kind: str = Correction.Kind.CORRECTION,
) -> Correction:
    """A correction, clarification or editor's note shown under the article, at once.

    The article counts as updated (feeds, `dateModified`): a correction is news to readers.
    """
    permissions.require_publish(actor, article)
    if kind not in Correction.Kind.values:
        raise ValidationError({"kind": _("Choose a correction, a clarification or a note.")})
    text = edition_text(article.edition, text)
    if not text:
        raise ValidationError({"text": _("A correction needs its text.")})
    _lengths_check(Correction, {"text": text}, {"text": limits.CORRECTION_MAX})
    correction = Correction.objects.create(article=article, text=text, kind=kind)
    article.updated_at = article.changed_at = correction.created_at
    article.save(update_fields=["updated_at", "changed_at"])
    audit_record(
        actor=actor,
        action=AuditEntry.Action.ARTICLE_CORRECT,
        target=article,
        edition_code=article.edition.code,
        data={"kind": kind},
    )
    send_on_commit(events.correction_added, sender=Article, article=article, correction=correction)
    send_on_commit(events.article_changed, sender=Article, article=article)
    return correction


@transaction.atomic
def top_stories_set(*, actor: Actor, edition: Edition, articles: list[Article]) -> None:
    """The edition's top stories, in this order, replacing the previous choice."""
    permissions.require_manage_sections(actor, edition_id=edition.pk)
    for article in articles:
        if article.edition_id != edition.pk:
            raise ValidationError(_("A top story must belong to the edition."))
    TopStory.objects.filter(edition=edition).delete()
    TopStory.objects.bulk_create(
        TopStory(edition=edition, article=article, position=position)
        for position, article in enumerate(articles)
    )
    send_on_commit(events.top_stories_changed, sender=Edition, edition=edition)


@transaction.atomic
def translations_link(*, actor: Actor, articles: list[Article]) -> None:
    """Mark articles of different editions as translations of one another."""
    for article in articles:
        permissions.require_publish(actor, article)
    editions = [article.edition_id for article in articles]
    if len(set(editions)) != len(editions):
        raise ValidationError(_("Linked translations must each be in a different edition."))
    group = next((a.translation_group for a in articles if a.translation_group), None)
    group = group or uuid.uuid4()
    for article in articles:
        article.translation_group = group
        article.changed_at = timezone.now()  # the API lists translations
        article.save(update_fields=["translation_group", "changed_at"])
        send_on_commit(events.article_changed, sender=Article, article=article)


@transaction.atomic
def article_revision_restore(
    *, actor: Actor, article: Article, number: int, base_revision: int
) -> ArticleRevision | None:
    """Save an old revision's content again, as a new revision (history only grows).

    Like any save: refused when stale, applied at once unless the article is live, where it
    becomes the pending update.
    """
    old = article.revisions.filter(number=number).first()
    if old is None:
        raise ValidationError(_("Revision %(number)s does not exist."), params={"number": number})
    content = old.content
    fields = revisions.deserialize_fields(
        {name: content[name] for name in revisions.CONTENT_FIELDS if name in content}
    )
    revision = article_save(
        actor=actor,
        article=article,
        base_revision=base_revision,
        keywords=content.get("keywords"),
        **fields,
    )
    if revision is not None:
        ArticleRevision.objects.filter(pk=revision.pk).update(
            kind=ArticleRevision.Kind.RESTORE, restored_from=number
        )
        revision.kind, revision.restored_from = ArticleRevision.Kind.RESTORE, number
    return revision
