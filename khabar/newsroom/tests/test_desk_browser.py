"""Every newsroom screen in headless Chromium, signed in as an admin of a working newsroom:
axe-core finds nothing serious or critical, nothing scrolls sideways at 768 px (a tablet),
and no request leaves for another host (each is aborted and recorded).

A new screen is one line of SCREENS.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from khabar.apikeys.services import api_key_create
from khabar.articles import services, workflow
from khabar.articles.locks import article_lock
from khabar.articles.models import Article
from khabar.core.actors import IMPORTER
from khabar.newsroom.tests.conftest import at_status, write
from khabar.newsroom.tests.test_comments import comment_on
from khabar.submissions import services as submissions

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = Path(__file__).resolve().parents[3] / "node_modules" / "axe-core" / "axe.min.js"
TABLET = {"width": 768, "height": 1024}

# (name, path); {article} is an article with revisions, a lock, comments and a pending update.
SCREENS = [
    ("dashboard", "/newsroom/"),
    ("article list", "/newsroom/articles/?sort=headline"),
    ("new article", "/newsroom/articles/new/"),
    ("editor", "/newsroom/articles/{article}/"),
    ("revisions", "/newsroom/articles/{article}/revisions/"),
    ("people", "/newsroom/people/"),
    ("audit log", "/newsroom/audit/"),
    ("sections", "/newsroom/sections/"),
    ("keywords", "/newsroom/keywords/"),
    ("editions", "/newsroom/editions/"),
    ("comments queue", "/newsroom/comments/"),
    ("blocklist", "/newsroom/blocklist/"),
    ("submissions", "/newsroom/submissions/"),
    ("API keys", "/newsroom/api-keys/"),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("Debian's chromium is missing; `make browser` installs it.")
        pytest.skip("Debian's chromium is not installed here; `make browser` installs it.")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        yield browser
        browser.close()


def _working_newsroom(newsroom: Any, edition_ar: Any, edition_fa: Any) -> Article:
    """Something in every panel and queue, as the demo would have it; the busy article."""
    for edition, sections in ((edition_ar, [None]), (edition_fa, [newsroom.fa_politics])):
        for number, section in enumerate(sections * 3):
            extra = {"section": section} if section else {}
            write(newsroom.admin, edition, f"مسودة {number}", keywords=["سوريا"], **extra)
            at_status(write(newsroom.admin, edition, f"مراجعة {number}", **extra), "in_review")
            at_status(write(newsroom.admin, edition, f"مجدول {number}", **extra), "scheduled")
    article = at_status(
        write(newsroom.reporter, edition_ar, "علي شمخاني في دمشق", keywords=["دمشق"]), "published"
    )
    services.article_save(actor=IMPORTER, article=article, base_revision=1, headline="تحديث")
    workflow.article_breaking_set(actor=IMPORTER, article=article)
    article_lock(actor=newsroom.editor, article=article)
    comment_on(article, "تعليق ينتظر الإشراف")
    submissions.submission_create(
        edition=edition_ar,
        client_hash="c" * 64,
        name="سامي",
        contact="sami@example.com",
        text="حريق في السوق",
        files=[],
        form_age=60.0,
    )
    api_key_create(actor=newsroom.admin, name="تطبيق الهاتف", per_minute=60)
    return article


def _signed_in_tab(browser: Any, live_server: Any, *, bypass_csp: bool = False) -> Any:
    """An admin's tab at tablet width; requests for other hosts aborted into `tab.foreign`."""
    context = browser.new_context(viewport=TABLET, bypass_csp=bypass_csp, locale="fa-IR")
    page = context.new_page()
    origin = live_server.url
    page.foreign = []

    def guard(route: Any) -> None:
        parts = urlsplit(route.request.url)
        if parts.scheme in ("data", "blob") or f"{parts.scheme}://{parts.netloc}" == origin:
            route.continue_()
        else:
            page.foreign.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page.goto(f"{origin}/newsroom/login/?next=/newsroom/")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", "admin-password")
    page.click("form.nr-form button[type=submit]")
    page.wait_for_url(f"{origin}/newsroom/")
    return page


AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => `${v.impact} ${v.id}: ${v.help} — ` +
              v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '));
}"""

WIDEST = """(limit) => [...document.querySelectorAll('body *')]
  .filter(e => { const r = e.getBoundingClientRect(); return r.right > limit + 1 || r.left < -1; })
  .slice(0, 3).map(e => e.tagName.toLowerCase() + '.' + e.className).join(', ')"""


def test_every_newsroom_screen_is_accessible_fits_a_tablet_and_stays_on_the_site(
    browser: Any, live_server: Any, newsroom: Any, edition_ar: Any, edition_fa: Any
) -> None:
    if not AXE.exists():
        pytest.skip("node_modules/axe-core is missing; `make node_modules` installs it.")
    article = _working_newsroom(newsroom, edition_ar, edition_fa)
    paths = [(name, path.format(article=article.pk)) for name, path in SCREENS]
    problems: list[str] = []

    # Under the newsroom's own Content-Security-Policy: every screen loads, all of it from here.
    tab = _signed_in_tab(browser, live_server)
    tab.on("response", lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 else 0)
    for name, path in paths:
        response = tab.goto(live_server.url + path, wait_until="load")
        if response is None or response.status != 200:
            problems.append(f"{name}: answered {response.status if response else None}")
            continue
        width = tab.evaluate("document.documentElement.scrollWidth")
        if width > TABLET["width"]:
            problems.append(f"{name}: {width}px wide, because of {tab.evaluate(WIDEST, 768)}")
    assert tab.foreign == []

    # bypass_csp: only so that axe-core, an inline script the policy refuses, can run.
    tab = _signed_in_tab(browser, live_server, bypass_csp=True)
    for name, path in paths:
        tab.goto(live_server.url + path, wait_until="load")
        tab.add_script_tag(path=str(AXE))
        problems += [f"{name}: {line}" for line in tab.evaluate(AXE_RUN)]
    assert problems == [], "\n".join(problems)
