"""Every newsroom screen in headless Chromium, signed in as an admin of a working newsroom:
axe-core finds nothing serious or critical, nothing scrolls sideways at 768 px (a tablet),
and no request leaves for another host (each is aborted and recorded).

A new screen is one line of SCREENS.
"""

from __future__ import annotations

from typing import Any

import pytest

from khabar.apikeys.services import api_key_create
from khabar.articles import services, workflow
from khabar.articles.locks import article_lock
from khabar.articles.models import Article
from khabar.core.actors import IMPORTER
from khabar.core.tests.axe import AXE, axe_problems
from khabar.core.tests.browser import TABLET
from khabar.newsroom.tests.conftest import at_status, write
from khabar.newsroom.tests.test_comments import comment_on
from khabar.submissions import services as submissions

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


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


WIDEST = """(limit) => [...document.querySelectorAll('body *')]
  .filter(e => { const r = e.getBoundingClientRect(); return r.right > limit + 1 || r.left < -1; })
  .slice(0, 3).map(e => e.tagName.toLowerCase() + '.' + e.className).join(', ')"""


def test_every_newsroom_screen_is_accessible_fits_a_tablet_and_stays_on_the_site(
    signed_in_tab: Any, live_server: Any, newsroom: Any, edition_ar: Any, edition_fa: Any
) -> None:
    if not AXE.exists():
        pytest.skip("node_modules/axe-core is missing; `make node_modules` installs it.")
    article = _working_newsroom(newsroom, edition_ar, edition_fa)
    paths = [(name, path.format(article=article.pk)) for name, path in SCREENS]
    problems: list[str] = []

    # Under the newsroom's own Content-Security-Policy: every screen loads, all of it from here.
    tab = signed_in_tab(newsroom.admin, viewport=TABLET, locale="fa-IR")
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
    tab = signed_in_tab(newsroom.admin, viewport=TABLET, locale="fa-IR", bypass_csp=True)
    for name, path in paths:
        tab.goto(live_server.url + path, wait_until="load")
        problems += [f"{name}: {line}" for line in axe_problems(tab)]
    assert problems == [], "\n".join(problems)
