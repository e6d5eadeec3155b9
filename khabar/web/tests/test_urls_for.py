"""What khabar.web.urls_for builds besides the paths of khabar.core.links."""

from __future__ import annotations

from urllib.parse import parse_qs, quote, urlencode, urlsplit

import pytest

from khabar.web.urls_for import share_links

URL = "https://news.example/ar/news/14027/%D8%AE%D8%A8%D8%B1"


@pytest.mark.parametrize(
    "title",
    ["خبر عاجل", "A & B = C?", "100% + 1 #tag", "a/b~c_d.e-f", "line\nbreak", "‮مقلوب"],
)
def test_share_links_encode_every_text_as_a_query_string_would(title: str) -> None:
    both = f"{title} {URL}"
    expected = {
        "telegram": "https://t.me/share/url?"
        + urlencode({"url": URL, "text": title}, quote_via=quote),
        "whatsapp": "https://wa.me/?" + urlencode({"text": both}, quote_via=quote),
        "x": "https://x.com/intent/post?" + urlencode({"url": URL, "text": title}, quote_via=quote),
        "facebook": "https://www.facebook.com/sharer/sharer.php?"
        + urlencode({"u": URL}, quote_via=quote),
        "email": "mailto:?" + urlencode({"subject": title, "body": both}, quote_via=quote),
    }
    found = {link.network: link.url for link in share_links(url=URL, title=title)}
    assert found == expected
    assert parse_qs(urlsplit(found["telegram"]).query) == {"url": [URL], "text": [title]}
