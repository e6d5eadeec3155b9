"""The desk from end to end in headless Chromium: a Persian article from a reporter's first
keystroke to the cached home page, the feed and the news sitemap; the browser's side of bad
input; and, with KHABAR_SCREENSHOTS=1, the README's screenshots (docs/screenshots/).

Publishing is done by the worker's own task: django-tasks' database worker (`db_worker
--batch`, which `khabar worker` extends with a catch-up at start that would hide it) runs the
wake-up task the schedule enqueued, with the clock moved three minutes on by time_machine
rather than waiting two real minutes.
"""

from __future__ import annotations

import datetime
import io
import os
import random
import xml.etree.ElementTree as ET
import zoneinfo
from pathlib import Path
from typing import Any

import feedparser
import jdatetime
import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from PIL import Image, ImageDraw, ImageOps

from khabar.articles import revisions, services
from khabar.articles.models import Article, Keyword, keyword_key
from khabar.articles.tasks import due_run_task
from khabar.core.actors import IMPORTER
from khabar.editions.models import Edition
from khabar.newsroom.tests.conftest import editor_url, write
from khabar.photos.models import Photo
from khabar.photos.services import photo_create, photo_render
from khabar.photos.tests.images import MakePhoto
from khabar.staff.models import StaffRole
from khabar.text.digits import Digits, to_digits

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SCREENSHOTS = Path(__file__).resolve().parents[3] / "docs" / "screenshots"
WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"

HEADLINE = "گفت‌وگوی تازه در تهران درباره آب"
LEAD = "نشست کارشناسان آب در تهران برگزار شد. در تهران کم‌آبی به موضوع اصلی شهر تبدیل شده است."
BODY = "کارشناسان در این نشست گفتند که مصرف آب در تهران باید کاهش یابد."
SCRIPT = '<script>window.pwned = "{}"</script>'


def staff(name: str, role: str, edition: Edition, sections: list[Any]) -> Any:
    user = get_user_model().objects.create_user(name, password=f"{name}-password", is_staff=True)
    staff_role = StaffRole.objects.create(user=user, role=role)
    staff_role.editions.set([edition])
    staff_role.sections.set(sections)
    return user


# The home the new article arrives on: earlier news with drawn photos (the demo's own
# generator sits above the newsroom in the layers, so this draws its own).
EARLIER = [
    ("بارش برف راه‌های شمال را بست", "جاده‌های شمالی پس از بارش سنگین برف بسته شد.", "کوه"),
    ("بازار شب یلدا شلوغ شد", "خریداران از عصر دیروز به بازار آمدند.", "بازار"),
    ("کشتی‌های باری به بندر بازگشتند", "رفت‌وآمد در بندر پس از توفان از سر گرفته شد.", "بندر"),
    ("چراغ‌های شهر زودتر روشن می‌شود", "ساعت روشنایی معابر از هفته آینده تغییر می‌کند.", "شهر"),
]


def drawn_jpeg(number: int) -> bytes:
    """A landscape: a sky, a sun and three ridges, different for each number."""
    rng = random.Random(number)
    sky, sun, land = ((70, 120, 190), (250, 200, 120)), (255, 240, 200), (60, 100, 60)
    image = ImageOps.colorize(Image.linear_gradient("L").resize((1440, 810)), *sky)
    draw = ImageDraw.Draw(image)
    draw.ellipse((900 - number * 150, 120, 1060 - number * 150, 280), fill=sun)
    for ridge in range(3):
        points = [(x, 480 + ridge * 100 - rng.randint(0, 150)) for x in range(0, 1600, 160)]
        shade = tuple(max(0, c - ridge * 15 + number * 10) for c in land)
        draw.polygon([(0, 810), *points, (1440, 810)], fill=shade)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def published_before(edition: Edition, section: Any) -> None:
    now = timezone.now()
    for number, (headline, lead, place) in enumerate(EARLIER):
        photo = photo_create(
            actor=IMPORTER, data=drawn_jpeg(number), alt=f"منظره {place}", credit="خبر"
        )
        photo_render(photo_id=photo.pk)  # what the worker does
        article = services.article_create(
            actor=IMPORTER,
            edition=edition,
            headline=headline,
            lead=lead,
            section=section,
            published_at=now - datetime.timedelta(hours=number + 1),
        )
        services.article_set_photo(actor=IMPORTER, article=article, photo=photo)
    newest = Article.objects.published().filter(edition=edition).latest_first()[:3]
    services.top_stories_set(actor=IMPORTER, edition=edition, articles=list(newest))


def solar_hijri(moment: datetime.datetime, edition: Edition) -> str:
    """`moment` as a person types it in the Persian edition: ۱۴۰۵/۰۹/۱۵ ۲۰:۰۱."""
    local = timezone.localtime(moment, zoneinfo.ZoneInfo(edition.time_zone))
    local = jdatetime.datetime.fromgregorian(datetime=local)
    return to_digits(local.strftime("%Y/%m/%d %H:%M"), Digits.PERSIAN)


