"""Reads for the public site: what a reader may see, fetched in a fixed number of queries;
and, at the end, the few reads of the newsroom's article pages."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from django.db import connection
from django.db.models import Exists, F, Model, OuterRef, Prefetch, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone

from khabar.articles import limits
from khabar.articles.models import (
    Article,
    ArticleKeyword,
    ArticleRevision,
    Correction,
    Keyword,
    PreviewLink,
    TopStory,
    keyword_key,
)
from khabar.editions.models import Edition, Section
from khabar.staff.permissions import Scope


def _column(model: type[Model], name: str) -> str:
    """`table.column` of a model's field, quoted for the database in use."""
    quote = connection.ops.quote_name
    return f"{quote(model._meta.db_table)}.{quote(model._meta.get_field(name).column)}"


def _columns(model: type[Model], names: Iterable[str] | None = None) -> str:
    """The quoted columns of these fields (all concrete fields by default), in model order."""
    fields = model._meta.concrete_fields
    if names is not None:
        wanted = {model._meta.get_field(name) for name in names}
        fields = [field for field in fields if field in wanted]
    return ", ".join(_column(model, field.name) for field in fields)


def with_ordered_keywords(queryset: QuerySet[Article]) -> QuerySet[Article]:
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


def keyword_articles(*, keyword: Keyword, limit: int = 30) -> list[Article]:
    queryset = (
        Article.objects.published()
        .filter(articlekeyword__keyword=keyword)
        .only("code", "slug", "headline", "lead", "published_at")
        .latest_first()[:limit]
    )
    return list(queryset)


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
    "photo_width",
    "photo_height",
    "photo_caption",
)


def _cards(queryset: QuerySet[Article], edition: Edition) -> QuerySet[Article]:
    return queryset.filter(edition=edition).only(*CARD_FIELDS)


def _with_edition(articles: Iterable[Article], edition: Edition) -> list[Article]:
    """Attach the edition already in hand, so building an article's URL runs no query."""
    found = list(articles)
    for article in found:
        article.edition = edition
    return found


def article_get_for_page(*, edition: Edition, code: int) -> Article | None:
    """The article with this code and what its page shows: section, keywords, corrections.

    Keywords come as `ordered_keywords` (links with their keyword, in order) and
    corrections as `ordered_corrections`. Hand-written reads, one per table: composing
    and compiling the querysets cost the uncached page several times what the queries
    themselves do.
    """
    quote = connection.ops.quote_name
    article_meta, section_meta = Article._meta, Section._meta
    section_fields = [field.column for field in section_meta.concrete_fields]
    section_columns = ", ".join(
        f"{quote(section_meta.db_table)}.{quote(column)} AS {quote('section__' + column)}"
        for column in section_fields
    )
    sql = (
        f"SELECT {_columns(Article)}, {section_columns} FROM {quote(article_meta.db_table)}"  # noqa: S608
        f" LEFT OUTER JOIN {quote(section_meta.db_table)} ON {_column(Article, 'section')}"
        f" = {_column(Section, 'id')}"
        f" WHERE {_column(Article, 'edition')} = %s AND {_column(Article, 'code')} = %s"
    )
    article = next(iter(Article.objects.raw(sql, [edition.pk, code])), None)
    if article is None:
        return None
    article.edition = edition
    values = [getattr(article, f"section__{column}") for column in section_fields]
    article.section = (
        None if article.section_id is None else Section.from_db(connection.alias, None, values)
    )
    article.ordered_keywords = _keyword_links(article)
    article.ordered_corrections = list(
        Correction.objects.raw(
            f"SELECT {_columns(Correction)} FROM {quote(Correction._meta.db_table)}"  # noqa: S608
            f" WHERE {_column(Correction, 'article')} = %s"
            f" ORDER BY {_column(Correction, 'created_at')}, {_column(Correction, 'id')}",
            [article.pk],
        )
    )
    return article


