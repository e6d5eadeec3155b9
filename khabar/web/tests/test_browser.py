"""The public site as a reader's browser shows it: headless Debian Chromium via Playwright.

Every page is opened with all requests routed through a guard that aborts and
records any request for another origin than the live server: the site must
load in full with only itself reachable (DESIGN §2). Screenshots of each page
and viewport land in var/screenshots/ for CI to keep.
"""

from __future__ import annotations

import datetime
import io
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image, ImageDraw

from khabar.articles import services
from khabar.articles.models import Article
from khabar.calendars import to_calendar, to_local
from khabar.core.actors import IMPORTER
from khabar.core.tests.axe import AXE, axe_problems
from khabar.core.tests.browser import missing, origin_of
from khabar.editions.models import Edition, Section
from khabar.photos.services import photo_create, photo_render

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ROOT = Path(__file__).resolve().parents[3]
SCREENSHOTS = Path(os.environ.get("KHABAR_VAR_DIR", ROOT / "var")) / "screenshots"
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}


# ---- Test data: a few articles in each edition, made with the services ------


def _jpeg(width: int, height: int, colour: tuple[int, int, int]) -> bytes:
    image = Image.new("RGB", (width, height), colour)
    draw = ImageDraw.Draw(image)
    for step in range(0, width, 40):
        draw.line([(step, 0), (width - step, height)], fill=(255, 255, 255), width=3)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=70)
    return buffer.getvalue()


STORIES: dict[str, dict[str, Any]] = {
    "fa": {
        "sections": [("siasat", "سیاست"), ("eghtesad", "اقتصاد"), ("varzesh", "ورزش")],
        "keyword": "تهران",
        "articles": [
            {
                "overline": "گزارش ویژه",
                "headline": "بارش برف بیشتر جاده‌های شمال کشور را بست",
                "lead": "پلیس راه می‌گوید رانندگان تا پایان هفته از سفر به شمال خودداری کنند؛ "
                "بیش از ده محور اصلی بسته است.",
                "keywords": ["تهران", "برف", "جاده"],
                "photo": True,
            },
            {
                "headline": "بودجه سال آینده در مجلس تصویب شد",
                "lead": "نمایندگان کلیات لایحه بودجه را با ۱۸۰ رأی موافق تصویب کردند.",
                "keywords": ["تهران", "بودجه"],
            },
            {
                "headline": "تیم ملی والیبال راهی مسابقات قهرمانی آسیا شد",
                "lead": "سرمربی تیم ملی فهرست چهارده بازیکن را اعلام کرد.",
                "keywords": ["والیبال"],
            },
            {
                "headline": "نمایشگاه کتاب تهران از فردا آغاز به کار می‌کند",
                "lead": "بیش از دو هزار ناشر داخلی و خارجی در نمایشگاه امسال حضور دارند.",
                "keywords": ["تهران", "کتاب"],
            },
        ],
    },
    "ar": {
        "sections": [("siyasa", "سياسة"), ("iqtisad", "اقتصاد")],
        "keyword": "شمخاني",
        "articles": [
            {
                "overline": "خاص",
                "headline": "أكد امين المجلس الاعلى للامن القومي الايراني علي شمخاني",
                "lead": "أكد امين المجلس الاعلى للامن القومي الايراني علي شمخاني، أنه لا ينبغي "
                "ان تتحول الهدنة في سوريا الى فرصة لإعادة ترميم صفوف التنظيمات الارهابية.",
                "keywords": ["شمخاني", "السورية", "تجهيزهم"],
                "photo": True,
            },
            {
                "headline": "ارتفاع أسعار النفط مع تراجع المخزونات الأمريكية",
                "lead": "صعدت أسعار خام برنت بنسبة اثنين في المئة في التعاملات الصباحية.",
                "keywords": ["النفط"],
            },
            {
                "headline": "وزير الخارجية يلتقي نظيره العماني في مسقط",
                "lead": "بحث الجانبان العلاقات الثنائية وآخر التطورات في المنطقة.",
                "keywords": ["شمخاني", "عمان"],
            },
        ],
    },
    "en": {
        "sections": [("politics", "Politics"), ("business", "Business")],
        "keyword": "Tehran",
        "articles": [
            {
                "overline": "Analysis",
                "headline": "Snow closes most roads to the north of the country",
                "lead": "Traffic police urge drivers to postpone trips north until the weekend; "
                "more than ten main roads are closed.",
                "keywords": ["Tehran", "Weather"],
                "photo": True,
            },
            {
                "headline": "Parliament passes next year's budget bill",
                "lead": "Members approved the outline of the budget bill with 180 votes in favour.",
                "keywords": ["Tehran", "Budget"],
            },
            {
                "headline": "Oil prices climb as US inventories fall",
                "lead": "Brent crude rose two percent in morning trading.",
                "keywords": ["Oil"],
            },
        ],
    },
}

