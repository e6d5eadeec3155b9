"""Rate limits and partners' keys: 429 with Retry-After past the limit, on cache hits too;
a key's own limit; a wrong or revoked key is a 401 in JSON."""

from __future__ import annotations

import datetime
import io
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from wsgiref.util import setup_testing_defaults

import pytest
import redis
import time_machine
from axes.helpers import get_client_ip_address
from django.conf import settings as django_settings
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client

from khabar.api import limits
from khabar.apikeys import services
from khabar.articles.models import Article
from khabar.comments.clients import client_from_address
from khabar.core.tests import redis_prefix

pytestmark = pytest.mark.django_db

URL = "/api/v1/editions"
# 20 seconds into a minute: the window ends in 40.
INSTANT = datetime.datetime(2025, 3, 1, 9, 30, 20, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _sixty_a_minute(settings: Any) -> Iterator[None]:
    settings.API_RATE_PER_MINUTE = 60
    with time_machine.travel(INSTANT, tick=False):
        yield


def make_key(newsroom: Any, per_minute: int = 3) -> str:
    return services.api_key_create(actor=newsroom.admin, name="وكالة", per_minute=per_minute)[1]


def test_the_61st_request_in_a_minute_is_a_429_that_says_when_to_come_back(
    client: Client, sample_article: Article
) -> None:
    for _ in range(60):
        assert client.get(URL).status_code == 200

    refused = client.get(URL)

    assert refused.status_code == 429
    assert refused["Retry-After"] == "40"
    assert refused["Content-Type"] == "application/json"
    assert refused["Access-Control-Allow-Origin"] == "*"
    assert "60 a minute" in refused.json()["message"]
    assert refused.json()["status"] == 429


def test_the_next_minute_is_counted_afresh(client: Client, sample_article: Article) -> None:
    for _ in range(61):
        client.get(URL)

    with time_machine.travel(INSTANT + datetime.timedelta(seconds=40), tick=False):
        assert client.get(URL).status_code == 200


def test_each_address_has_its_own_count(client: Client, sample_article: Article) -> None:
    for _ in range(61):
        client.get(URL, REMOTE_ADDR="192.0.2.1")

    assert client.get(URL, REMOTE_ADDR="192.0.2.1").status_code == 429
    assert client.get(URL, REMOTE_ADDR="192.0.2.99").status_code == 200


def test_the_pages_of_the_site_are_not_counted(client: Client, sample_article: Article) -> None:
    for _ in range(61):
        client.get(URL)

    assert client.get("/ar/").status_code == 200


def test_a_key_has_its_own_limit(client: Client, sample_article: Article, newsroom: Any) -> None:
    key = make_key(newsroom, per_minute=3)
    for _ in range(3):
        assert client.get(URL, headers={"Authorization": f"Bearer {key}"}).status_code == 200

    refused = client.get(URL, headers={"X-Api-Key": key})

    assert refused.status_code == 429
    assert "3 a minute" in refused.json()["message"]
    # The address's own allowance is untouched by the key's requests.
    assert client.get(URL).status_code == 200


@pytest.mark.parametrize(
    ("headers", "says"),
    [
        ({"Authorization": "Bearer khk_wrong"}, "not valid"),
        ({"X-Api-Key": "khk_wrong"}, "not valid"),
        ({"X-Api-Key": "k" * 5000}, "not valid"),
        ({"Authorization": "Basic dXNlcjpwYXNz"}, "Bearer"),
        ({"Authorization": "Bearer"}, "Bearer"),
    ],
)
def test_a_wrong_key_is_a_401_in_json(
    client: Client, sample_article: Article, headers: dict[str, str], says: str
) -> None:
    refused = client.get(URL, headers=headers)

    assert refused.status_code == 401
    assert refused["WWW-Authenticate"].startswith("Bearer")
    assert says in refused.json()["message"]


def test_a_revoked_key_is_refused_from_the_next_request(
    client: Client, sample_article: Article, newsroom: Any
) -> None:
    api_key, secret = services.api_key_create(actor=newsroom.admin, name="وكالة", per_minute=5)
    assert client.get(URL, headers={"X-Api-Key": secret}).status_code == 200

    services.api_key_revoke(actor=newsroom.admin, api_key=api_key)

    refused = client.get(URL, headers={"X-Api-Key": secret})
    assert refused.status_code == 401
    assert "revoked" in refused.json()["message"]


def test_a_keyed_request_is_answered_from_the_page_cache_as_a_public_one(
    client: Client, sample_article: Article, newsroom: Any
) -> None:
    key = make_key(newsroom)
    client.get(URL)

    keyed = client.get(URL, headers={"Authorization": f"Bearer {key}"})

    assert keyed["X-Cache"] == "HIT"
    assert keyed["Cache-Control"].startswith("public")


# Through the production WSGI stack, where the front answers cache hits before Django.


@pytest.fixture
def wsgi(sample_article: Article) -> Iterator[Any]:
    """Call config.wsgi.application; Django must not close the test's connection."""
    from config.wsgi import application

    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)

    def get(path: str, **environ: str) -> tuple[int, dict[str, str], bytes]:
        request: dict[str, Any] = {"PATH_INFO": path, "HTTP_HOST": "testserver", **environ}
        setup_testing_defaults(request)
        request["wsgi.input"] = io.BytesIO()
        answered: list[Any] = []
        body = b"".join(
            application(request, lambda status, headers: answered.extend([status, headers]))
        )
        return int(answered[0].split()[0]), dict(answered[1]), body

    try:
        yield get
    finally:
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)


