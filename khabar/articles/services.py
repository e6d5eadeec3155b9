"""Every write to articles and keywords goes through these functions."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Model
from django.utils import timezone
from django.utils.translation import gettext as _

from khabar.articles import events, limits
from khabar.articles.models import (
    Article,
    ArticleKeyword,
    Correction,
    Keyword,
    TopStory,
    article_slug,
    keyword_key,
    keyword_link_published_at,
)
from khabar.articles.photos import photo_open, renditions_make
from khabar.articles.richtext import body_sanitize
from khabar.core.events import send_on_commit
from khabar.editions.models import Edition, Section
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


def keyword_get_or_create(*, edition: Edition, name: str) -> Keyword:
    """The edition's keyword for `name`, whatever its spelling (ي/ی, ك/ک, harakat…)."""
    name, key = _keyword_name_clean(edition, name)
    keyword, _created = Keyword.objects.get_or_create(
        edition=edition, key=key, defaults={"name": name}
    )
    return keyword


@transaction.atomic
def keyword_rename(*, keyword: Keyword, name: str) -> Keyword:
    """Show a keyword under another name; its page and its articles follow.

    A name that matches another keyword of the edition is refused: that is a merge.
    """
    name, key = _keyword_name_clean(keyword.edition, name)
    if Keyword.objects.filter(edition=keyword.edition_id, key=key).exclude(pk=keyword.pk).exists():
        raise ValidationError(
            _("The edition already has the keyword %(name)s."), params={"name": name}
        )
    keyword.name, keyword.key = name, key
    keyword.save(update_fields=["name", "key"])
    send_on_commit(events.keyword_changed, sender=Keyword, keyword=keyword)
    return keyword


def _keywords_set(*, article: Article, keywords: dict[str, str]) -> None:
    """Link the article to `keywords` (from `keyword_names_clean`), creating the new ones."""
    found = [
        Keyword.objects.get_or_create(edition=article.edition, key=key, defaults={"name": name})[0]
        for key, name in keywords.items()
    ]
    ArticleKeyword.objects.filter(article=article).delete()
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


def _keyword_links_publication_sync(*, article: Article) -> None:
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
                "field": model._meta.get_field(name).verbose_name,
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
    edition: Edition,
    headline: str,
    keywords: Iterable[str] = (),
    code: int | None = None,
    published_at: datetime.datetime | None = None,
    **fields: Any,
) -> Article:
    """A new article, as a draft, or published at `published_at` when one is given.

    `code` is for imported archives, which keep their legacy codes.
    """
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
        **cleaned,
    )
    if published_at is not None:
        article.status = Article.Status.PUBLISHED
        article.published_at = published_at
        article.updated_at = max(now, published_at)
    article.full_clean(
        exclude=["section", "edition"], validate_unique=False, validate_constraints=False
    )
    article.save()
    _keywords_set(article=article, keywords=keyword_names)
    if article.status == Article.Status.PUBLISHED:
        send_on_commit(events.article_published, sender=Article, article=article)
    return article


@transaction.atomic
def article_update(
    *, article: Article, keywords: Iterable[str] | None = None, **fields: Any
) -> Article:
    """Change an article's text or settings; readers see it at once if it is published."""
    cleaned = article_fields_clean(edition=article.edition, fields=fields)
    keyword_names = (
        None if keywords is None else keyword_names_clean(edition=article.edition, names=keywords)
    )
    for name, value in cleaned.items():
        setattr(article, name, value)
    if "headline" in cleaned:
        article.slug = article_slug(article.headline)
    article.updated_at = timezone.now()
    article.full_clean(
        exclude=["section", "edition"], validate_unique=False, validate_constraints=False
    )
    article.save()
    if keyword_names is not None:
        _keywords_set(article=article, keywords=keyword_names)
    send_on_commit(events.article_changed, sender=Article, article=article)
    return article


@transaction.atomic
def article_publish(*, article: Article, at: datetime.datetime | None = None) -> Article:
    """Publish now, or schedule for `at` in the future."""
    now = timezone.now()
    at = at or now
    article.published_at = at
    article.status = Article.Status.PUBLISHED if at <= now else Article.Status.SCHEDULED
    article.save(update_fields=["status", "published_at"])
    _keyword_links_publication_sync(article=article)
    if article.status == Article.Status.PUBLISHED:
        send_on_commit(events.article_published, sender=Article, article=article)
    return article


@transaction.atomic
def article_unpublish(*, article: Article) -> Article:
    """Take an article down: its URL answers 410 from now on; its code stays taken."""
    article.status = Article.Status.UNPUBLISHED
    article.updated_at = timezone.now()
    article.save(update_fields=["status", "updated_at"])
    _keyword_links_publication_sync(article=article)
    send_on_commit(events.article_unpublished, sender=Article, article=article)
    return article


@transaction.atomic
def article_set_photo(
    *, article: Article, data: bytes, filename: str, caption: str = "", credit: str = ""
) -> Article:
    """Attach the main photo, made into renditions for phones and wide screens."""
    caption = edition_text(article.edition, caption)
    credit = edition_text(article.edition, credit)
    _lengths_check(
        Article, {"photo_caption": caption, "photo_credit": credit}, limits.ARTICLE_TEXT_MAX
    )
    image = photo_open(data)
    article.photo.save(filename, ContentFile(data), save=False)
    # Django measures the upload from the already-consumed file and leaves the instance's
    # dimensions empty; the image is open here anyway.
    article.photo_width, article.photo_height = image.size
    article.photo_caption, article.photo_credit = caption, credit
    article.updated_at = timezone.now()
    article.save()
    renditions_make(article.photo.name, image)
    send_on_commit(events.article_changed, sender=Article, article=article)
    return article


@transaction.atomic
def correction_add(*, article: Article, text: str) -> Correction:
    """A correction note shown under the article; the article counts as updated."""
    text = edition_text(article.edition, text)
    if not text:
        raise ValidationError({"text": _("A correction needs its text.")})
    _lengths_check(Correction, {"text": text}, {"text": limits.CORRECTION_MAX})
    correction = Correction.objects.create(article=article, text=text)
    article.updated_at = correction.created_at
    article.save(update_fields=["updated_at"])
    send_on_commit(events.article_changed, sender=Article, article=article)
    return correction


@transaction.atomic
def top_stories_set(*, edition: Edition, articles: list[Article]) -> None:
    """The edition's top stories, in this order, replacing the previous choice."""
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
def translations_link(*, articles: list[Article]) -> None:
    """Mark articles of different editions as translations of one another."""
    editions = [article.edition_id for article in articles]
    if len(set(editions)) != len(editions):
        raise ValidationError(_("Linked translations must each be in a different edition."))
    group = next((a.translation_group for a in articles if a.translation_group), None)
    group = group or uuid.uuid4()
    for article in articles:
        article.translation_group = group
        article.save(update_fields=["translation_group"])
        send_on_commit(events.article_changed, sender=Article, article=article)
