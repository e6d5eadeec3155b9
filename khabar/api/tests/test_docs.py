"""The documentation page is served by the site itself and runs under its strict CSP."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from khabar.core.policies import PUBLIC


@pytest.mark.django_db
def test_the_docs_page_loads_its_scripts_from_the_site_and_none_inline(client: Client) -> None:
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == PUBLIC
    html = response.content.decode()
    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert sources and all(source.startswith("/static/ninja/") for source in sources), sources
    for source in sources:
        assert client.get(source).status_code == 200, source
    # The only script element without src is Swagger UI's settings: data, not code.
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", html)
    assert inline == [' type="application/json" id="swagger-settings"']


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_docs_page_renders_every_operation_without_a_csp_violation(
    browser: Any, live_server: Any
) -> None:
    page = browser.new_page()
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    page.goto(f"{live_server.url}/api/v1/docs")
    page.wait_for_selector(".opblock", timeout=15_000)
    operations = page.locator(".opblock").count()
    page.close()
    assert operations == 6
    assert not [m for m in messages if "Content Security Policy" in m or "Refused" in m]