def test_the_limit_holds_for_answers_from_the_front(wsgi: Any) -> None:
    statuses = [wsgi(URL) for _ in range(60)]
    assert [headers.get("X-Cache") for _, headers, _ in statuses[:2]] == ["MISS", "HIT"]

    status, headers, body = wsgi(URL)

    assert status == 429
    assert headers["Retry-After"] == "40"
    assert json.loads(body)["status"] == 429


def test_a_wrong_key_gets_no_answer_from_the_front(wsgi: Any) -> None:
    assert wsgi(URL)[0] == 200  # now cached

    status, _, body = wsgi(URL, HTTP_X_API_KEY="khk_wrong")

    assert status == 401
    assert "not valid" in json.loads(body)["message"]


def test_a_keyed_request_through_the_front_counts_against_the_key(wsgi: Any, newsroom: Any) -> None:
    key = make_key(newsroom, per_minute=2)
    wsgi(URL)

    answers = [wsgi(URL, HTTP_AUTHORIZATION=f"Bearer {key}")[0] for _ in range(3)]

    assert answers == [200, 200, 429]
    assert wsgi(URL)[0] == 200


# The client's key is remembered per headers and period; it must be the one the address rule
# and the comments' hash give, request after request.

ADDRESSES = [
    "192.0.2.1",
    "::1",
    "::ffff:192.0.2.1",
    "2001:DB8::1",
    "[::1]",
    "192.0.2.1:8080",
    "not an address",
    "",
]
FORWARDED = ["198.51.100.7", "198.51.100.7, 192.0.2.1", "evil, " * 100 + "198.51.100.7", ""]


def _rule(environ: dict[str, str]) -> str:
    address = get_client_ip_address(SimpleNamespace(META=environ))
    return f"a:{client_from_address(address).client_hash}"


@pytest.fixture
def fresh_memory() -> Iterator[None]:
    limits._remembered_client_of.cache_clear()
    yield
    limits._remembered_client_of.cache_clear()


@pytest.mark.parametrize("address", ADDRESSES)
def test_an_address_counts_as_the_sign_in_rule_and_comments_hash_it(
    fresh_memory: None, address: str
) -> None:
    environ = {"REMOTE_ADDR": address, "HTTP_X_FORWARDED_FOR": "203.0.113.9"}

    keys = [limits._address_client(environ, now=INSTANT.timestamp()) for _ in range(2)]

    assert keys == [_rule(environ)] * 2


@pytest.mark.parametrize("forwarded", FORWARDED)
def test_behind_our_proxy_the_right_most_hop_counts(
    settings: Any, fresh_memory: None, forwarded: str
) -> None:
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    settings.AXES_IPWARE_PROXY_ORDER = "right-most"
    settings.AXES_IPWARE_PROXY_COUNT = 1
    environ = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": forwarded}

    keys = [limits._address_client(environ, now=INSTANT.timestamp()) for _ in range(2)]

    assert keys == [_rule(environ)] * 2


