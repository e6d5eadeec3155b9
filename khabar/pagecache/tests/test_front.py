"""The WSGI front: cache hits answered before Django, everything else handed on."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import RequestFactory

from khabar.pagecache import cache as cache_module
from khabar.pagecache import store
from khabar.pagecache.cache import keys_invalidate, page_cache
from khabar.pagecache.front import PageCacheFront
from khabar.pagecache.serve import STAFF_COOKIE, staff_cookie_value
from khabar.pageviews import recorder

pytestmark = [pytest.mark.urls("khabar.pagecache.tests.urls"), pytest.mark.django_db]


class Recorder:
    """Stands in for the server: keeps what the application started the response with."""

    status: str = ""
    headers: dict[str, str]

    def __call__(self, status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> None:
        self.status = status
        self.headers = dict(headers)


def server_environ(method: str, path: str, **extra: str) -> dict[str, Any]:
    """The environ a WSGI server passes: PATH_INFO is the URL's bytes decoded as latin-1.

    (RequestFactory's environ has been through WSGIRequest, which rewrites PATH_INFO.)
    """
    environ = getattr(RequestFactory(), method)(path, **extra).environ
    environ["PATH_INFO"] = path.encode().decode("iso-8859-1")
    environ.setdefault("HTTP_HOST", "testserver")  # every HTTP/1.1 client sends one
    return environ


def serve(environ: dict[str, Any]) -> tuple[Recorder, bytes]:
    """Run the application as a server would, keeping the test's database connection open.

    (At the start and end of a request Django closes old connections; like the test client, keep
    that from ending the test's transaction.)
    """
    started = Recorder()
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    try:
        body = b"".join(PageCacheFront(WSGIHandler())(environ, started))
    finally:
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)
    return started, body


def call(path: str, **extra: str) -> tuple[Recorder, bytes]:
    return serve(server_environ("get", path, **extra))


def test_a_hit_is_answered_by_the_front_without_queries(django_assert_num_queries) -> None:
    first, body = call("/t/a,b")
    assert first.headers["X-Cache"] == "MISS"
    with django_assert_num_queries(0):
        second, again = call("/t/a,b")
    assert second.status == "200 OK"
    assert second.headers["X-Cache"] == "HIT"
    assert second.headers["Surrogate-Key"] == "a b"
    assert again == body


def test_a_miss_is_looked_up_once_and_rendered_by_django(django_assert_num_queries) -> None:
    with django_assert_num_queries(1):  # the page's own query; no second lookup
        started, body = call("/t/a")
    assert started.headers["X-Cache"] == "MISS"
    assert b"0 articles" in body


def test_an_invalidated_page_goes_through_to_django_again() -> None:
    call("/t/a")
    keys_invalidate(["a"])
    started, _body = call("/t/a")
    assert started.headers["X-Cache"] == "MISS"


def test_the_front_answers_304_to_a_current_etag() -> None:
    first, _body = call("/t/a")
    started, body = call("/t/a", HTTP_IF_NONE_MATCH=first.headers["ETag"])
    assert started.status == "304 Not Modified"
    assert body == b""


def test_signed_in_staff_are_never_served_by_the_front() -> None:
    call("/t/a")
    started, _body = call(
        "/t/a", HTTP_COOKIE=f"sessionid=abc; {STAFF_COOKIE}={staff_cookie_value(1)}"
    )
    assert started.headers["X-Cache"] == "BYPASS"


def test_a_forged_session_cookie_is_served_by_the_front() -> None:
    call("/t/a")
    started, _body = call("/t/a", HTTP_COOKIE=f"sessionid=abc; {STAFF_COOKIE}=1:forged:x")
    assert started.headers["X-Cache"] == "HIT"


def test_unknown_query_parameters_are_served_by_the_front() -> None:
    call("/t/a", QUERY_STRING="page=2")
    started, _body = call("/t/a", QUERY_STRING="x=1&page=1&page=2&utm_source=a")
    assert started.headers["X-Cache"] == "HIT"
    started, _body = call("/t/a", QUERY_STRING="page=3")
    assert started.headers["X-Cache"] == "MISS"


def test_views_are_counted_on_hits_in_front_of_django(sample_article) -> None:
    path = f"/article/{sample_article.pk}"
    call(path)
    call(path)
    assert sum(n for (pk, _day), n in recorder.pending().items() if pk == sample_article.pk) == 2


def test_arabic_and_persian_paths_are_served_and_cached() -> None:
    """PATH_INFO arrives as latin-1-decoded UTF-8 bytes; the front must leave it as it is."""
    path = "/t/السورية,سوریه"
    first, body = call(path)
    assert first.status == "200 OK"
    assert first.headers["X-Cache"] == "MISS"
    second, again = call(path)
    assert second.headers["X-Cache"] == "HIT"
    assert again == body
    assert "السورية".encode() in body


def test_head_is_answered_from_the_cache_without_a_body() -> None:
    call("/t/a")
    started, body = serve(server_environ("head", "/t/a"))
    assert started.headers["X-Cache"] == "HIT"
    assert body == b""


def test_an_http11_request_without_host_is_400_before_any_lookup(django_assert_num_queries) -> None:
    call("/t/a")  # cached
    environ = server_environ("get", "/t/a")
    environ["SERVER_PROTOCOL"] = "HTTP/1.1"
    del environ["HTTP_HOST"]
    with django_assert_num_queries(0):
        started, body = serve(environ)
    assert started.status == "400 Bad Request"
    assert b"Host" in body


def test_an_http10_request_without_host_is_still_served() -> None:
    environ = server_environ("get", "/t/a")
    environ["SERVER_PROTOCOL"] = "HTTP/1.0"
    environ.pop("HTTP_HOST", None)
    started, _body = serve(environ)
    assert started.status == "200 OK"


def test_a_host_outside_allowed_hosts_is_refused_even_when_the_page_is_cached() -> None:
    call("/t/a")
    started, _body = call("/t/a", HTTP_HOST="evil.example")
    assert started.status == "400 Bad Request"


def test_a_port_in_host_does_not_make_another_cache_entry() -> None:
    call("/t/a")
    started, _body = call("/t/a", HTTP_HOST="testserver:8443")
    assert started.headers["X-Cache"] == "HIT"


class ReadNames(dict[str, Any]):
    """An environ that notes each name read from it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.read: set[str] = set()

    def get(self, name: str, default: Any = None) -> Any:
        self.read.add(name)
        return super().get(name, default)

    def __getitem__(self, name: str) -> Any:
        self.read.add(name)
        return super().__getitem__(name)


ENVIRONS = [
    {"PATH_INFO": "/ar/news/1/خبر".encode().decode("latin-1"), "HTTP_HOST": "a.example"},
    {"PATH_INFO": "/ar/news/1/x", "HTTP_HOST": "a.example:8080", "QUERY_STRING": "page=2&x=1"},
    {"PATH_INFO": "/ar/news/1/x", "HTTP_HOST": "", "SERVER_NAME": "b", "SERVER_PORT": "81"},
    {
        "PATH_INFO": "/x",
        "SCRIPT_NAME": "/site",
        "HTTP_HOST": "a",
        "HTTP_X_FORWARDED_PROTO": "https",
    },
    {"PATH_INFO": "/x", "SCRIPT_URL": "/site/x", "HTTP_X_FORWARDED_HOST": "c", "HTTP_HOST": "a"},
]


@pytest.mark.parametrize("proxy", [None, ("HTTP_X_FORWARDED_PROTO", "https")])
@pytest.mark.parametrize("forwarded_host", [False, True])
def test_a_remembered_page_key_is_the_key_of_its_environ(
    settings: Any, proxy: tuple[str, str] | None, forwarded_host: bool
) -> None:
    settings.SECURE_PROXY_SSL_HEADER = proxy
    settings.USE_X_FORWARDED_HOST = forwarded_host
    cache = page_cache()
    expected = []
    for values in ENVIRONS:
        environ = ReadNames({"wsgi.url_scheme": "http", "SERVER_PROTOCOL": "HTTP/1.1", **values})
        expected.append(store.environ_page_key(environ))
        # Whatever the key is made of tells remembered keys apart.
        assert environ.read <= set(store.page_key_environ()), environ.read
        assert cache.page_key(environ) == expected[-1]
    remembered = [
        cache.page_key({"wsgi.url_scheme": "http", "SERVER_PROTOCOL": "HTTP/1.1", **values})
        for values in ENVIRONS
    ]
    assert remembered == expected


def test_the_remembered_page_keys_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache_module, "PAGE_KEYS_KEPT", 3)
    cache = page_cache()
    for number in range(10):
        cache.page_key({"PATH_INFO": f"/junk/{number}", "HTTP_HOST": "a"})
        assert len(cache._page_keys) <= 3


def test_while_redis_is_down_the_front_hands_every_request_to_django(redis_switch: Any) -> None:
    assert call("/t/a")[0].headers["X-Cache"] == "MISS"
    assert call("/t/a")[0].headers["X-Cache"] == "HIT"
    redis_switch.set("refusing")
    for _ in range(2):
        started, body = call("/t/a")
        assert (started.status, started.headers["X-Cache"]) == ("200 OK", "MISS")
        assert body == b"<p>a: 0 articles</p>"