BODY = (
    "<p>{lead}</p><h2>{headline}</h2><p>{lead} {lead}</p>"
    "<blockquote><p>{headline}</p></blockquote><ul><li>{headline}</li><li>{lead}</li></ul>"
)


@dataclass
class EditionPages:
    edition: Edition
    first: Article
    keyword: str
    pages: dict[str, str] = field(default_factory=dict)


def _article_path(article: Article) -> str:
    kwargs: dict[str, Any] = {"edition": article.edition.code, "code": article.code}
    if article.slug:
        kwargs["slug"] = article.slug
    return reverse("web:article", kwargs=kwargs)


def _edition_content(edition: Edition, now: datetime.datetime) -> EditionPages:
    story = STORIES[edition.code]
    sections = [
        Section.objects.create(edition=edition, slug=slug, name=name, position=position)
        for position, (slug, name) in enumerate(story["sections"])
    ]
    articles = []
    for index, spec in enumerate(story["articles"]):
        article = services.article_create(
            actor=IMPORTER,
            edition=edition,
            headline=spec["headline"],
            overline=spec.get("overline", ""),
            lead=spec["lead"],
            body=BODY.format(lead=spec["lead"], headline=spec["headline"]),
            byline="Khabar",
            source="Khabar",
            section=sections[index % len(sections)],
            is_breaking=index == 0,
            keywords=spec["keywords"],
            published_at=now - datetime.timedelta(minutes=37 * (index + 1)),
        )
        if spec.get("photo"):
            photo = photo_create(
                actor=IMPORTER,
                data=_jpeg(1200, 675, (40, 70, 110)),
                alt=spec["headline"],
                caption=spec["headline"],
                credit="Khabar",
            )
            photo_render(photo_id=photo.pk)  # what the worker does
            services.article_set_photo(actor=IMPORTER, article=article, photo=photo)
        articles.append(article)
    services.top_stories_set(actor=IMPORTER, edition=edition, articles=articles[:2])
    first = articles[0]
    keyword = services.keyword_get_or_create(actor=IMPORTER, edition=edition, name=story["keyword"])
    assert first.published_at is not None
    local_day = to_local(first.published_at, edition.time_zone).date()
    day = to_calendar(local_day, edition.calendar)
    code = edition.code
    return EditionPages(
        edition=edition,
        first=first,
        keyword=keyword.name,
        pages={
            "home": f"/{code}/",
            "article": _article_path(first),
            "keyword": reverse("web:keyword", kwargs={"edition": code, "slug": keyword.slug}),
            "section": f"/{code}/section/{sections[0].slug}/",
            "archive": f"/{code}/archive/{day.year}/{day.month}/{day.day}/",
            "archive-index": f"/{code}/archive/",
            "print": f"/{code}/news/{first.code}/print",
        },
    )


REQUIRED_PAGES = ("home", "article", "keyword")