def _keyword_links(article: Article) -> list[ArticleKeyword]:
    """The article's first `KEYWORDS_MAX` keyword links in order, each with its keyword.

    No datetimes: plain rows. The limit holds the page to the services' cap even for rows
    written before it or around the services.
    """
    quote = connection.ops.quote_name
    link_fields = ("id", "article_id", "keyword_id", "position")
    sql = (
        f"SELECT {_columns(ArticleKeyword, link_fields)}, {_columns(Keyword)}"  # noqa: S608
        f" FROM {quote(ArticleKeyword._meta.db_table)} INNER JOIN {quote(Keyword._meta.db_table)}"
        f" ON {_column(ArticleKeyword, 'keyword')} = {_column(Keyword, 'id')}"
        f" WHERE {_column(ArticleKeyword, 'article')} = %s"
        f" ORDER BY {_column(ArticleKeyword, 'position')}, {_column(ArticleKeyword, 'id')}"
        f" LIMIT {int(limits.KEYWORDS_MAX)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [article.pk])
        rows = cursor.fetchall()
    links = []
    split = len(link_fields)
    for row in rows:
        link = ArticleKeyword.from_db(connection.alias, link_fields, row[:split])
        link.keyword = Keyword.from_db(connection.alias, None, row[split:])
        links.append(link)
    return links


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

    One query for each of the two, whatever the archive holds, and both whenever the
    article has keywords and a section (even when the first fills the list), so that
    the page's query count depends on the article's shape, never on the archive's size.
    Each asks an index for the newest few. Only the first `KEYWORDS_MAX` keywords are
    asked (one part of a UNION ALL each; SQLite takes at most 500), whatever the article
    holds.
    """
    edition = article.edition
    links = getattr(article, "ordered_keywords", [])[: limits.KEYWORDS_MAX]
    keyword_ids = [link.keyword_id for link in links]
    quote = connection.ops.quote_name
    # Hand-written like _keywords_newest: building the two querysets cost several times
    # what running them does.
    columns = _columns(Article, (*CARD_FIELDS, "id"))
    select = f"SELECT {columns} FROM {quote(Article._meta.db_table)}"  # noqa: S608
    newest_first = (
        f" ORDER BY {_column(Article, 'published_at')} DESC, {_column(Article, 'code')} DESC"
        f" LIMIT {int(limit)}"
    )
    candidates: list[Article] = []
    if keyword_ids:
        # No filter on the edition or the status here: the links answer for both, and
        # either would let SQLite walk the edition's newest-first index again.
        sharing = _keywords_newest(keyword_ids=keyword_ids, exclude=article.pk, limit=limit)
        candidates += Article.objects.raw(
            f"{select} WHERE {_column(Article, 'id')} IN ({sharing.sql}){newest_first}",
            sharing.params,
        )
    if article.section_id is not None:
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        candidates += Article.objects.raw(
            f"{select} WHERE {_column(Article, 'status')} = %s"
            f" AND {_column(Article, 'published_at')} <= %s"
            f" AND {_column(Article, 'id')} <> %s AND {_column(Article, 'section')} = %s"
            f" AND {_column(Article, 'edition')} = %s{newest_first}",
            [Article.Status.PUBLISHED.value, now, article.pk, article.section_id, edition.pk],
        )
    found: dict[int, Article] = {}
    for related in candidates:
        found.setdefault(related.pk, related)
    return _with_edition(list(found.values())[:limit], edition)


def _keywords_newest(*, keyword_ids: list[int], exclude: int, limit: int) -> RawSQL:
    """A subquery for `pk__in`: the ids of each keyword's newest `limit` public articles.

    Each keyword reads its own range of the links' (keyword, -published at, -code) index,
    so the cost is the same for a keyword of five articles and one of five thousand. The
    parts are glued with UNION ALL inside an IN (…), as Django cannot slice the parts of a
    union on SQLite. Hand-written: composing a queryset per keyword cost several times
    what the query itself does.
    """
    meta = ArticleKeyword._meta
    quote = connection.ops.quote_name
    article, keyword, published_at, code = (
        quote(meta.get_field(name).column)
        for name in ("article", "keyword", "article_published_at", "article_code")
    )
    newest = (
        f"SELECT {article} FROM {quote(meta.db_table)}"  # noqa: S608
        f" WHERE {keyword} = %s AND {published_at} <= %s AND {article} <> %s"
        f" ORDER BY {published_at} DESC, {code} DESC LIMIT {int(limit)}"
    )
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    # Column names come from the model; every value is a parameter.
    sql = " UNION ALL ".join(
        f"SELECT * FROM ({newest}) AS newest_{number}"  # noqa: S608
        for number in range(len(keyword_ids))
    )
    params = [param for keyword_id in keyword_ids for param in (keyword_id, now, exclude)]
    return RawSQL(sql, params)  # noqa: S611


def section_list(*, edition: Edition) -> list[Section]:
    """The edition's sections in order: read on each page (its header links to them all)."""
    quote = connection.ops.quote_name
    sql = (
        f"SELECT {_columns(Section)} FROM {quote(Section._meta.db_table)}"  # noqa: S608
        f" WHERE {_column(Section, 'edition')} = %s"
        f" ORDER BY {_column(Section, 'position')}, {_column(Section, 'name')}"
    )
    sections = list(Section.objects.raw(sql, [edition.pk]))
    for section in sections:
        section.edition = edition
    return sections


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


def archive_day_articles(
    *, edition: Edition, start: datetime.datetime, end: datetime.datetime
) -> QuerySet[Article]:
    """Articles published in [start, end) (aware datetimes), newest first."""
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
    article = (
        Article.objects.published()
        .filter(edition=edition, is_breaking=True, breaking_until__gt=timezone.now())
        .only("code", "slug", "headline", "edition", "breaking_until")
        .order_by("-breaking_until")
        .first()
    )
    if article is not None:
        article.edition = edition
    return article


def top_stories(*, edition: Edition) -> list[Article]:
    """The edition's top stories in the editors' order, leaving out any not (yet) public."""
    links = (
        TopStory.objects.filter(edition=edition)
        .filter(article__status=Article.Status.PUBLISHED, article__published_at__lte=timezone.now())
        .select_related("article")
        .only(*(f"article__{name}" for name in CARD_FIELDS), "position", "edition")
        .order_by("position")
    )
    return _with_edition((link.article for link in links), edition)


def article_list_latest_cards(*, edition: Edition, limit: int = 20) -> list[Article]:
    queryset = _cards(Article.objects.published().latest_first(), edition)[:limit]
    return _with_edition(queryset, edition)


def section_blocks(
    *, edition: Edition, sections: list[Section], per_section: int = 4
) -> list[tuple[Section, list[Article]]]:
    """The newest few articles of each section, in one query whatever the number of sections.

    Each section's newest rows come from its own index range (LIMIT per section), glued with
    UNION ALL inside an IN (…): Django cannot slice the parts of a union on SQLite.
    """
    if not sections:
        return []
    parts: list[str] = []
    params: list[object] = []
    for number, section in enumerate(sections):
        newest = (
            Article.objects.published()
            .filter(section=section)
            .latest_first()
            .values("id")[:per_section]
        )
        sql, part_params = newest.query.sql_with_params()
        parts.append(f"SELECT id FROM ({sql}) AS newest_{number}")  # noqa: S608
        params.extend(part_params)
    queryset = _cards(Article.objects.all(), edition).filter(
        # The SQL is Django's own, compiled above with its parameters kept apart.
        pk__in=RawSQL(" UNION ALL ".join(parts), params)  # noqa: S611
    )
    by_section: dict[int, list[Article]] = {section.pk: [] for section in sections}
    for article in queryset.latest_first():
        article.edition = edition
        by_section[article.section_id].append(article)
    return [(section, by_section[section.pk]) for section in sections]


def keyword_search(*, edition: Edition, text: str = "") -> QuerySet[Keyword]:
    """The edition's keywords, by name, narrowed to those whose name holds `text` however
    either is spelt (ي/ی, ك/ک, harakat): both are compared by their matching key."""
    keywords = Keyword.objects.filter(edition=edition)
    key = keyword_key(text)
    if key:
        keywords = keywords.filter(key__contains=key)
    return keywords.order_by("name", "pk")


def keyword_get(*, keyword_id: int) -> Keyword | None:
    return Keyword.objects.select_related("edition").filter(pk=keyword_id).first()


# --- The content API -----------------------------------------------------------------------


class ApiOrder(StrEnum):
    """The two ways the API lists articles, each with its own cursor.

    NEWEST: newest publication first, for reading; an article published during the walk
    lands before the cursor, so going back in time never repeats or skips one.
    CHANGES: oldest change first (`updated_at`, which every publication, edit, correction
    and withdrawal moves forward), for an incremental sync: an article changed during the
    walk moves past the cursor and is met again, once, in its new version.
    """

    NEWEST = "newest"
    CHANGES = "changes"


@dataclass(frozen=True, slots=True)
class ApiPosition:
    """Where a page of the API's article list ends: the last article's sort value and id."""

    at: datetime.datetime
    id: int


def api_articles(
    *,
    editions: list[Edition],
    section: Section | None = None,
    keyword: Keyword | None = None,
    order: ApiOrder,
    since: datetime.datetime | None = None,
    changed_before: datetime.datetime | None = None,
    after: ApiPosition | None = None,
    limit: int,
) -> list[Article]:
    """Up to `limit` public articles of these editions after `after`, in `order`.

    `since` and `changed_before` bound `updated_at` (CHANGES). Each article comes with its
    edition, section and `ordered_keywords`: three queries whatever the page holds.
    """
    queryset = Article.objects.published().filter(edition__in=editions)
    if section is not None:
        queryset = queryset.filter(section=section)
    if keyword is not None:
        queryset = queryset.filter(
            pk__in=ArticleKeyword.objects.filter(keyword=keyword).values("article_id")
        )
    if order is ApiOrder.NEWEST:
        if after is not None:
            queryset = queryset.filter(
                Q(published_at__lt=after.at) | Q(published_at=after.at, pk__lt=after.id)
            )
        queryset = queryset.order_by("-published_at", "-pk")
    else:
        if since is not None:
            queryset = queryset.filter(updated_at__gte=since)
        if changed_before is not None:
            queryset = queryset.filter(updated_at__lt=changed_before)
        if after is not None:
            queryset = queryset.filter(
                Q(updated_at__gt=after.at) | Q(updated_at=after.at, pk__gt=after.id)
            )
        queryset = queryset.order_by("updated_at", "pk")
    by_id = {edition.pk: edition for edition in editions}
    found = list(with_ordered_keywords(queryset.select_related("section"))[:limit])
    for article in found:
        article.edition = by_id[article.edition_id]
    return found


def api_articles_by_id(*, edition: Edition, ids: list[int]) -> list[Article]:
    """The public articles among `ids`, in the order given (a search's ranking), each with
    its section and `ordered_keywords` as `api_articles` gives them: three queries."""
    queryset = Article.objects.published().filter(edition=edition, pk__in=ids)
    by_id = {a.pk: a for a in with_ordered_keywords(queryset.select_related("section"))}
    found = [by_id[pk] for pk in ids if pk in by_id]
    for article in found:
        article.edition = edition
    return found


def api_article(*, edition: Edition, code: int) -> Article | None:
    """The article with this code in any status (the API answers 404, 410 or 200), with its
    section, `ordered_keywords`, corrections and published translations (`translations`)."""
    article = article_get_for_page(edition=edition, code=code)
    if article is not None:
        article.translations = article_translations(article=article)
    return article


def api_keywords(*, edition: Edition, after_id: int | None = None, limit: int) -> list[Keyword]:
    """The edition's keywords that show on at least one public article, in id order.

    Only those: a keyword given to a draft alone may name a story not yet out.
    """
    links = ArticleKeyword.objects.filter(
        keyword=OuterRef("pk"), article_published_at__lte=timezone.now()
    )
    queryset = Keyword.objects.filter(edition=edition).filter(Exists(links))
    if after_id is not None:
        queryset = queryset.filter(pk__gt=after_id)
    found = list(queryset.order_by("pk")[:limit])
    for keyword in found:
        keyword.edition = edition
    return found


# --- The newsroom -----------------------------------------------------------------------------


def newsroom_articles(
    *,
    scope: Scope,
    user_id: int,
    edition_id: int | None = None,
    section_id: int | None = None,
    author_id: int | None = None,
    status: str | None = None,
    published_from: datetime.datetime | None = None,
    published_to: datetime.datetime | None = None,
    order: str = "updated_at",
    descending: bool = True,
) -> QuerySet[Article]:
    """The articles a staff member works on, sorted by `order` (then id), for a paginator.

    An admin sees every article; an editor their editions' (only their sections' when the
    role lists sections); a reporter the articles they wrote. Each row comes with its
    edition, section and author: a page of the list is one query, whatever its length.
    Articles without a publication time sort last by it, either way.
    """
    queryset = Article.objects.select_related("edition", "section", "author")
    if scope.role == "reporter":
        queryset = queryset.filter(author_id=user_id)
    elif not scope.is_admin:
        queryset = queryset.filter(edition__in=scope.edition_ids)
        if scope.section_ids:
            queryset = queryset.filter(section__in=scope.section_ids)
    filters = {
        "edition_id": edition_id,
        "section_id": section_id,
        "author_id": author_id,
        "status": status,
        "published_at__gte": published_from,
        "published_at__lt": published_to,
    }
    queryset = queryset.filter(**{name: value for name, value in filters.items() if value})
    field = F(order).desc(nulls_last=True) if descending else F(order).asc(nulls_last=True)
    return queryset.order_by(field, "-pk" if descending else "pk")


def newsroom_article(*, pk: int) -> Article | None:
    """An article with what its editor page shows beside the text: edition, section, author."""
    return Article.objects.select_related("edition", "section", "author").filter(pk=pk).first()


def article_revisions(*, article: Article) -> list[ArticleRevision]:
    """The article's revisions, newest first (their content is what a diff reads)."""
    return list(ArticleRevision.objects.filter(article=article).order_by("-number"))


def article_revision_pair(
    *, article: Article, numbers: tuple[int, int]
) -> dict[int, ArticleRevision]:
    """The article's revisions with these numbers, by number (missing ones left out)."""
    return {
        revision.number: revision
        for revision in ArticleRevision.objects.filter(article=article, number__in=numbers)
    }


def preview_links_open(*, article: Article) -> list[PreviewLink]:
    """The article's preview links that still open it: not revoked, not expired."""
    return list(
        PreviewLink.objects.filter(
            article=article, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )
        .select_related("created_by")
        .order_by("-created_at")
    )
