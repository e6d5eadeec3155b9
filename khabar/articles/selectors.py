"""Reads for the public site: what a reader may see, fetched in a fixed number of queries.

The newsroom's reads are in newsroom_selectors, the content API's in api_selectors; the
hand-written SQL under the article page in sql."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TypeVar

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from khabar.articles import limits, sql
from khabar.articles.models import (
    Article,
    ArticleKeyword,
    Correction,
    Keyword,
    TopStory,
    keyword_key,
)
from khabar.calendars import day_bounds
from khabar.core import sql as core_sql
from khabar.editions.models import Edition, Section
from khabar.editions.selectors import directory
from khabar.photos.body import body_photo_reference
from khabar.photos.models import Photo

# A queryset of articles, of whichever class (ArticleQuerySet keeps its words).
QuerySetT = TypeVar("QuerySetT", bound=QuerySet[Article])


def with_ordered_keywords(queryset: QuerySetT) -> QuerySetT:
    """`queryset` with each article's keywords, in the editor's order, as `ordered_keywords`."""
    return queryset.prefetch_related(
        Prefetch(
            "articlekeyword_set",
            queryset=ArticleKeyword.objects.select_related("keyword").order_by("position"),
            to_attr="ordered_keywords",
        )
    )


def article_get_by_code(*, edition: Edition, code: int) -> Article | None:
    """The article with this code, in any status (the view decides 404, 410 or 200)."""
    queryset = Article.objects.select_related("section").filter(edition=edition, code=code)
    article = with_ordered_keywords(queryset).first()
    if article is not None:
        article.edition = edition
    return article


def keyword_get_by_slug(*, edition: Edition, slug: str) -> Keyword | None:
    """The keyword a URL names, whatever spelling (ي/ی, hyphens for spaces) the URL uses."""
    key = keyword_key(slug)
    if not key:
        return None
    return Keyword.objects.filter(edition=edition, key=key).first()


# --- The public site's pages -------------------------------------------------------------

# The columns a list of articles (a card: headline, overline, lead, time, thumbnail) needs.
CARD_FIELDS = (
    "edition",
    "code",
    "slug",
    "section",
    "overline",
    "headline",
    "lead",
    "published_at",
    "is_breaking",
    "photo",
)

# What a card's thumbnail needs of its photo (home top stories show them).
CARD_PHOTO_FIELDS = ("alt", "width", "height", "renditions")
BREAKING_FIELDS = ("edition", "code", "slug", "headline", "breaking_until")


def _cards(queryset: QuerySetT, edition: Edition) -> QuerySetT:
    return queryset.filter(edition=edition).only(*CARD_FIELDS)


def _with_edition(articles: Iterable[Article], edition: Edition) -> list[Article]:
    """Attach the edition already in hand, so building an article's URL runs no query."""
    found = list(articles)
    for article in found:
        core_sql.attach(article, "edition", edition)
    return found


def article_get_for_page(*, edition: Edition, code: int) -> Article | None:
    """The article with this code and what its page shows: section, keywords, corrections.

    Keywords come as `ordered_keywords` (links with their keyword, in order; at most the
    services' cap, even for rows written before it or around the services) and corrections
    as `ordered_corrections`. Hand-written reads (khabar.articles.sql), one per table, and
    none of corrections for an article without any.
    """
    found = sql.article_for_page(edition_id=edition.pk, code=code)
    if found is None:
        return None
    article, corrected = found
    core_sql.attach(article, "edition", edition)
    article.ordered_keywords = sql.keyword_links(article_id=article.pk, limit=limits.KEYWORDS_MAX)
    article.ordered_corrections = sql.corrections(article_id=article.pk) if corrected else []
    return article


def article_locate(*, edition: Edition, code: int) -> Article | None:
    """Just enough of an article to answer a redirect: its status, dates and slug."""
    article = (
        Article.objects.filter(edition=edition, code=code)
        .only("edition_id", "code", "slug", "status", "published_at")
        .first()
    )
    if article is not None:
        article.edition = edition
    return article


def article_translations(*, article: Article) -> list[Article]:
    """The published translations of an article in the other editions, in edition order."""
    if article.translation_group is None:
        return []
    queryset = (
        Article.objects.published()
        .filter(translation_group=article.translation_group)
        .exclude(pk=article.pk)
        .select_related("edition")
        .only("code", "slug", "headline", "published_at", "edition")
        .order_by("edition__position", "edition__code")
    )
    return list(queryset)


def article_related(*, article: Article, limit: int = 6) -> list[Article]:
    """Articles sharing a keyword with this one, then from its section; newest first.

    One query for each of the two, whatever the archive holds or the article's keywords
    number: two at most, never more with a larger archive. The section's is asked only
    when the keywords' cards leave room (it cost an uncached page a twentieth of its CPU,
    for cards it then dropped). Each asks an index for the newest few. Only the first
    `KEYWORDS_MAX` keywords are asked (one part of a UNION ALL each; SQLite takes at most
    500), whatever the article holds. Hand-written (khabar.articles.sql): building the
    querysets cost several times what running them does.
    """
    edition = article.edition
    links = getattr(article, "ordered_keywords", [])[: limits.KEYWORDS_MAX]
    keyword_ids = [link.keyword_id for link in links]
    now = timezone.now()
    # The keyword cards are distinct (one IN); the section's fill the list up, those already
    # in it left out before they are made into instances.
    found: dict[int, Article] = {}
    if keyword_ids:
        for related in sql.cards_sharing_keywords(
            fields=CARD_FIELDS, keyword_ids=keyword_ids, exclude=article.pk, now=now, limit=limit
        ):
            found.setdefault(related.pk, related)
    if article.section_id is not None and len(found) < limit:
        for related in sql.cards_of_section(
            fields=CARD_FIELDS,
            edition_id=edition.pk,
            section_id=article.section_id,
            exclude=article.pk,
            now=now,
            limit=limit,
            filling=found.keys(),
        ):
            found.setdefault(related.pk, related)
    return _with_edition(list(found.values())[:limit], edition)