def click_through(page: Any, selector: str) -> None:
    """Click a link or a form's button and wait for the page it leads to to load."""
    with page.expect_navigation():
        page.click(selector)


def shoot(page: Any, name: str) -> None:
    """The README's screenshots, only when asked for: CI leaves the committed files alone."""
    if not os.environ.get("KHABAR_SCREENSHOTS"):
        return
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def test_a_persian_article_goes_from_the_reporter_through_the_editor_to_the_public_site(
    browser: Any,
    signed_in_tab: Any,
    live_server: Any,
    newsroom: Any,
    edition_fa: Edition,
    make_photo: MakePhoto,
) -> None:
    politics = newsroom.fa_politics
    staff("reporter_fa", "reporter", edition_fa, [])
    staff("editor_fa_2", "editor", edition_fa, [politics])
    published_before(edition_fa, politics)
    dam = drawn_jpeg(len(EARLIER))
    photo = make_photo(dam, alt="سد کرج با آب کم", caption="سد کرج، آذر", credit="خبر")
    make_photo(alt="")  # no alt text: not offered as a main photo
    Keyword.objects.create(edition=edition_fa, name="تهران", key=keyword_key("تهران"), uses=4)
    public = Client()
    assert HEADLINE not in public.get("/fa/").content.decode()  # and now the home is cached
    assert public.get("/fa/").headers["X-Cache"] == "HIT"

    # The reporter: a draft, its body typed in the body editor, a suggested keyword ticked.
    reporter = signed_in_tab("reporter_fa")
    reporter.goto(live_server.url + "/newsroom/articles/new/")
    reporter.select_option("#id_edition", label=edition_fa.name)
    reporter.select_option("#id_section", value=str(politics.pk))
    reporter.fill("#id_headline", HEADLINE)
    reporter.fill("#id_lead", LEAD)
    click_through(reporter, "form.nr-form button[type=submit]")
    article = Article.objects.get(headline=HEADLINE)
    assert reporter.url == live_server.url + editor_url(article)
    reporter.locator(".nr-body-text").click()
    reporter.keyboard.type(BODY)
    reporter.locator(".nr-keyword-suggestions input[value='تهران']").check()
    assert reporter.input_value("#id_keywords") == "تهران"
    click_through(reporter, ".nr-editor-form button[type=submit]")
    click_through(reporter, "text=Choose from the library")
    offered = reporter.locator("text=Use as main photo")
    assert offered.count() == Photo.objects.exclude(alt="").count()
    reporter.fill("input[name=q]", "سد کرج")
    click_through(reporter, "form[role=search] button[type=submit]")
    assert offered.count() == 1
    click_through(reporter, "text=Use as main photo")
    assert reporter.locator("text=The main photo is chosen.").count()
    click_through(reporter, "button:has-text('Send for review')")
    article.refresh_from_db()
    assert (article.status, article.photo_id, article.section) == ("in_review", photo.pk, politics)
    assert article.body == f'<p dir="auto">{BODY}</p>'
    assert revisions.keyword_names(article) == ["تهران"]
    assert reporter.errors == []

    # The section's editor schedules it two minutes on, in Solar Hijri with Persian digits.
    editor = signed_in_tab("editor_fa_politics")
    editor.goto(live_server.url + editor_url(article))
    # Sending it handed the reporter's edit lock over: the editor opens it without a takeover.
    assert not editor.locator("text=reporter_fa has been editing this article since").count()
    assert not editor.locator("button:has-text('Take over editing')").count()
    # A second editor of the section finds it locked by the first, with the takeover offered.
    second = signed_in_tab("editor_fa_2")
    second.goto(live_server.url + editor_url(article))
    assert second.locator("text=editor_fa_politics has been editing this article since").count()
    assert second.locator("button:has-text('Take over editing')").is_visible()

    at = timezone.now() + datetime.timedelta(minutes=2)
    editor.fill("#id_at", solar_hijri(at, edition_fa))
    click_through(editor, "form[action$='/schedule/'] button[type=submit]")
    article.refresh_from_db()
    assert article.status == "scheduled"
    assert article.published_at == at.replace(second=0, microsecond=0)
    assert editor.errors == []

    # The Arabic edition's editor cannot open it at all.
    arabic = signed_in_tab("editor_ar")
    refused = arabic.goto(live_server.url + editor_url(article))
    assert refused is not None and refused.status == 403
    assert HEADLINE not in arabic.content()

    assert HEADLINE not in public.get("/fa/").content.decode()
    with time_machine.travel(at + datetime.timedelta(minutes=1), tick=True):
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
        [wake_up] = DBTaskResult.objects.filter(task_path=due_run_task.module_path)
        assert wake_up.status == TaskResultStatus.SUCCESSFUL
        assert wake_up.return_value["published"] == [article.pk]
        article.refresh_from_db()
        assert article.status == "published"

        home = public.get("/fa/")
        assert HEADLINE in home.content.decode()
        feed = feedparser.parse(public.get("/fa/rss.xml").content)
        assert not feed.bozo and feed.entries[0].title == HEADLINE
        sitemap = ET.fromstring(public.get("/sitemap-news-fa.xml").content)  # noqa: S314 - ours
        assert HEADLINE in [title.text for title in sitemap.iter(f"{NEWS}title")]

        for width in WIDTHS:
            reader = browser.new_context(viewport=WIDTHS[width]).new_page()
            reader.goto(live_server.url + "/fa/")
            assert reader.locator(f"text={HEADLINE}").count()
            shoot(reader, f"home-{width}")
            click_through(reader, f"text={HEADLINE}")
            image = reader.locator(f"img[alt='{photo.alt}']")
            assert image.evaluate("img => img.complete && img.naturalWidth") > 0
            shoot(reader, f"article-{width}")
            desk = signed_in_tab("editor_fa_politics", viewport=WIDTHS[width], locale="fa-IR")
            shoot(desk, f"desk-dashboard-{width}")
            desk.goto(live_server.url + editor_url(article))
            desk.locator(".nr-body-text").wait_for()
            shoot(desk, f"desk-editor-{width}")


