"""Headless Chromium for the browser tests of any interface: Debian's, driven by Playwright
(never a downloaded browser), and a tab signed in to the newsroom as one of its accounts.

khabar/conftest.py makes these the `browser` and `signed_in_tab` fixtures.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Nothing but the page under test: no update checks, sync or QUIC probes of its own.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 800}
TABLET = {"width": 768, "height": 1024}
# Script added to every signed-in tab: the policy's refusals reach the console, where the
# tab records them.
CSP_TO_CONSOLE = (
    "document.addEventListener('securitypolicyviolation', e => console.error("
    "'Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI))"
)


def missing(what: str, how: str) -> None:
    """Fail in CI, where a missing tool is a broken build; skip with the fix elsewhere."""
    if os.environ.get("CI"):
        pytest.fail(f"{what} is missing; {how}.")
    pytest.skip(f"{what} is not installed here; {how}.")


@contextlib.contextmanager
def chromium() -> Iterator[Any]:
    """Debian's headless Chromium, closed on the way out; skips (fails in CI) without it."""
    if not Path(CHROMIUM).exists():
        missing("Debian's chromium", "`make browser` installs it")
    # Playwright's sync API runs an event loop in this thread; the live server's
    # database work happens in its own thread, so Django's async guard is moot here.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def tab_open(
    browser: Any,
    origin: str,
    *,
    viewport: dict[str, int] | None = None,
    locale: str = "en-GB",
    bypass_csp: bool = False,
) -> Any:
    """A tab in a context of its own that records, from its first request on:
    `page.errors` (uncaught script errors), `page.foreign` (requests for another origin
    than `origin`, each aborted) and `page.csp_violations` (what the page's
    Content-Security-Policy refused). bypass_csp only for injecting axe-core."""
    context = browser.new_context(
        viewport=viewport or DESKTOP, locale=locale, bypass_csp=bypass_csp
    )
    page = context.new_page()
    page.errors, page.foreign, page.csp_violations = [], [], []

    def guard(route: Any) -> None:
        url = route.request.url
        if url.startswith(("data:", "blob:")) or origin_of(url) == origin:
            route.continue_()
        else:
            page.foreign.append(url)
            route.abort()

    context.route("**/*", guard)
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on(
        "console",
        lambda message: (
            page.csp_violations.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    page.add_init_script(CSP_TO_CONSOLE)
    return page


def sign_in(page: Any, origin: str, name: str) -> None:
    """Sign in on the newsroom's form as `name` (password `<name>-password`, as the test
    accounts have), landing on the dashboard."""
    page.goto(f"{origin}/newsroom/login/?next=/newsroom/")
    page.fill("input[name=username]", name)
    page.fill("input[name=password]", f"{name}-password")
    page.click("form.nr-form button[type=submit]")
    page.wait_for_url(f"{origin}/newsroom/")
