"""The article editor page: the body sanitised on save whatever the browser sends, images
only from the site's media, character counts, the slug and short link, the schedule's days."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
import time_machine
from django.test import Client

from khabar.articles import limits
from khabar.articles.models import Article
from khabar.editions.models import Edition
from khabar.newsroom.tests.conftest import Signed, editor_url, write
from khabar.newsroom.tests.test_article_pages import edit_form

# What a crafted request (or a paste the editor never saw) may carry.
HOSTILE_BODY = (
    '<p class="MsoNormal" style="mso-margin-top-alt:auto;color:red" dir="auto">'
    '<span style="mso-bidi-font-family:Arial">خبر <b onclick="steal()">مهم</b></span>'
    "<o:p></o:p></p>"
    "<script>alert(1)</script>"
    '<p dir="ltr">An English line with <a href="javascript:alert(2)">a trap</a> and '
    '<a href="https://example.org/" onmouseover="x()" target="_blank">a link</a>.</p>'
    '<img src="/media/photos/a.jpg" onerror="alert(3)" style="width:9999px" alt="عکس">'
    '<iframe src="https://evil.example/"></iframe><style>p{display:none}</style>'
)


def test_a_crafted_body_is_stored_clean_keeping_each_paragraphs_direction(
    newsroom: Any, edition_fa: Edition, signed_in: Signed
) -> None:
    article = write(newsroom.admin, edition_fa, section=newsroom.fa_politics)

    response = signed_in(newsroom.section_editor).post(
        editor_url(article), edit_form(article, body=HOSTILE_BODY)
    )

    assert response.status_code == 302
    body = Article.objects.get(pk=article.pk).body
    for trace in (
        "<script", "alert", "onclick", "onerror", "onmouseover", "javascript:", "style=",
        "mso", "Mso", "class=", "<o:p", "iframe", "evil.example", "target=", "display:none",
    ):  # fmt: skip
        assert trace not in body, trace
    assert '<p dir="auto"><span>خبر <b>مهم</b></span></p>' in body
    assert '<p dir="ltr">An English line with <a rel="noopener nofollow">a trap</a>' in body
    assert '<a href="https://example.org/" rel="noopener nofollow">a link</a>' in body
    assert '<img src="/media/photos/a.jpg" alt="عکس">' in body


def test_an_image_from_another_host_is_refused_beside_the_body_and_the_text_is_kept(
    newsroom: Any, edition_fa: Edition, signed_in: Signed
) -> None:
    article = write(newsroom.admin, edition_fa, section=newsroom.fa_politics)
    body = '<p>متن من</p><img src="https://tracker.example/pixel.gif">'

    response = signed_in(newsroom.section_editor).post(
        editor_url(article), edit_form(article, headline="تیتر تازه", body=body)
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "Images must come from the site&#x27;s media library" in page
    assert "https://tracker.example/pixel.gif" in page
    assert 'value="تیتر تازه"' in page and "متن من" in page  # what was typed is kept
    assert Article.objects.get(pk=article.pk).revision_number == 1


def test_the_body_is_a_plain_textarea_that_the_editor_script_enhances(
    newsroom: Any, edition_fa: Edition, signed_in: Signed
) -> None:
    article = write(newsroom.admin, edition_fa, body="<p>سلام</p>")

    page = signed_in(newsroom.admin).get(editor_url(article)).content.decode()

    assert re.search(r'<textarea name="body"[^>]*>\s*&lt;p&gt;سلام&lt;/p&gt;</textarea>', page)
    assert '<div id="body-editor" class="nr-body-editor" hidden data-media-url="/media/"' in page
    assert re.search(r'<script src="/static/newsroom/editor\.js" defer></script>', page)


def test_the_new_article_page_has_the_same_body_editor_and_keeps_it_on_a_refusal(
    newsroom: Any, edition_ar: Edition, signed_in: Signed
) -> None:
    client = signed_in(newsroom.reporter)
    blank = client.get("/newsroom/articles/new/").content.decode()
    refused = client.post(
        "/newsroom/articles/new/",
        {"edition": edition_ar.pk, "content_type": "news", "headline": "", "body": "<p>نصي</p>"},
    )

    assert refused.status_code == 400
    for page in (blank, refused.content.decode()):
        assert page.count('<div id="body-editor"') == 1
        assert 'data-photos-url="/newsroom/photos/pick/"' in page
        assert '<dialog id="photo-picker"' in page
        assert re.search(r'<script src="/static/newsroom/editor\.js" defer></script>', page)
        assert '<form class="nr-form nr-editor-form"' in page
    assert re.search(r'<textarea name="body"[^>]*>\s*&lt;p&gt;نصي&lt;/p&gt;</textarea>', page)


def test_headline_and_lead_show_their_character_counts_and_limits(
    newsroom: Any, edition_fa: Edition, signed_in: Signed
) -> None:
    article = write(newsroom.admin, edition_fa, headline="خبر فوری")

    response = signed_in(newsroom.admin).post(
        editor_url(article), edit_form(article, lead="ی" * 2_001)
    )

    assert response.status_code == 400  # the service refuses it; the count says by how much
    page = response.content.decode()

    headline = f'data-count-for="id_headline" data-limit="{limits.HEADLINE_MAX}"'
    assert re.search(headline + r'[^>]*>Characters: <span class="nr-count-n">8</span>', page)
    lead = f'nr-count-over" data-count-for="id_lead" data-limit="{limits.LEAD_MAX}"'
    assert re.search(lead + r'[^>]*>Characters: <span class="nr-count-n">2001</span>', page)


def test_the_editor_shows_the_slug_and_the_short_link(
    newsroom: Any, edition_fa: Edition, signed_in: Signed
) -> None:
    article = write(newsroom.admin, edition_fa, headline="انتخابات تهران")

    page = signed_in(newsroom.admin).get(editor_url(article)).content.decode()

    assert article.slug and f"{article.slug}</span>" in page
    assert f'/fa/{article.code}" dir="ltr"' in page


# 1402/12/27 in Tehran; 1402 has no 30 Esfand, so its last month has 29 days.
@time_machine.travel(datetime.datetime(2024, 3, 17, 9, 0, tzinfo=datetime.UTC), tick=False)
def test_the_schedule_days_are_the_editions_solar_hijri_months_in_persian_digits(
    newsroom: Any, edition_fa: Edition, signed_in: Signed
) -> None:
    article = write(newsroom.admin, edition_fa, section=newsroom.fa_politics)

    page = signed_in(newsroom.section_editor).get(editor_url(article)).content.decode()

    grid = page[page.index('data-schedule-for="id_at"') :]
    assert 'data-time="۱۳:۳۰"' in grid  # an hour from now, Tehran time (+03:30)
    assert "<caption>اسفند ۱۴۰۲</caption>" in grid
    assert "<caption>فروردین ۱۴۰۳</caption>" in grid
    assert '<button type="button" data-day="۱۴۰۲/۱۲/۲۹"' in grid
    assert 'data-day="۱۴۰۲/۱۲/۳۰"' not in grid
    assert re.search(r'data-day="۱۴۰۲/۱۲/۲۶"[^>]*disabled', grid)  # yesterday
    assert re.search(r'data-day="۱۴۰۲/۱۲/۲۷"[^>]*aria-current="date"', grid)
    # Saturday first: 1 Esfand 1402 (20 February 2024) was a Tuesday, three empty cells.
    first_week = grid[grid.index("<tbody><tr>") :]
    assert first_week.startswith("<tbody><tr>" + "<td></td>" * 3 + '<td><button type="button" ')
    assert 'data-day="۱۴۰۲/۱۲/۰۱"' in first_week[: first_week.index("</td>", 40)]


@pytest.mark.parametrize("edition_code", ["ar", "en"])
def test_the_schedule_days_follow_each_editions_calendar(
    newsroom: Any, signed_in: Signed, edition_code: str
) -> None:
    edition = Edition.objects.get(code=edition_code)
    article = write(newsroom.admin, edition)

    page = signed_in(newsroom.admin).get(editor_url(article)).content.decode()

    assert page.count('<table class="nr-days-month">') == 2


def _expired_client(user: Any) -> Client:
    client = Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def test_an_expired_form_keeps_what_was_typed_and_saves_nothing(
    newsroom: Any, edition_fa: Edition
) -> None:
    article = write(newsroom.admin, edition_fa, headline="قدیم")
    client = _expired_client(newsroom.admin)

    response = client.post(
        editor_url(article),
        edit_form(article, headline="تیتر نوشته", body="<p>متن نوشته</p>"),
        HTTP_ORIGIN="http://testserver",
    )

    assert response.status_code == 403
    page = response.content.decode()
    assert "The form had expired, so nothing was saved" in page
    assert 'value="تیتر نوشته"' in page and "&lt;p&gt;متن نوشته&lt;/p&gt;" in page
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token is not None  # a fresh token: sent again, the save goes through
    saved = client.post(
        editor_url(article),
        {**edit_form(article, headline="تیتر نوشته"), "csrfmiddlewaretoken": token[1]},
    )
    assert saved.status_code == 302
    assert Article.objects.get(pk=article.pk).headline == "تیتر نوشته"


def test_an_editor_post_from_another_site_gets_the_plain_expired_page(
    newsroom: Any, edition_fa: Edition
) -> None:
    article = write(newsroom.admin, edition_fa, headline="قدیم")

    response = _expired_client(newsroom.admin).post(
        editor_url(article),
        edit_form(article, headline="تیتر مهاجم"),
        HTTP_ORIGIN="https://evil.example",
    )

    assert response.status_code == 403
    page = response.content.decode()
    assert "The form has expired" in page and "تیتر مهاجم" not in page
    assert Article.objects.get(pk=article.pk).headline == "قدیم"
