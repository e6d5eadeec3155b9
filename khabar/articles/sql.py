"""Hand-written reads of the article page, where composing and compiling the querysets cost
the uncached page several times what the queries themselves do (bench.profiling shows it).

Each maps every column through its field's converters (khabar.core.sql), so a row comes back
as the ORM would give it, and each is tested against its ORM twin on SQLite and PostgreSQL
(tests/test_sql.py). Column names come from the models; every value is a parameter.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection
from typing import Any

from django.db import connection
from django.db.models import Model

from khabar.articles.models import Article, ArticleKeyword, Correction, Keyword
from khabar.core import sql
from khabar.editions.models import Section
from khabar.photos.models import Photo


def article_for_page(*, edition_id: int, code: int) -> tuple[Article, bool] | None:
    """The article with this code in the edition, any status, with its section and its main
    photo (each None when it has none), and whether it has corrections: one row. Most
    articles have none, and their page then asks no more about them."""
    article_fields = sql.fields_of(Article)
    joined: dict[str, type[Model]] = {"section": Section, "photo": Photo}
    joined_fields = {name: sql.fields_of(model) for name, model in joined.items()}
    joins = "".join(
        f" LEFT OUTER JOIN {sql.table(model)}"
        f" ON {sql.column(Article, name)} = {sql.column(model, 'id')}"
        for name, model in joined.items()
    )
    selected = ", ".join(
        sql.columns(fields) for fields in [article_fields, *joined_fields.values()]
    )
    corrected = (
        f"EXISTS (SELECT 1 FROM {sql.table(Correction)}"  # noqa: S608
        f" WHERE {sql.column(Correction, 'article')} = {sql.column(Article, 'id')})"
    )
    query = (
        f"SELECT {selected}, {corrected} FROM {sql.table(Article)}{joins}"  # noqa: S608
        f" WHERE {sql.column(Article, 'edition')} = %s AND {sql.column(Article, 'code')} = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(query, [edition_id, code])
        row = cursor.fetchone()
    if row is None:
        return None
    start = len(article_fields)
    article = sql.instance(Article, row[:start], sql.converters(article_fields))
    for name, model in joined.items():
        fields = joined_fields[name]
        values, start = row[start : start + len(fields)], start + len(fields)
        related = None
        if getattr(article, f"{name}_id") is not None:
            related = sql.instance(model, values, sql.converters(fields))
        sql.attach(article, name, related)
    return article, bool(row[start])  # SQLite's 0 or 1, PostgreSQL's boolean


def keyword_links(*, article_id: int, limit: int) -> list[ArticleKeyword]:
    """The article's first `limit` keyword links in the editor's order, each with its keyword."""
    link_fields = sql.fields_of(ArticleKeyword, ("id", "article", "keyword", "position"))
    keyword_fields = sql.fields_of(Keyword)
    query = (
        f"SELECT {sql.columns(link_fields)}, {sql.columns(keyword_fields)}"  # noqa: S608
        f" FROM {sql.table(ArticleKeyword)} INNER JOIN {sql.table(Keyword)}"
        f" ON {sql.column(ArticleKeyword, 'keyword')} = {sql.column(Keyword, 'id')}"
        f" WHERE {sql.column(ArticleKeyword, 'article')} = %s"
        f" ORDER BY {sql.column(ArticleKeyword, 'position')}, {sql.column(ArticleKeyword, 'id')}"
        f" LIMIT {int(limit)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(query, [article_id])
        rows = cursor.fetchall()
    link_convert, keyword_convert = sql.converters(link_fields), sql.converters(keyword_fields)
    split = len(link_fields)
    links = []
    for row in rows:
        link = sql.instance(ArticleKeyword, row[:split], link_convert)
        sql.attach(link, "keyword", sql.instance(Keyword, row[split:], keyword_convert))
        links.append(link)
    return links


def corrections(*, article_id: int) -> list[Correction]:
    """The article's corrections, oldest first."""
    fields = sql.fields_of(Correction)
    query = (
        f"SELECT {sql.columns(fields)} FROM {sql.table(Correction)}"  # noqa: S608
        f" WHERE {sql.column(Correction, 'article')} = %s"
        f" ORDER BY {sql.column(Correction, 'created_at')}, {sql.column(Correction, 'id')}"
    )
    with connection.cursor() as cursor:
        cursor.execute(query, [article_id])
        rows = cursor.fetchall()
    convert = sql.converters(fields)
    return [sql.instance(Correction, row, convert) for row in rows]


