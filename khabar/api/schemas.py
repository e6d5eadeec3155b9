"""What the API answers, as pydantic schemas: the OpenAPI document is generated from these.

Times are UTC ISO 8601 and numbers ASCII digits, whatever the edition shows people; the
`*_display` fields are the edition's own writing of the same values (its calendar, digits
and time zone), for a client that shows them as the site does.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from ninja import Field, Schema

CHANGED_AT = (
    "The article's place in the incremental sync (`since`, `next_cursor`): moved by every "
    "change this API shows, also those that are no update to readers (a keyword or section "
    "renamed, the edition's display settings, a withdrawal)."
)


class EditionOut(Schema):
    code: str = Field(examples=["ar"])
    name: str
    language: str = Field(description="BCP 47 language tag.", examples=["ar"])
    direction: str = Field(examples=["rtl"])
    calendar: str = Field(description="The calendar the edition shows dates in.")
    digits: str = Field(description="The digits the edition shows numbers in.")
    time_zone: str = Field(examples=["Asia/Tehran"])
    url: str = Field(description="The edition's home page.")


class SectionOut(Schema):
    edition: str
    slug: str
    name: str
    url: str = Field(description="The section's page on the site.")


class KeywordOut(Schema):
    edition: str
    name: str = Field(description="As the editor typed it.")
    slug: str = Field(description="The value for the article list's `keyword` filter.")
    url: str = Field(description="The keyword's page on the site.")


class KeywordPage(Schema):
    items: list[KeywordOut]
    next_cursor: str | None = Field(
        description="Pass as `cursor` for the next page; null at the end."
    )


class RenditionOut(Schema):
    url: str
    width: int


class PhotoOut(Schema):
    url: str = Field(description="The widest rendition (WebP); originals are not public.")
    width: int
    height: int
    alt: str = Field(description="What the photo shows, for readers who cannot see it.")
    caption: str
    credit: str
    renditions: list[RenditionOut] = Field(description="WebP renditions, narrowest first.")


class ArticleSummary(Schema):
    status: Literal["published"]
    edition: str
    code: int = Field(description="The news code: the article's identity within its edition.")
    code_display: str = Field(description="The code in the edition's digits.", examples=["۱۴۰۲۷"])
    url: str = Field(description="The article's canonical page on the site.")
    api_url: str
    content_type: str
    section: str | None = Field(description="The section's slug.")
    overline: str
    headline: str
    lead: str
    keywords: list[str] = Field(description="Keyword names, in the editor's order.")
    photo: PhotoOut | None
    published_at: datetime.datetime
    published_display: str = Field(
        description="The publication time as the edition shows it.", examples=["۱۹ دی ۱۳۹۵ - ۱۸:۵۶"]
    )
    updated_at: datetime.datetime = Field(
        description="The last change of the article itself: an edit, correction or photo."
    )
    changed_at: datetime.datetime = Field(description=CHANGED_AT)


class ArticleWithdrawn(Schema):
    """In a sync (`since`) only: the article was unpublished or taken down since the
    client last met it; remove it. Its URLs answer 410."""

    status: Literal["withdrawn"]
    edition: str
    code: int
    api_url: str
    changed_at: datetime.datetime = Field(description=CHANGED_AT)


class ArticlePage(Schema):
    items: list[Annotated[ArticleSummary | ArticleWithdrawn, Field(discriminator="status")]] = (
        Field(description="Without `since`, published articles only.")
    )
    next_cursor: str | None = Field(
        description="Pass as `cursor` for the next page; null at the end."
    )
    suggestion: str | None = Field(
        None,
        description=(
            "With `q` only: when nothing matches, another spelling of it that finds "
            "something, if there is one."
        ),
    )


class CorrectionOut(Schema):
    kind: str = Field(examples=["correction"])
    text: str
    created_at: datetime.datetime
    created_display: str


class TranslationOut(Schema):
    edition: str
    code: int
    language: str
    headline: str
    url: str
    api_url: str


class SectionRef(Schema):
    slug: str
    name: str
    url: str


class KeywordRef(Schema):
    name: str
    slug: str
    url: str


class ArticleOut(Schema):
    edition: str
    code: int
    code_display: str
    url: str
    api_url: str
    ninjs_url: str = Field(description="The same article as IPTC ninjs 3.3.")
    content_type: str
    section: SectionRef | None
    overline: str
    headline: str
    lead: str
    body: str = Field(description="Sanitised HTML.")
    byline: str
    source: str = Field(description="The agency or outlet credited, if any.")
    keywords: list[KeywordRef]
    photo: PhotoOut | None
    corrections: list[CorrectionOut]
    translations: list[TranslationOut]
    published_at: datetime.datetime
    published_display: str
    modified_at: datetime.datetime | None = Field(
        description="When the text was meaningfully updated after publication, if it was."
    )
    modified_display: str | None
    updated_at: datetime.datetime
    changed_at: datetime.datetime = Field(description=CHANGED_AT)
