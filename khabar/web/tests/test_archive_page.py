"""The date archive, named in the edition's calendar, bounded by the edition's local day."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from khabar.articles.models import Article
from khabar.calendars import Calendar, to_calendar, to_local
from khabar.core import surrogate
from khabar.editions.models import Edition
from khabar.web.tests.conftest import MakeArticle


def test_solar_hijri_day_lists_the_sample(client: Client, sample_article: Article) -> None:
    response = client.get("/ar/archive/1395/10/19/")
    html = response.content.decode()
    assert response.status_code == 200
    assert sample_article.headline in html
    assert "۱۹ دی ۱۳۹۵" in html
    assert surrogate.keys_of(response) >= {
        surrogate.archive_day_key("ar", datetime.date(2017, 1, 8)),
        surrogate.article_key(sample_article.pk),
        surrogate.edition_key("ar"),
    }


def test_the_day_before_does_not_list_the_sample(client: Client, sample_article: Article) -> None:
    html = client.get("/ar/archive/1395/10/18/").content.decode()
    assert sample_article.headline not in html


def test_gregorian_edition_names_days_in_gregorian(
    client: Client, edition_en: Edition, make_article: MakeArticle
) -> None:
    article = make_article(
        edition_en,
        "Truce talks",
        published_at=datetime.datetime(2017, 1, 8, 15, 26, tzinfo=datetime.UTC),
    )
    html = client.get("/en/archive/2017/01/08/").content.decode()
    assert article.headline in html
    assert "8 January 2017" in html


def test_local_day_bounds_follow_the_edition_time_zone(
    client: Client, edition_en: Edition, make_article: MakeArticle
) -> None:
    # 21:00 UTC on 8 January is 00:30 on 9 January in Tehran (+03:30).
    late = make_article(
        edition_en,
        "After local midnight",
        published_at=datetime.datetime(2017, 1, 8, 21, 0, tzinfo=datetime.UTC),
    )
    early = make_article(
        edition_en,
        "Before local midnight",
        published_at=datetime.datetime(2017, 1, 8, 20, 0, tzinfo=datetime.UTC),
    )
    eighth = client.get("/en/archive/2017/01/08/").content.decode()
    ninth = client.get("/en/archive/2017/01/09/").content.decode()
    assert early.headline in eighth and late.headline not in eighth
    assert late.headline in ninth and early.headline not in ninth


@pytest.mark.parametrize(
    ("path", "location"),
    [
        ("/ar/archive/۱۳۹۵/۱۰/۱۹/", "/ar/archive/1395/10/19/"),
        ("/ar/archive/١٣٩٥/١٠/١٩/", "/ar/archive/1395/10/19/"),
        ("/en/archive/2017/1/8/", "/en/archive/2017/01/08/"),
    ],
)
def test_any_digits_redirect_to_the_ascii_address(
    client: Client, sample_article: Article, path: str, location: str
) -> None:
    response = client.get(path)
    assert response.status_code == 301
    assert response["Location"] == location


@pytest.mark.parametrize(
    "path",
    [
        "/ar/archive/1395/13/40/",
        "/ar/archive/1395/12/31/",
        # 1395 is a leap year, 1396 is not: Esfand 1396 has 29 days.
        "/ar/archive/1396/12/30/",
        "/ar/archive/1395/00/10/",
        "/ar/archive/0/1/1/",
        "/ar/archive/9999/01/01/",
        "/en/archive/2017/02/29/",
        "/en/archive/2017/13/01/",
        "/ar/archive/1395/10/",
        "/ar/archive/13950/10/19/",
        "/ar/archive/abcd/10/19/",
        "/xx/archive/1395/10/19/",
    ],
)
def test_impossible_days_are_a_404(client: Client, sample_article: Article, path: str) -> None:
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("edition_code", ["fa", "ar", "en"])
@pytest.mark.parametrize(
    "calendar", [Calendar.SOLAR_HIJRI, Calendar.HIJRI, Calendar.GREGORIAN], ids=str
)
@pytest.mark.parametrize(
    "day",
    [
        (1, 1, 1),
        (0, 1, 1),
        (9999, 12, 31),
        (9999, 12, 29),
        ("۱", "۱", "۱"),
        ("٩٩٩٩", "١٢", "٣١"),
        (1, 13, 1),
        (1, 1, 0),
        (1, 1, 32),
    ],
    ids=str,
)
def test_days_at_the_ends_of_every_calendar_answer_without_error(
    client: Client,
    edition_fa: Edition,
    edition_ar: Edition,
    edition_en: Edition,
    edition_code: str,
    calendar: Calendar,
    day: tuple[object, object, object],
) -> None:
    """Whatever day a URL names, the archive answers a page, a redirect or a 404: never a 500."""
    Edition.objects.filter(code=edition_code).update(calendar=calendar)
    path = "/{}/archive/{}/{}/{}/".format(edition_code, *day)
    response = client.get(path, follow=True)
    assert response.status_code in {200, 404}


@pytest.mark.parametrize(
    "path", ["/en/archive/1/1/1/", "/en/archive/01/01/01/", "/en/archive/۱/۱/۱/"]
)
def test_the_first_gregorian_day_is_a_404_not_an_overflow(
    client: Client, path: str, edition_en: Edition
) -> None:
    # 1 January 1 in Tehran starts before the first instant datetime holds in UTC.
    assert client.get(path).status_code == 404


def test_a_leap_esfand_30_exists(client: Client, sample_article: Article) -> None:
    assert client.get("/ar/archive/1395/12/30/").status_code == 200


def test_days_still_to_come_are_a_404(client: Client, edition_en: Edition) -> None:
    tomorrow = to_local(timezone.now(), "Asia/Tehran").date() + datetime.timedelta(days=1)
    path = f"/en/archive/{tomorrow.year}/{tomorrow.month:02d}/{tomorrow.day:02d}/"
    assert client.get(path).status_code == 404


def test_archive_day_pages_are_paginated(
    client: Client, edition_en: Edition, make_article: MakeArticle
) -> None:
    for _number in range(21):
        make_article(edition_en)
    assert 'rel="next"' in client.get("/en/archive/2017/01/08/").content.decode()
    assert client.get("/en/archive/2017/01/08/?page=2").status_code == 200
    assert client.get("/en/archive/2017/01/08/?page=3").status_code == 404
    assert client.get("/en/archive/2017/01/08/?page=abc").status_code == 404


def test_archive_index_links_the_last_thirty_days_in_the_edition_calendar(
    client: Client, edition_ar: Edition
) -> None:
    today = to_local(timezone.now(), "Asia/Tehran").date()
    html = client.get("/ar/archive/").content.decode()
    days = html[html.index('<ol class="archive-days">') :]
    assert days[: days.index("</ol>")].count('<li><a href="/ar/archive/') == 30
    local = to_calendar(today, "solar_hijri")
    assert f'href="/ar/archive/{local.year}/{local.month:02d}/{local.day:02d}/"' in html
    assert f'<time datetime="{today.isoformat()}">' in html
    month_ago = to_calendar(today - datetime.timedelta(days=30), "solar_hijri")
    assert f"/ar/archive/{month_ago.year}/{month_ago.month:02d}/{month_ago.day:02d}/" not in html