def breaking_alert(
    *, fields: tuple[str, ...], edition_id: int, now: datetime.datetime
) -> Article | None:
    """The edition's public, flagged article whose alert ends last, after `now`; none else.

    Its WHERE is the breaking bar's partial index's (edition, -breaking until, is breaking).
    """
    chosen = sql.fields_of(Article, (*fields, "id"))
    adapted = connection.ops.adapt_datetimefield_value(now)
    query = (
        f"SELECT {sql.columns(chosen)} FROM {sql.table(Article)}"  # noqa: S608
        f" WHERE {sql.column(Article, 'edition')} = %s AND {sql.column(Article, 'is_breaking')}"
        f" AND {sql.column(Article, 'breaking_until')} > %s"
        f" AND {sql.column(Article, 'status')} = %s AND {sql.column(Article, 'published_at')} <= %s"
        f" ORDER BY {sql.column(Article, 'breaking_until')} DESC LIMIT 1"
    )
    with connection.cursor() as cursor:
        cursor.execute(query, [edition_id, adapted, Article.Status.PUBLISHED.value, adapted])
        row = cursor.fetchone()
    return None if row is None else sql.instance(Article, row, sql.converters(chosen))


def cards_sharing_keywords(
    *,
    fields: tuple[str, ...],
    keyword_ids: list[int],
    exclude: int,
    now: datetime.datetime,
    limit: int,
) -> list[Article]:
    """The newest `limit` public articles carrying any of these keywords, `exclude` left out.

    Each keyword reads its own range of the links' (keyword, -published at, -code) index, so
    the cost is the same for a keyword of five articles and one of five thousand. The parts
    are glued with UNION ALL inside a subquery of their own, as Django cannot slice the
    parts of a union on SQLite. The newest `limit` of them are chosen from the links' own
    copies of the date and code, before any article is read: reading the rows of every
    candidate (up to six for each of six keywords) to sort them was a tenth of the query's
    time. No filter on the edition or the status: the links answer for both (they hold
    public articles' dates only), and either would let SQLite walk the edition's index.
    """
    quote = connection.ops.quote_name
    names = ("article", "keyword", "article_published_at", "article_code")
    by_name = {field.name: quote(field.column) for field in sql.fields_of(ArticleKeyword, names)}
    article, keyword, published_at, code = (by_name[name] for name in names)
    newest = (
        f"SELECT {article}, {published_at}, {code} FROM {sql.table(ArticleKeyword)}"  # noqa: S608
        f" WHERE {keyword} = %s AND {published_at} <= %s AND {article} <> %s"
        f" ORDER BY {published_at} DESC, {code} DESC LIMIT {int(limit)}"
    )
    # An article carrying several of the keywords is one: its links share its date and code.
    chosen = (
        f"SELECT {article} FROM ({_each(newest, len(keyword_ids))}) AS sharing"  # noqa: S608
        f" GROUP BY {article} ORDER BY MAX({published_at}) DESC, MAX({code}) DESC"
        f" LIMIT {int(limit)}"
    )
    adapted = connection.ops.adapt_datetimefield_value(now)
    params = [param for keyword_id in keyword_ids for param in (keyword_id, adapted, exclude)]
    return _cards(fields, f"{sql.column(Article, 'id')} IN ({chosen})", params, limit)


