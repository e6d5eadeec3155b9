"""RSS 2.0 and Atom feeds of an edition, a section and a keyword.

Dates are UTC (RFC 822 in RSS, RFC 3339 in Atom) with ASCII digits whatever
calendar the edition shows readers; links are absolute, on the host the feed
was asked for, as web's canonical links are.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urljoin

from django.contrib.syndication.views import Feed
from django.core.exceptions import ObjectDoesNotExist
from django.core.files.storage import FileSystemStorage, default_storage
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import feedgenerator, translation
from django.utils.encoding import iri_to_uri
from django.utils.html import escape
from django.utils.http import http_date

from khabar.articles.models import Article, Keyword
from khabar.articles.selectors import keyword_get_by_slug, section_get_by_slug
from khabar.core import links, surrogate
from khabar.editions.models import Edition, Section
from khabar.editions.selectors import edition_get
from khabar.syndication import selectors
from khabar.text import xml_text

MEDIA_RSS_NS = "http://search.yahoo.com/mrss/"
FEED_LENGTH = 50


@dataclass(frozen=True, slots=True)
class Photo:
    url: str
    mime_type: str
    length: int
    width: int | None
    height: int | None
    caption: str
    credit: str


@dataclass(frozen=True, slots=True)
class Entry:
    article: Article
    link: str
    guid: str
    photo: Photo | None


@dataclass(slots=True)
class Channel:
    """One request's feed: what it covers, and the entries once read (for surrogate keys)."""

    edition: Edition
    origin: str
    title: str
    path: str
    keys: list[str]
    feed_path: str = ""  # the feed's own URL path (its atom:link rel="self")
    section: Section | None = None
    keyword: Keyword | None = None
    entries: list[Entry] = field(default_factory=list)

    def absolute(self, url: str) -> str:
        return iri_to_uri(urljoin(self.origin + "/", url))


def _photo_length(name: str) -> int:
    """The photo's size in bytes when the storage can tell without a network call, else 0.

    RSS requires an enclosure length but allows 0 when it is unknown; a HEAD request
    to S3 for each of fifty items would cost more than the number is worth.
    """
    if not isinstance(default_storage, FileSystemStorage):
        return 0
    try:
        return default_storage.size(name)
    except OSError:
        return 0


def _photo(channel: Channel, article: Article) -> Photo | None:
    """The widest public rendition (originals are private); none before the worker made it."""
    photo = article.photo
    widest = photo.rendition_best("full", photo.width) if photo is not None else None
    if photo is None or widest is None:
        return None
    return Photo(
        url=channel.absolute(widest.url),
        mime_type="image/webp",
        length=_photo_length(widest.name),
        width=widest.width,
        height=widest.height,
        caption=photo.caption,
        credit=photo.credit,
    )


def _add_media_content(handler: Any, photo: Photo | None) -> None:
    if photo is None:
        return
    attrs = {"url": photo.url, "type": photo.mime_type, "medium": "image"}
    if photo.length:
        attrs["fileSize"] = str(photo.length)
    if photo.width and photo.height:
        attrs["width"] = str(photo.width)
        attrs["height"] = str(photo.height)
    handler.startElement("media:content", attrs)
    if photo.caption:
        handler.addQuickElement("media:description", photo.caption, {"type": "plain"})
    if photo.credit:
        handler.addQuickElement("media:credit", photo.credit)
    handler.endElement("media:content")


class MediaRssFeed(feedgenerator.Rss201rev2Feed):
    """RSS 2.0 with the main photo as Media RSS `media:content` besides the enclosure."""

    def rss_attributes(self) -> dict[str, str]:
        return {**super().rss_attributes(), "xmlns:media": MEDIA_RSS_NS}

    def add_item_elements(self, handler: Any, item: dict[str, Any]) -> None:
        super().add_item_elements(handler, item)
        _add_media_content(handler, item.get("photo"))