@pytest.fixture
def site(settings: Any, tmp_path: Path) -> Iterator[dict[str, EditionPages]]:
    """Articles in fa, ar and en, and the paths of every page type that answers 200.

    Home, article and keyword pages must exist; section, archive and print pages
    are checked as soon as they answer (following a redirect to their canonical path).
    """
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PAGEVIEWS_FLUSH_SECONDS = 0  # views are written by flush() below, not a thread
    recorder = _page_view_recorder()
    for cache in caches.all():
        cache.clear()
    now = timezone.now().replace(second=0, microsecond=0)
    content = {
        code: _edition_content(Edition.objects.get(code=code), now) for code in ("fa", "ar", "en")
    }
    services.translations_link(actor=IMPORTER, articles=[content[code].first for code in content])
    if recorder is not None:
        # Readers have read a few articles, so "most viewed" has something to show.
        for article in Article.objects.all():
            for _ in range(article.code % 4 + 1):
                recorder.record(article.pk)
        recorder.flush()
    client = Client()
    for pages in content.values():
        for name, path in list(pages.pages.items()):
            response = client.get(path, follow=True)
            if name in REQUIRED_PAGES:
                assert response.status_code == 200, f"{path} answered {response.status_code}"
            if response.status_code == 200:
                if response.redirect_chain:
                    pages.pages[name] = urlsplit(response.redirect_chain[-1][0]).path
            else:
                del pages.pages[name]
    yield content
    if recorder is not None:
        recorder.discard()


def _page_view_recorder() -> Any:
    """khabar.pageviews.recorder when it offers record/flush/discard, else None."""
    try:
        from khabar.pageviews import recorder
    except ImportError:
        return None
    if all(hasattr(recorder, name) for name in ("record", "flush", "discard")):
        recorder.discard()
        return recorder
    return None


# ---- Opening pages behind the guard ------------------------------------------


@dataclass
class Visit:
    """A browser tab on the live server, recording what it asked of other hosts."""

    page: Any
    origin: str
    foreign: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def open(self, path: str) -> Any:
        response = self.page.goto(self.origin + path, wait_until="load")
        assert response is not None and response.status == 200, f"{path}: {response}"
        self.page.evaluate("document.fonts.ready.then(() => true)")
        return response

    def screenshot(self, name: str) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


@pytest.fixture
def visit(browser: Any, live_server: Any) -> Iterator[Any]:
    """Open a tab at a viewport; requests for any other origin are aborted and recorded."""
    contexts = []

    def make(
        viewport: dict[str, int], color_scheme: str = "light", *, bypass_csp: bool = False
    ) -> Visit:
        # bypass_csp: only for injecting axe-core, an inline script the site's policy refuses.
        context = browser.new_context(
            viewport=viewport, color_scheme=color_scheme, bypass_csp=bypass_csp
        )
        contexts.append(context)
        tab = Visit(page=context.new_page(), origin=origin_of(live_server.url))

        def guard(route: Any) -> None:
            url = route.request.url
            if url.startswith(("data:", "blob:")) or origin_of(url) == tab.origin:
                route.continue_()
            else:
                tab.foreign.append(f"{route.request.resource_type} {url}")
                route.abort()

        def check(response: Any) -> None:
            if response.status >= 400 and origin_of(response.url) == tab.origin:
                tab.failed.append(f"{response.status} {response.url}")

        context.route("**/*", guard)
        tab.page.on("response", check)
        return tab

    yield make
    for context in contexts:
        context.close()


def _all_pages(site: dict[str, EditionPages]) -> Iterator[tuple[str, str, str]]:
    for code, pages in site.items():
        for name, path in pages.pages.items():
            yield code, name, path


# ---- The tests -----------------------------------------------------------------


def test_no_page_requests_anything_from_another_host(site, visit) -> None:
    """Fonts, styles, images and share links all stay on the site itself (DESIGN §2)."""
    tab = visit(DESKTOP)
    for code, name, path in _all_pages(site):
        tab.open(path)
        tab.screenshot(f"{name}-{code}-1280")
    assert tab.foreign == [], "requests for other hosts:\n" + "\n".join(tab.foreign)
    assert tab.failed == [], "requests the site could not answer:\n" + "\n".join(tab.failed)