def cards_of_section(
    *,
    fields: tuple[str, ...],
    edition_id: int,
    section_id: int,
    exclude: int,
    now: datetime.datetime,
    limit: int,
    filling: Collection[int] = (),
) -> list[Article]:
    """The newest `limit` public articles of the section, `exclude` left out.

    `filling`: the ids a list of `limit` cards already holds. Their rows are left out, and
    only the first (limit - len(filling)) others are made into instances, the rest dropped
    (the query is the same, for the page's query plan).
    """
    where = (
        f"{sql.column(Article, 'status')} = %s AND {sql.column(Article, 'published_at')} <= %s"
        f" AND {sql.column(Article, 'id')} <> %s AND {sql.column(Article, 'section')} = %s"
        f" AND {sql.column(Article, 'edition')} = %s"
    )
    params = [
        Article.Status.PUBLISHED.value,
        connection.ops.adapt_datetimefield_value(now),
        exclude,
        section_id,
        edition_id,
    ]
    return _cards(fields, where, params, limit, filling)


def latest_cards(
    *, fields: tuple[str, ...], edition_id: int, now: datetime.datetime, limit: int
) -> list[Article]:
    """The edition's newest `limit` public articles: the home page's latest list."""
    where = (
        f"{sql.column(Article, 'edition')} = %s AND {sql.column(Article, 'status')} = %s"
        f" AND {sql.column(Article, 'published_at')} <= %s"
    )
    params = [
        edition_id,
        Article.Status.PUBLISHED.value,
        connection.ops.adapt_datetimefield_value(now),
    ]
    return _cards(fields, where, params, limit)


def newest_of_sections(
    *,
    fields: tuple[str, ...],
    edition_id: int,
    section_ids: list[int],
    now: datetime.datetime,
    per_section: int,
) -> list[Article]:
    """The newest `per_section` public articles of each section, all newest first.

    Each section reads its own range of the (section, status, published at) index, glued
    with UNION ALL inside an IN (…) as cards_sharing_keywords does: one query whatever the
    number of sections. The home page's section blocks; built by the ORM, composing and
    compiling one queryset per section cost a render six times what the query does.
    """
    identifier = sql.column(Article, "id")
    newest = (
        f"SELECT {identifier} FROM {sql.table(Article)}"  # noqa: S608
        f" WHERE {sql.column(Article, 'status')} = %s"
        f" AND {sql.column(Article, 'published_at')} <= %s"
        f" AND {sql.column(Article, 'section')} = %s"
        f" ORDER BY {sql.column(Article, 'published_at')} DESC,"
        f" {sql.column(Article, 'code')} DESC LIMIT {int(per_section)}"
    )
    parts = _each(newest, len(section_ids))
    adapted = connection.ops.adapt_datetimefield_value(now)
    published = Article.Status.PUBLISHED.value
    params = [param for section_id in section_ids for param in (published, adapted, section_id)]
    where = f"{sql.column(Article, 'edition')} = %s AND {identifier} IN ({parts})"
    return _cards(fields, where, [edition_id, *params], per_section * len(section_ids))


def _each(newest: str, count: int) -> str:
    """`count` copies of the ranged read `newest` glued with UNION ALL, each a subquery of
    its own so that each keeps its ORDER BY and LIMIT (on SQLite too)."""
    return " UNION ALL ".join(
        f"SELECT * FROM ({newest}) AS newest_{number}"  # noqa: S608
        for number in range(count)
    )


def _cards(
    fields: tuple[str, ...],
    where: str,
    params: list[Any],
    limit: int,
    filling: Collection[int] = (),
) -> list[Article]:
    chosen = sql.fields_of(Article, (*fields, "id"))
    query = (
        f"SELECT {sql.columns(chosen)} FROM {sql.table(Article)} WHERE {where}"  # noqa: S608
        f" ORDER BY {sql.column(Article, 'published_at')} DESC, {sql.column(Article, 'code')} DESC"
        f" LIMIT {int(limit)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        rows = cursor.fetchall()
    convert = sql.converters(chosen)
    if filling:
        at = [field.primary_key for field in chosen].index(True)
        rows = [row for row in rows if row[at] not in filling][: max(limit - len(filling), 0)]
    return [sql.instance(Article, row, convert) for row in rows]
