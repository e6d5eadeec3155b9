"""The page cache: what it stores, what it serves, and the HTTP caching headers."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils.http import http_date
from pytest_django import Settings

from khabar.pagecache.cache import keys_invalidate
from khabar.pagecache.serve import STAFF_COOKIE, staff_cookie_value
from khabar.pagecache.tests import urls

pytestmark = [pytest.mark.urls("khabar.pagecache.tests.urls"), pytest.mark.django_db]

LOGIN = "/newsroom/admin/login/"
PASSWORD = "a-long-enough-password"


def test_a_tagged_page_is_rendered_once_then_served_from_the_cache_without_queries(
    client: Client, django_assert_num_queries: Callable
) -> None:
    first = client.get("/t/latest-ar")
    assert first["X-Cache"] == "MISS"
    with django_assert_num_queries(0):
        second = client.get("/t/latest-ar")
    assert second["X-Cache"] == "HIT"
    assert second.status_code == 200
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert second["ETag"] == first["ETag"]


def test_tagged_pages_carry_validators_cache_control_and_their_surrogate_keys(
    client: Client,
) -> None:
    for response in (client.get("/t/latest-ar,a7,ed-ar"), client.get("/t/latest-ar,a7,ed-ar")):
        assert response["ETag"].startswith('"') and response["ETag"].endswith('"')
        assert response["Last-Modified"].endswith(" GMT")
        assert response["Cache-Control"] == (
            "public, max-age=60, stale-while-revalidate=600, stale-if-error=86400"
        )
        assert response["Surrogate-Key"] == "a7 ed-ar latest-ar"
        assert response["Cache-Tag"] == "a7,ed-ar,latest-ar"


def test_cache_control_follows_the_settings(client: Client, settings: Settings) -> None:
    settings.PAGECACHE_MAX_AGE = 5
    settings.PAGECACHE_STALE_WHILE_REVALIDATE = 30
    response = client.get("/t/latest-ar")
    assert response["Cache-Control"] == (
        "public, max-age=5, stale-while-revalidate=30, stale-if-error=86400"
    )


def test_a_different_body_gets_a_different_etag(client: Client) -> None:
    assert client.get("/t/latest-ar")["ETag"] != client.get("/t/latest-fa")["ETag"]


@pytest.mark.parametrize("cached_first", [False, True])
def test_a_current_etag_answers_304_without_a_body(client: Client, cached_first: bool) -> None:
    etag = client.get("/t/latest-ar")["ETag"]
    if not cached_first:
        keys_invalidate(["latest-ar"])
    response = client.get("/t/latest-ar", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert response["X-Cache"] == ("HIT" if cached_first else "MISS")


def test_an_old_etag_gets_the_full_page(client: Client) -> None:
    response = client.get("/t/latest-ar", HTTP_IF_NONE_MATCH='"not-this-one"')
    assert response.status_code == 200
    assert response.content


def test_if_modified_since_the_render_answers_304(client: Client) -> None:
    last_modified = client.get("/t/latest-ar")["Last-Modified"]
    assert client.get("/t/latest-ar", HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    assert client.get("/t/latest-ar", HTTP_IF_MODIFIED_SINCE=http_date(0)).status_code == 200


def test_head_is_served_from_the_get_entry(client: Client) -> None:
    get = client.get("/t/latest-ar")
    head = client.head("/t/latest-ar")
    assert head["X-Cache"] == "HIT"
    assert head["ETag"] == get["ETag"]
    assert head.content == b""


def test_a_head_request_alone_does_not_store_a_page(client: Client) -> None:
    assert client.head("/t/latest-ar")["X-Cache"] == "MISS"
    assert client.get("/t/latest-ar")["X-Cache"] == "MISS"


def test_unknown_query_parameters_share_the_entry_of_the_plain_url(client: Client) -> None:
    before = urls.renders
    first = client.get("/echo")
    assert client.get("/echo?x=1")["X-Cache"] == "HIT"
    response = client.get("/echo?x=2&utm_source=a")
    assert response["X-Cache"] == "HIT"
    assert response.content == first.content
    assert urls.renders == before + 1


def test_tracking_parameters_share_the_entry_of_the_known_ones(client: Client) -> None:
    client.get("/t/latest-ar?page=2")
    response = client.get("/t/latest-ar?utm_source=telegram&page=2&utm_medium=social&fbclid=x")
    assert response["X-Cache"] == "HIT"


def test_a_repeated_parameter_is_its_last_value(client: Client) -> None:
    client.get("/echo?page=3")
    response = client.get("/echo?page=2&page=3")
    assert response["X-Cache"] == "HIT"
    assert response.json() == {"page": ["3"]}


def test_the_view_sees_only_the_parameters_the_key_keeps(client: Client) -> None:
    response = client.get("/echo?utm_source=a&x=1&page=2&x=2")
    assert response["X-Cache"] == "MISS"
    assert response.json() == {"page": ["2"]}


def test_each_page_keeps_only_the_parameters_it_reads(client: Client) -> None:
    """The search page reads `q`; elsewhere `?q=…` is an unknown parameter like any other."""
    assert client.get("/echo?q=a&sort=date&page=2").json() == {"page": ["2"]}
    assert client.get("/echo?q=b&page=2")["X-Cache"] == "HIT"
    searched = client.get("/ar/search?x=1&q=a&sort=date&page=2")
    assert searched.json() == {"q": ["a"], "sort": ["date"], "page": ["2"]}
    assert client.get("/ar/search?q=b&sort=date&page=2")["X-Cache"] == "MISS"


def test_other_query_parameters_make_another_page(client: Client) -> None:
    client.get("/t/latest-ar?page=2")
    assert client.get("/t/latest-ar?page=3")["X-Cache"] == "MISS"
    assert client.get("/t/latest-ar")["X-Cache"] == "MISS"


def test_newsroom_urls_keep_their_query_and_bypass_the_cache(client: Client) -> None:
    response = client.get("/newsroom/admin/login/?next=/newsroom/admin/auth/")
    assert response.status_code == 200
    assert "X-Cache" not in response
    assert b'name="next" value="/newsroom/admin/auth/"' in response.content


def test_each_host_has_its_own_entry(client: Client, settings: Settings) -> None:
    settings.ALLOWED_HOSTS = ["a.example", "b.example"]
    client.get("/t/latest-ar", HTTP_HOST="a.example")
    assert client.get("/t/latest-ar", HTTP_HOST="b.example")["X-Cache"] == "MISS"
    assert client.get("/t/latest-ar", HTTP_HOST="a.example")["X-Cache"] == "HIT"


@pytest.fixture
def staff(db: None, settings: Settings) -> Client:
    """A client signed in through the newsroom's real sign-in, which sets the staff cookie."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    User.objects.create_user("editor", "e@example.com", PASSWORD, is_staff=True)
    staff = Client()
    signed_in = staff.post(LOGIN, {"username": "editor", "password": PASSWORD})
    assert signed_in.status_code == 302
    assert staff.cookies[STAFF_COOKIE]["httponly"]
    assert staff.cookies[STAFF_COOKIE]["samesite"] == "Lax"
    return staff