class MediaAtomFeed(feedgenerator.Atom1Feed):
    """Atom with the main photo as Media RSS `media:content` besides the enclosure link."""

    def root_attributes(self) -> dict[str, str]:
        return {**super().root_attributes(), "xmlns:media": MEDIA_RSS_NS}

    def add_item_elements(self, handler: Any, item: dict[str, Any]) -> None:
        super().add_item_elements(handler, item)
        _add_media_content(handler, item.get("photo"))


def _xml_safe(value: Any) -> Any:
    if isinstance(value, str):
        return xml_text(value)
    if isinstance(value, list | tuple):
        return type(value)(_xml_safe(part) for part in value)
    if isinstance(value, Photo):
        return replace(value, caption=xml_text(value.caption), credit=xml_text(value.credit))
    return value


def _feed_xml_safe(feed: feedgenerator.SyndicationFeed) -> None:
    """Every text of the feed without what XML cannot hold (`khabar.text.xml_text`).

    Django's writer refuses a control character with an exception, so one old row would
    take the whole feed down; the text is cleaned here, once, for every element.
    """
    feed.feed = {name: _xml_safe(value) for name, value in feed.feed.items()}
    feed.items = [{name: _xml_safe(value) for name, value in item.items()} for item in feed.items]


def _utc(value: datetime.datetime | None) -> datetime.datetime | None:
    """UTC to the second: feed readers compare these, and none shows a fraction. (A feed's
    articles are published: they have the time; None would leave the date out.)"""
    return value.astimezone(datetime.UTC).replace(microsecond=0) if value is not None else None


class EditionFeed(Feed):
    """The latest published articles of an edition: `/{ed}/rss.xml`."""

    feed_type: type[MediaRssFeed | MediaAtomFeed] = MediaRssFeed
    item_guid_is_permalink = True

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # Django's own __call__, plus the edition's language around the feed and the
        # surrogate keys of everything it shows, which only this request knows.
        try:
            channel = self.get_object(request, *args, **kwargs)
        except ObjectDoesNotExist:
            raise Http404("no such feed") from None
        with translation.override(channel.edition.language):
            feed = self.get_feed(channel, request)
        _feed_xml_safe(feed)
        response = HttpResponse(content_type=self.feed_type.content_type)
        response.headers["Last-Modified"] = http_date(feed.latest_post_date().timestamp())
        feed.write(response, "utf-8")
        keys = [*channel.keys, *(surrogate.article_key(e.article.pk) for e in channel.entries)]
        surrogate.tag(response, keys)
        return response

    def _edition(self, code: str) -> Edition:
        edition = edition_get(code=code)
        if edition is None:
            raise Http404("unknown edition")
        return edition

    def _channel(self, request: HttpRequest, edition: Edition, **kwargs: Any) -> Channel:
        return Channel(
            edition=edition,
            origin=links.absolute_url("/").rstrip("/"),
            feed_path=request.path,
            **kwargs,
        )

    def get_object(self, request: HttpRequest, edition: str) -> Channel:
        found = self._edition(edition)
        return self._channel(
            request,
            found,
            title=found.name,
            path=links.home_path(found.code),
            keys=[surrogate.edition_key(found.code), surrogate.latest_key(found.code)],
        )

    def articles(self, channel: Channel) -> list[Article]:
        return selectors.feed_articles(edition=channel.edition, limit=FEED_LENGTH)

    def items(self, channel: Channel) -> list[Entry]:
        code = channel.edition.code
        channel.entries = [
            Entry(
                article=article,
                link=channel.absolute(links.article_path(code, article.code, article.slug)),
                guid=channel.absolute(links.article_permalink_path(code, article.code)),
                photo=_photo(channel, article),
            )
            for article in self.articles(channel)
        ]
        return channel.entries

    def title(self, channel: Channel) -> str:
        return channel.title

    def description(self, channel: Channel) -> str:
        return channel.title

    def subtitle(self, channel: Channel) -> str:
        return channel.title

    def feed_url(self, channel: Channel) -> str:
        # Django would put the request's host in front; the site's origin is SITE_URL's.
        return channel.absolute(channel.feed_path)

    def link(self, channel: Channel) -> str:
        return channel.absolute(channel.path)

    def author_name(self, channel: Channel) -> str:
        # Atom wants an author for every entry; the edition is the publisher of all.
        return channel.edition.name

    def item_title(self, entry: Entry) -> str:
        return entry.article.headline

    # None leaves the element out (Django writes it only when not None); the stubs want a str.
    def item_description(self, entry: Entry) -> str | None:  # type: ignore[override]
        # Readers take RSS descriptions and Atom summaries (type="html") as HTML: escape the
        # plain-text lead so "<" or "&" in it reads as typed and can never become markup.
        return escape(entry.article.lead) if entry.article.lead else None

    def item_link(self, entry: Entry) -> str:
        return entry.link

    def item_guid(self, entry: Entry) -> str:
        # The news code is the article's identity; the slug follows the headline and may
        # change, which would make readers show the article twice.
        return entry.guid

    def item_pubdate(self, entry: Entry) -> datetime.datetime | None:
        return _utc(entry.article.published_at)

    def item_updateddate(self, entry: Entry) -> datetime.datetime | None:
        return _utc(entry.article.last_changed_at)

    def item_author_name(self, entry: Entry) -> str | None:
        return entry.article.byline or None

    def item_categories(self, entry: Entry) -> list[str]:
        return [link.keyword.name for link in entry.article.ordered_keywords]

    def item_enclosures(self, entry: Entry) -> list[feedgenerator.Enclosure]:
        photo = entry.photo
        if photo is None:
            return []
        return [feedgenerator.Enclosure(photo.url, str(photo.length), photo.mime_type)]

    def item_extra_kwargs(self, entry: Entry) -> dict[str, Any]:
        return {"photo": entry.photo}