def section_list(*, edition: Edition) -> list[Section]:
    """The edition's sections in order: on each page (its header links to them all); kept
    in the process until they change (khabar.editions.selectors.directory)."""
    return directory().sections.get(edition.pk, [])


def section_get_by_slug(*, edition: Edition, slug: str) -> Section | None:
    return Section.objects.filter(edition=edition, slug=slug).first()


def section_articles(*, section: Section) -> QuerySet[Article]:
    """The section's published articles, newest first: a query for a paginator to slice."""
    return _cards(
        Article.objects.published().filter(section=section).latest_first(), section.edition
    )


def keyword_articles_queryset(*, keyword: Keyword) -> QuerySet[Article]:
    """The keyword's published articles, newest first: a query for a paginator to slice."""
    sharing = ArticleKeyword.objects.filter(keyword=keyword).values("article_id")
    return _cards(
        Article.objects.published().filter(pk__in=sharing).latest_first(), keyword.edition
    )


def archive_day_articles(*, edition: Edition, date: datetime.date) -> QuerySet[Article] | None:
    """The articles published on this local day of the edition (its time zone), newest first;
    None for a day whose bounds in UTC datetime cannot hold (it holds no article)."""
    bounds = day_bounds(date, edition.time_zone)
    if bounds is None:
        return None
    start, end = bounds
    return _cards(
        Article.objects.published()
        .filter(published_at__gte=start, published_at__lt=end)
        .latest_first(),
        edition,
    )


def corrections_latest(*, edition: Edition) -> QuerySet[Correction]:
    """The edition's corrections on public articles, newest first, with their articles."""
    return (
        Correction.objects.filter(
            article__edition=edition,
            article__status=Article.Status.PUBLISHED,
            article__published_at__lte=timezone.now(),
        )
        .select_related("article")
        .order_by("-created_at", "-pk")
    )


def breaking_article(*, edition: Edition) -> Article | None:
    """The edition's current breaking alert: public, flagged, and not yet expired.

    Only alerts with an expiry count (editors set them through the workflow); a legacy
    "breaking" flag from an import never reaches the bar.
    """
    # Every page shows the bar: hand-written (khabar.articles.sql), as building its queryset
    # cost an uncached page about a tenth of its time.
    article = sql.breaking_alert(fields=BREAKING_FIELDS, edition_id=edition.pk, now=timezone.now())
    if article is not None:
        core_sql.attach(article, "edition", edition)
    return article


def top_stories(*, edition: Edition) -> list[Article]:
    """The edition's top stories in the editors' order, leaving out any not (yet) public.

    The few links are read by edition and those not public left out here: asked in SQL,
    SQLite without statistics (before the worker's first ANALYZE) walks every published
    article of the site to find the dozen picked (15 ms a render on 100,000 articles).
    """
    links = (
        TopStory.objects.filter(edition=edition)
        .select_related("article__photo")
        .only(
            *(f"article__{name}" for name in CARD_FIELDS),
            "article__status",
            *(f"article__photo__{name}" for name in CARD_PHOTO_FIELDS),
            "position",
            "edition",
        )
        .order_by("position")
    )
    # An article of another edition (never put there by the desk) would get this one's URL.
    shown = (
        link.article
        for link in links
        if link.article.is_public and link.article.edition_id == edition.pk
    )
    return _with_edition(shown, edition)


def article_list_latest_cards(*, edition: Edition, limit: int = 20) -> list[Article]:
    found = sql.latest_cards(
        fields=CARD_FIELDS, edition_id=edition.pk, now=timezone.now(), limit=limit
    )
    return _with_edition(found, edition)


def section_blocks(
    *, edition: Edition, sections: list[Section], per_section: int = 4
) -> list[tuple[Section, list[Article]]]:
    """The newest few articles of each section, in one query whatever the number of sections
    (sql.newest_of_sections)."""
    if not sections:
        return []
    found = sql.newest_of_sections(
        fields=CARD_FIELDS,
        edition_id=edition.pk,
        section_ids=[section.pk for section in sections],
        now=timezone.now(),
        per_section=per_section,
    )
    # Every article read has one of the sections (the IN above); the key type says otherwise.
    by_section: dict[int | None, list[Article]] = {section.pk: [] for section in sections}
    for article in found:
        article.edition = edition
        by_section[article.section_id].append(article)
    return [(section, by_section[section.pk]) for section in sections]


def articles_showing_photo(*, photo: Photo) -> QuerySet[Article]:
    """Every article that shows the library photo: as its main photo, or inside its body.

    The body is matched by the reference the editor writes (khabar.photos.body); the quote
    that closes it keeps photo 1 from matching photo 12. A photo's change is rare (an
    upload's rendering, an edit), so reading the bodies then is cheaper than keeping a
    table of them on every save.
    """
    return Article.objects.filter(
        Q(photo=photo) | Q(body__contains=body_photo_reference(photo_id=photo.pk))
    )