def test_no_page_breaks_its_content_security_policy(site, visit) -> None:
    """Every public page and the newsroom's sign-in load with nothing blocked by the policy."""
    tab = visit(DESKTOP)
    violations: list[str] = []
    tab.page.on(
        "console",
        lambda message: (
            violations.append(f"{tab.page.url}: {message.text}")
            if "Content Security Policy" in message.text or "Permissions-Policy" in message.text
            else None
        ),
    )
    tab.page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => "
        "console.error('Content Security Policy violation: ' + e.violatedDirective + ' ' + "
        "e.blockedURI))"
    )
    for _code, _name, path in [*_all_pages(site), ("", "", "/newsroom/admin/login/")]:
        response = tab.open(path)
        assert "default-src 'self'" in response.headers["content-security-policy"], path
        assert tab.page.evaluate("document.styleSheets.length") > 0, path
    assert violations == [], "\n".join(violations)


def test_pages_fit_a_phone_screen_without_horizontal_scroll(site, visit) -> None:
    tab = visit(PHONE)
    too_wide = []
    for code, name, path in _all_pages(site):
        tab.open(path)
        tab.screenshot(f"{name}-{code}-360")
        width = tab.page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            widest = tab.page.evaluate(WIDEST_ELEMENT, PHONE["width"])
            too_wide.append(f"{unquote(path)}: {width}px wide, because of {widest}")
    assert too_wide == [], "\n".join(too_wide)
    assert tab.foreign == []


# The elements sticking out of the viewport, to say why a page scrolls sideways.
WIDEST_ELEMENT = """(limit) => [...document.querySelectorAll('body *')]
  .filter(e => { const r = e.getBoundingClientRect(); return r.right > limit + 1 || r.left < -1; })
  .slice(0, 3).map(e => e.tagName.toLowerCase() + '.' + e.className).join(', ')"""


@pytest.mark.parametrize(("code", "direction"), [("fa", "rtl"), ("ar", "rtl"), ("en", "ltr")])
def test_editions_read_in_their_own_direction(site, visit, code, direction) -> None:
    """fa and ar run right to left, en left to right, and the layout mirrors with them."""
    tab = visit(DESKTOP)
    for name in ("home", "article"):
        tab.open(site[code].pages[name])
        assert tab.page.evaluate("document.documentElement.dir") == direction
        assert tab.page.evaluate("getComputedStyle(document.body).direction") == direction
        assert (
            tab.page.evaluate("getComputedStyle(document.querySelector('main h1')).direction")
            == direction
        )
        # The site name starts the header on the reading side: right in RTL, left in LTR.
        box = tab.page.locator(".site-name").bounding_box()
        middle = box["x"] + box["width"] / 2
        if direction == "rtl":
            assert middle > DESKTOP["width"] / 2, f"{name}: site name at x={box['x']}"
        else:
            assert middle < DESKTOP["width"] / 2, f"{name}: site name at x={box['x']}"


def test_text_is_set_in_the_self_hosted_vazirmatn(site, visit, live_server) -> None:
    """The @font-face loads from the site and Chromium renders the headline with it."""
    tab = visit(DESKTOP)
    fonts: list[str] = []
    tab.page.on(
        "response",
        lambda r: fonts.append(f"{r.status} {r.url}") if r.request.resource_type == "font" else 0,
    )
    tab.open(site["fa"].pages["article"])
    assert tab.page.evaluate("document.fonts.check('16px Vazirmatn')")
    loaded = tab.page.evaluate(
        "[...document.fonts].filter(f => f.family.replace(/[\"']/g, '') === 'Vazirmatn')"
        ".map(f => f.status)"
    )
    assert "loaded" in loaded, f"Vazirmatn faces: {loaded}"
    # One request: the <link rel=preload> and the @font-face name the same file.
    assert len(fonts) == 1, fonts
    for font in fonts:
        status, url = font.split(" ", 1)
        assert status == "200" and origin_of(url) == tab.origin, font
    # What Chromium actually drew the headline with, not only what the CSS asks for.
    cdp = tab.page.context.new_cdp_session(tab.page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    h1 = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "main h1"})["nodeId"]
    used = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": h1})["fonts"]
    assert [f["familyName"] for f in used] == ["Vazirmatn"], used
    assert tab.foreign == []


