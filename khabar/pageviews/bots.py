"""Which clients are programs announcing themselves, not readers.

Only self-declared crawlers and link-preview fetchers are left out: command-line
clients (curl, wrk, python-requests) are counted, since benchmarks and readers'
own tools use them and a User-Agent is trivially faked anyway.
"""

from __future__ import annotations

import functools
import re

# Lower-case markers found in the User-Agent of crawlers and link-preview fetchers:
# Googlebot, bingbot, YandexBot, Applebot, Baiduspider, Yahoo! Slurp, Sogou web spider,
# facebookexternalhit, Twitterbot, TelegramBot, WhatsApp, Slackbot, Discordbot,
# SkypeUriPreview, Google-InspectionTool, Mediapartners-Google, Lighthouse, ia_archiver…
BOT_MARKERS = (
    "bot",
    "crawl",
    "spider",
    "slurp",
    "facebookexternalhit",
    "facebookcatalog",
    "preview",
    "whatsapp",
    "mediapartners",
    "inspectiontool",
    "lighthouse",
    "ia_archiver",
    "feedfetcher",
    "embedly",
    "headlesschrome",
)
_BOT = re.compile("|".join(re.escape(marker) for marker in BOT_MARKERS), re.IGNORECASE)


@functools.lru_cache(maxsize=512)
def is_bot(user_agent: str) -> bool:
    """True for a User-Agent that says it is a crawler or a preview fetcher."""
    return _BOT.search(user_agent) is not None
