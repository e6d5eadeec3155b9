"""Cached pages and the generations of surrogate keys: their keys in the cache.

Every surrogate key has a generation: a value taken from one clock (a counter, in Redis
when there is one). Invalidating keys draws a new value from the clock and gives it to
each of them. A cached page remembers its keys and the clock's value when its render
began; it is served only while none of its keys has a newer generation than that (a key
the cache has lost counts as newer: nothing says it was not invalidated).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.handlers.wsgi import get_path_info, get_script_name
from django.http import HttpRequest
from django.http.request import split_domain_port

CLOCK = "pcg:clock"
_GENERATION = "pcg:"
_HARD = "pch:"
_LOCK = "pcl:"
_PASSING = "pcp:"
_ENTRY = "pce3:"  # 3: a page keeps its clock, not one generation per key


def generation_key(surrogate_key: str) -> str:
    return _GENERATION + surrogate_key


def hard_key(surrogate_key: str) -> str:
    """The generation of the key's last hard purge: pages older than it are never served."""
    return _HARD + surrogate_key


def lock_key(page_key: str) -> str:
    """Held by the one request that renders the page (cache.py: request collapsing)."""
    return _LOCK + page_key


def pass_key(page_key: str) -> str:
    """Set for a while after the page's last render could not be stored (cache.py: passes)."""
    return _PASSING + page_key


@dataclass(frozen=True, slots=True)
class CachedPage:
    status: int
    reason: str
    headers: tuple[tuple[str, str], ...]
    content: bytes
    keys: tuple[str, ...]
    # The clock when the render began: a key with a newer generation may have changed since.
    clock: int
    article_id: int | None
    etag: str
    last_modified: int

    def fresh(self, generations: dict[str, int | None]) -> bool:
        """Whether no key has changed since the render began, given their generations."""
        clock = self.clock
        return all(value is not None and value <= clock for value in generations.values())


def page_key(request: HttpRequest) -> str:
    """The entry of a request's URL (GET and HEAD share it); see `location_key`."""
    return location_key(
        # Django's `scheme` is always a string ("http" at least); the stubs say it may be None.
        request.scheme,  # type: ignore[arg-type]
        request.get_host(),
        request.path,
        request.META.get("QUERY_STRING", ""),
    )


def page_key_environ() -> tuple[str, ...]:
    """The environ's names `environ_page_key` reads, under the present settings."""
    proxy_header = settings.SECURE_PROXY_SSL_HEADER
    return (
        "wsgi.url_scheme",
        *([proxy_header[0]] if proxy_header else []),
        "HTTP_X_FORWARDED_HOST",
        "HTTP_HOST",
        "SERVER_NAME",
        "SERVER_PORT",
        # What Django's get_script_name and get_path_info read.
        "SCRIPT_URL",
        "REDIRECT_URL",
        "SCRIPT_NAME",
        "PATH_INFO",
        "QUERY_STRING",
    )


def environ_page_key(environ: dict[str, Any]) -> str:
    """`page_key` computed from the WSGI environ alone, as Django would see the request.

    Scheme, host and path follow HttpRequest.scheme, get_host() (unvalidated: a page is
    only ever stored under a host Django accepted) and path.
    """
    scheme = environ.get("wsgi.url_scheme", "http")
    proxy_header = settings.SECURE_PROXY_SSL_HEADER
    if proxy_header:
        forwarded = environ.get(proxy_header[0])
        if forwarded is not None:
            scheme = "https" if forwarded.split(",", 1)[0].strip() == proxy_header[1] else "http"
    host = (settings.USE_X_FORWARDED_HOST and environ.get("HTTP_X_FORWARDED_HOST")) or environ.get(
        "HTTP_HOST"
    )
    if not host:
        host = environ.get("SERVER_NAME", "")
        port = str(environ.get("SERVER_PORT", ""))
        if port != ("443" if scheme == "https" else "80"):
            host = f"{host}:{port}"
    path_info = get_path_info(environ) or "/"
    path = "{}/{}".format(get_script_name(environ).rstrip("/"), path_info.replace("/", "", 1))
    return location_key(scheme, host, path, environ.get("QUERY_STRING", ""))


def location_key(scheme: str, host: str, path: str, query: str) -> str:
    """The entry of a URL: scheme, host, path and its `public_query`.

    The host's port is left out: ALLOWED_HOSTS accepts any port, and pages take their
    absolute URLs from SITE_URL, so `:1`, `:2`… would only split the cache.
    """
    host = split_domain_port(host)[0] or host
    location = f"{scheme}://{host}{path}?{public_query(query, path)}"
    return _ENTRY + hashlib.md5(location.encode(), usedforsecurity=False).hexdigest()


def public_query(query: str, path: str) -> str:
    """The query string the page at `path` is rendered and cached for.

    Only the parameters that page reads (PAGECACHE_QUERY_PARAMS), in that order, the last
    value of each: any other parameter (`?x=1`, `?x=2`…, tracking tags) would otherwise make
    a new entry and a new render per value, a cheap way to empty the cache. The middleware
    gives the view this same query, so what is rendered is what the key says.

    Where the setting says None (the API) every parameter is kept, the last value of each,
    sorted by name: those views refuse a parameter they do not know with a 400, which is
    never stored, so junk cannot fill the cache there either, and a client is told its
    filter was not applied instead of silently getting the unfiltered list.
    """
    if not query:
        return ""
    wanted = query_params(path)
    found: dict[str, str] = {}
    for part in query.split("&"):
        name, _, value = part.partition("=")
        if name and (wanted is None or name in wanted):
            found[name] = value
    order = sorted(found) if wanted is None else [name for name in wanted if name in found]
    return "&".join(f"{name}={found[name]}" for name in order)


def query_params(path: str) -> tuple[str, ...] | None:
    """The query parameters the page at `path` reads; None: all of them (it refuses others)."""
    for pattern, names in settings.PAGECACHE_QUERY_PARAMS:
        if re.search(pattern, path):
            return names
    return ()