def test_pages_have_no_serious_or_critical_accessibility_violations(site, visit) -> None:
    """axe-core finds nothing serious or critical on any page; dark colours keep contrast."""
    if not AXE.exists():
        missing("node_modules/axe-core", "`make node_modules` installs it (npm ci)")
    problems: list[str] = []
    for scheme, rules in (("light", None), ("dark", ["color-contrast"])):
        tab = visit(DESKTOP, color_scheme=scheme, bypass_csp=True)
        for code, name, path in _all_pages(site):
            # Every page type once (fa); the others' templates are the same.
            if name not in REQUIRED_PAGES and (scheme == "dark" or code != "fa"):
                continue
            tab.open(path)
            lines = axe_problems(tab.page, rules)
            if scheme == "dark":
                tab.screenshot(f"{name}-{code}-1280-dark")
            problems += [f"{path} ({scheme}): {line}" for line in lines]
        assert tab.foreign == []
    assert problems == [], "axe-core violations:\n" + "\n".join(problems)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_reader_clicks_from_home_to_an_article_and_on_to_its_keyword(
    site, visit, viewport
) -> None:
    pages = site["fa"]
    article = pages.first
    tab = visit(viewport)
    tab.open(pages.pages["home"])
    tab.page.locator("main").get_by_role("link", name=article.headline).first.click()
    tab.page.wait_for_load_state()
    assert _path(tab.page.url) == _path(pages.pages["article"])
    assert article.headline in tab.page.locator("main h1").inner_text()

    tab.page.locator(".keywords").get_by_role("link", name=pages.keyword, exact=True).click()
    tab.page.wait_for_load_state()
    assert _path(tab.page.url) == _path(pages.pages["keyword"])
    assert pages.keyword in tab.page.locator("main h1").inner_text()
    assert tab.page.locator("main").get_by_role("link", name=article.headline).count() >= 1
    tab.screenshot(f"click-path-fa-{viewport['width']}")
    assert tab.foreign == []


def _path(url: str) -> str:
    """A URL's path with percent-escapes undone, to compare Arabic-script slugs."""
    return unquote(urlsplit(url).path)


def test_printing_an_article_shows_the_article_alone(site, visit) -> None:
    """print.css drops navigation, sharing, related news and the footer; black on white."""
    pages = site["ar"].pages
    tab = visit(DESKTOP)
    tab.page.emulate_media(media="print")
    furniture = [".edition-nav", ".section-nav", ".site-footer", ".share", ".related"]
    for path, hidden in [
        (pages["article"], [*furniture, ".site-header"]),
        # The print view keeps the edition's name above the article.
        *([(pages["print"], furniture)] if "print" in pages else []),
    ]:
        tab.open(path)
        shown = tab.page.evaluate(
            """(selectors) => selectors
                 .flatMap(s => [...document.querySelectorAll(s)])
                 .filter(e => getComputedStyle(e).display !== 'none')
                 .map(e => e.className)""",
            hidden,
        )
        assert shown == [], f"{path} prints {shown}"
        assert tab.page.locator("main h1").is_visible()
        ink, paper = tab.page.evaluate(
            "[getComputedStyle(document.querySelector('main h1')).color,"
            " getComputedStyle(document.body).backgroundColor]"
        )
        assert ink == "rgb(0, 0, 0)"
        assert paper in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)")