def test_signed_in_staff_bypass_the_cache(client: Client, staff: Client) -> None:
    client.get("/t/latest-ar")
    response = staff.get("/t/latest-ar")
    assert response["X-Cache"] == "BYPASS"
    assert response["Cache-Control"] == "private, no-store"
    assert "Surrogate-Key" not in response


def test_a_page_rendered_for_staff_is_not_served_to_readers(client: Client, staff: Client) -> None:
    staff.get("/t/latest-ar")
    assert client.get("/t/latest-ar")["X-Cache"] == "MISS"


def test_signing_out_clears_the_staff_cookie(client: Client, staff: Client) -> None:
    client.get("/t/latest-ar")
    staff.post("/newsroom/admin/logout/")
    assert staff.cookies[STAFF_COOKIE].value == ""
    assert staff.get("/t/latest-ar")["X-Cache"] == "HIT"


@pytest.mark.parametrize(
    "cookies",
    [
        {"sessionid": "forged"},
        {STAFF_COOKIE: "1:forged:signature"},
        {STAFF_COOKIE: staff_cookie_value(1)[:-1] + "x", "sessionid": "forged"},
    ],
    ids=["session", "staff", "tampered"],
)
def test_a_forged_cookie_is_answered_from_the_cache(
    client: Client, cookies: dict[str, str]
) -> None:
    client.get("/t/latest-ar")
    forger = Client()
    for name, value in cookies.items():
        forger.cookies[name] = value
    assert forger.get("/t/latest-ar")["X-Cache"] == "HIT"


def test_an_expired_staff_cookie_is_answered_from_the_cache(
    client: Client, settings: Settings
) -> None:
    client.get("/t/latest-ar")
    settings.SESSION_COOKIE_AGE = -1
    client.cookies[STAFF_COOKIE] = staff_cookie_value(1)
    assert client.get("/t/latest-ar")["X-Cache"] == "HIT"


@pytest.mark.parametrize(
    "path", ["/cookie", "/missing", "/private", "/untagged"], ids=lambda p: p.strip("/")
)
def test_responses_with_cookies_errors_own_cache_control_or_no_tags_are_not_stored(
    client: Client, path: str
) -> None:
    client.get(path)
    response = client.get(path)
    assert response["X-Cache"] == "MISS"
    assert not response.get("Cache-Control", "").startswith("public")


def test_post_requests_pass_through(client: Client) -> None:
    client.get("/t/latest-ar")
    assert "X-Cache" not in client.post("/t/latest-ar")


def test_a_page_changed_while_it_rendered_is_not_served_as_fresh(client: Client) -> None:
    client.get("/racing")
    assert client.get("/racing")["X-Cache"] == "MISS"


def test_invalidating_a_key_makes_only_its_pages_miss(client: Client) -> None:
    for path in ("/t/a1", "/t/a1,latest-ar", "/t/a2", "/t/latest-fa"):
        client.get(path)
    keys_invalidate(["a1"])
    assert client.get("/t/a1")["X-Cache"] == "MISS"
    assert client.get("/t/a1,latest-ar")["X-Cache"] == "MISS"
    assert client.get("/t/a2")["X-Cache"] == "HIT"
    assert client.get("/t/latest-fa")["X-Cache"] == "HIT"
    assert client.get("/t/a1")["X-Cache"] == "HIT"


def test_pages_expire_after_the_timeout(client: Client, settings: Settings) -> None:
    settings.PAGECACHE_TIMEOUT = 0
    client.get("/t/a1")
    assert client.get("/t/a1")["X-Cache"] == "MISS"


def test_the_cache_can_be_turned_off(client: Client, settings: Settings) -> None:
    settings.PAGECACHE_ENABLED = False
    client.get("/t/a1")
    assert "X-Cache" not in client.get("/t/a1")
