"""A WSGI app that answers every request with the article page from memory: no Django at all.

bench.run serves it with granian exactly as it serves Khabar, to show how much of nginx's
throughput any Python app can reach on this machine: the ceiling for the cached page.
BENCH_CEILING_PAGE names the HTML file (bench.run writes var/bench/www/article.html);
BENCH_CEILING_HEADERS, when set, a JSON file of the headers to send with it (bench.run
writes those Khabar sends with its cached article: the ceiling of a Python app sending the
same response, security headers and all), else the two any page needs.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

_PAGE = Path(os.environ.get("BENCH_CEILING_PAGE", "var/bench/www/article.html")).read_bytes()
_HEADERS_FILE = os.environ.get("BENCH_CEILING_HEADERS")
_HEADERS = (
    [(name, value) for name, value in json.loads(Path(_HEADERS_FILE).read_text())]
    if _HEADERS_FILE
    else [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(_PAGE)))]
)


def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    start_response("200 OK", _HEADERS)
    return [_PAGE]