def test_bad_input_in_the_browser_is_said_beside_its_field_and_what_was_typed_is_kept(
    signed_in_tab: Any, live_server: Any, newsroom: Any, edition_fa: Edition, tmp_path: Path
) -> None:
    """What the request-level tests prove (test_article_pages, test_article_actions,
    test_editor_page, test_photos), seen as the person at the keyboard sees it."""
    article = write(newsroom.admin, edition_fa, headline="خبر", section=newsroom.fa_politics)
    page = signed_in_tab("editor_fa_politics")
    page.goto(live_server.url + editor_url(article))

    # Script typed into every field comes back as the text typed, and never runs.
    fields = ("overline", "headline", "lead", "byline", "source")
    for name in fields:
        page.fill(f"#id_{name}", SCRIPT.format(name))
    page.locator(".nr-body-text").click()
    page.keyboard.type(SCRIPT.format("body"))
    click_through(page, ".nr-editor-form button[type=submit]")
    for name in fields:
        assert page.input_value(f"#id_{name}") == SCRIPT.format(name)
    assert page.locator(".nr-body-text").inner_text().strip() == SCRIPT.format("body")
    page.goto(live_server.url + "/newsroom/articles/")
    assert page.locator(f"text={SCRIPT.format('headline')}").count()
    assert page.evaluate("window.pwned") is None

    # An expired form: refused with a plain message, the text still there to send again.
    page.goto(live_server.url + editor_url(article))
    page.fill("#id_headline", "تیتر پس از وقفه")
    page.context.clear_cookies(name="csrftoken")
    click_through(page, ".nr-editor-form button[type=submit]")
    assert page.locator("text=The form had expired, so nothing was saved").count()
    assert page.input_value("#id_headline") == "تیتر پس از وقفه"
    click_through(page, ".nr-editor-form button[type=submit]")
    assert Article.objects.get(pk=article.pk).headline == "تیتر پس از وقفه"

    # A day 1404 does not have (not a leap year): said under the field, the typing kept.
    assert not jdatetime.date(1404, 1, 1).isleap()
    page.fill("#id_at", "۱۴۰۴/۱۲/۳۰ ۱۰:۰۰")
    click_through(page, "form[action$='/schedule/'] button[type=submit]")
    field = page.locator("#id_at").locator("xpath=..")
    assert "is not a day and time of the Solar Hijri calendar" in field.inner_text()
    assert page.input_value("#id_at") == "۱۴۰۴/۱۲/۳۰ ۱۰:۰۰"
    assert Article.objects.get(pk=article.pk).status == "draft"

    # Upload through the page's own uploader: a document named .jpg and a 20 MB file.
    fake = tmp_path / "report.jpg"
    fake.write_bytes(b"%PDF-1.7 this is a document")
    huge = tmp_path / "huge.jpg"
    huge.write_bytes(b"\xff\xd8" + b"\x00" * (20 * 1024 * 1024))
    page.goto(live_server.url + "/newsroom/photos/upload/")
    page.fill("#id_credit", "خبرنگار ما")
    for path, message in ((fake, "not a photo Khabar can read"), (huge, "larger than 20 MB")):
        page.set_input_files("#id_files", str(path))
        page.click("form[data-photo-upload] button[type=submit]")
        page.locator(f"text={message}").first.wait_for()
        assert page.input_value("#id_credit") == "خبرنگار ما"
    assert not Photo.objects.exists()
    assert page.errors == []