def test_an_address_hashes_afresh_in_the_next_period(fresh_memory: None) -> None:
    environ = {"REMOTE_ADDR": "192.0.2.1"}
    later = INSTANT + datetime.timedelta(days=400)

    first = limits._address_client(environ, now=INSTANT.timestamp())
    with time_machine.travel(later, tick=False):
        assert limits._address_client(environ, now=later.timestamp()) == _rule(environ)
    assert limits._address_client(environ, now=later.timestamp()) != first


# Several processes count together in Redis.

REDIS_URL = "redis://127.0.0.1:6379/6"


@pytest.fixture
def shared_cache(settings: Any) -> Iterator[redis.Redis]:
    """The cache in Redis under a prefix of the test's own, emptied afterwards; skipped
    without a Redis."""
    with redis_prefix.prefixed_cache(settings, REDIS_URL):
        yield redis.Redis.from_url(REDIS_URL)


def count_elsewhere(client: str, times: int, *, limit: int, tmp_path: Path) -> None:
    """`times` requests of `client` counted by another process on the same Redis cache."""
    code = (
        "import django\ndjango.setup()\nfrom khabar.api import limits\n"
        f"for _ in range({times}): "
        f"limits.count({client!r}, limit={limit}, now={INSTANT.timestamp()})\n"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "REDIS_URL": REDIS_URL,
        "CACHE_KEY_PREFIX": django_settings.CACHES["default"]["KEY_PREFIX"],
        "DATABASE_URL": "",
        "KHABAR_VAR_DIR": str(tmp_path),
    }
    subprocess.run(  # noqa: S603 (our own interpreter and code)
        [sys.executable, "-c", code],
        env=env,
        cwd=django_settings.BASE_DIR,
        check=True,
        timeout=60,
    )


def test_processes_share_one_count_through_redis(shared_cache: redis.Redis, tmp_path: Path) -> None:
    now = INSTANT.timestamp()
    count_elsewhere("a:shared", 4, limit=5, tmp_path=tmp_path)
    limits.count("a:shared", limit=5, now=now)  # the fifth, here

    with pytest.raises(limits.Refused) as refused:
        limits.count("a:shared", limit=5, now=now)
    assert refused.value.status == 429


def test_two_processes_share_one_limit_taking_their_allowance_a_block_at_a_time(
    shared_cache: redis.Redis, tmp_path: Path
) -> None:
    """Limit 100: blocks of 5. The other process spends 37 (holding 8 blocks, 3 unspent);
    this one gets the rest of the limit, 60, asking Redis once per block; and the two
    together never pass the limit."""
    now = INSTANT.timestamp()
    key = f"api:rate:{int(now // limits.WINDOW_SECONDS)}:a:both"
    count_elsewhere("a:both", 37, limit=100, tmp_path=tmp_path)
    assert cache.get(key) == 40  # 8 blocks taken for 37 requests
    limits.count("a:both", limit=100, now=now)
    assert cache.get(key) == 45  # one round trip took a block of 5 ...
    for _ in range(4):
        limits.count("a:both", limit=100, now=now)
    assert cache.get(key) == 45  # ... and the next 4 asked nothing
    accepted = 5
    with pytest.raises(limits.Refused) as refused:
        for _ in range(100):
            limits.count("a:both", limit=100, now=now)
            accepted += 1
    assert refused.value.status == 429
    assert accepted == 60
    assert 37 + accepted <= 100


def test_in_redis_a_count_reads_back_and_ends_with_its_window(shared_cache: redis.Redis) -> None:
    now = INSTANT.timestamp()
    key = f"api:rate:{int(now // limits.WINDOW_SECONDS)}:a:alone"
    for _ in range(3):
        limits.count("a:alone", limit=5, now=now)

    assert cache.get(key) == 3
    assert 0 < shared_cache.ttl(cache.make_key(key)) <= limits.WINDOW_SECONDS + 1


def test_the_api_answers_uncounted_while_the_cache_that_counts_is_down(
    client: Client, sample_article: Article, redis_switch: Any, settings: Any
) -> None:
    settings.API_RATE_PER_MINUTE = 2
    redis_switch.set("refusing")
    assert [client.get(URL).status_code for _ in range(5)] == [200] * 5
    redis_switch.set("up")
    time.sleep(settings.REDIS_RETRY_SECONDS)  # asked again only after the pause
    assert [client.get(URL).status_code for _ in range(3)] == [200, 200, 429]