class EditionAtomFeed(EditionFeed):
    """`/{ed}/atom.xml`"""

    feed_type = MediaAtomFeed


class SectionFeed(EditionFeed):
    """The latest articles of a section: `/{ed}/section/{slug}/rss.xml`."""

    def get_object(  # type: ignore[override]
        self, request: HttpRequest, edition: str, slug: str
    ) -> Channel:
        found = self._edition(edition)
        section = section_get_by_slug(edition=found, slug=slug)
        if section is None:
            raise Http404("no such section")
        return self._channel(
            request,
            found,
            title=f"{section.name} - {found.name}",
            path=links.section_path(found.code, section.slug),
            keys=[surrogate.edition_key(found.code), surrogate.section_key(section.pk)],
            section=section,
        )

    def articles(self, channel: Channel) -> list[Article]:
        return selectors.feed_articles(
            edition=channel.edition, section=channel.section, limit=FEED_LENGTH
        )


class SectionAtomFeed(SectionFeed):
    feed_type = MediaAtomFeed


class KeywordFeed(EditionFeed):
    """The latest articles carrying a keyword, whatever spelling the URL uses."""

    def get_object(  # type: ignore[override]
        self, request: HttpRequest, edition: str, slug: str
    ) -> Channel:
        found = self._edition(edition)
        keyword = keyword_get_by_slug(edition=found, slug=slug)
        if keyword is None:
            raise Http404("no such keyword")
        return self._channel(
            request,
            found,
            title=f"{keyword.name} - {found.name}",
            path=links.keyword_path(found.code, keyword.slug),
            keys=[surrogate.edition_key(found.code), surrogate.keyword_key(keyword.pk)],
            keyword=keyword,
        )

    def articles(self, channel: Channel) -> list[Article]:
        return selectors.feed_articles(
            edition=channel.edition, keyword=channel.keyword, limit=FEED_LENGTH
        )


class KeywordAtomFeed(KeywordFeed):
    feed_type = MediaAtomFeed
