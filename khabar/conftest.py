"""Fixtures shared by the apps' tests. Editions fa, ar and en come from a data migration."""

from __future__ import annotations

import contextlib
import datetime
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.signals import setting_changed
from django.dispatch import receiver
from pytest_django import Settings

from khabar.articles import services as article_services
from khabar.articles.models import Article
from khabar.core.actors import IMPORTER
from khabar.core.tests.browser import chromium, origin_of, sign_in, tab_open
from khabar.core.tests.redis_switch import RedisSwitch
from khabar.editions.models import Edition, Section
from khabar.pagecache.cache import page_cache
from khabar.photos.models import Photo
from khabar.photos.services import photo_create, photo_render
from khabar.photos.tests.images import MakePhoto, jpeg_bytes

SAMPLE_LEAD = (
    "أكد امين المجلس الاعلى للامن القومي الايراني علي شمخاني، أنه لا ينبغي ان تتحول الهدنة "
    "في سوريا الى فرصة لإعادة ترميم صفوف التنظيمات الارهابية وتمويلها وتجهيزها لمواصلة "
    "جرائمها وإراقتها للدماء."
)
SAMPLE_PUBLISHED_AT = datetime.datetime(2017, 1, 8, 15, 26, tzinfo=datetime.UTC)


@pytest.fixture(scope="session")
def _migrated_data(django_db_setup: None) -> str | None:
    """The database as the migrations left it (the editions), serialized by pytest-django.

    Read before any browser test starts Playwright: once its sync API runs, Django's
    connection (a context-local object) can be a fresh one that lacks this snapshot, and
    the data migrations' rows would then not come back after a transactional test's flush.
    """
    from django.db import DEFAULT_DB_ALIAS, connections

    return getattr(connections[DEFAULT_DB_ALIAS], "_test_serialized_contents", None)


@pytest.fixture(autouse=True)
def _data_migrations_restored(request: pytest.FixtureRequest, _migrated_data: str | None) -> None:
    """For browser tests: do what serialized_rollback does when the connection in use lost
    the snapshot, and hand it the snapshot so its flush afterwards leaves the restoring to
    the next test (as serialized_rollback does) rather than re-creating content types.

    `_migrated_data` is a parameter, not looked up here: a session fixture in every test's
    closure is made before any module's browser fixture starts Playwright."""
    migrated = _migrated_data
    if request.node.get_closest_marker("browser") is None:
        return
    request.getfixturevalue("transactional_db")
    from django.db import DEFAULT_DB_ALIAS, connections

    connection = connections[DEFAULT_DB_ALIAS]
    if migrated and not hasattr(connection, "_test_serialized_contents"):
        connection._test_serialized_contents = migrated  # type: ignore[attr-defined]
        connection.creation.deserialize_db_from_string(migrated)


@pytest.fixture(autouse=True)
def _static_files_without_collectstatic(settings: Settings) -> None:
    """Tests serve static files from the apps, not from a collectstatic run."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = True


@pytest.fixture(autouse=True)
def _site_url_of_the_test_client(settings: Settings) -> None:
    """Absolute URLs come from SITE_URL; the tests' pages live where the test client asks."""
    settings.SITE_URL = "http://testserver"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Settings) -> None:
    """Accounts made in tests need no brute-force resistance, only to sign in."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# Besides its own: what its page keys are made from (khabar.pagecache.store.environ_page_key).
PAGE_CACHE_SETTINGS = (
    "CACHES",
    "SECURE_PROXY_SSL_HEADER",
    "USE_X_FORWARDED_HOST",
    "FORCE_SCRIPT_NAME",
)


@receiver(setting_changed)
def _page_cache_rebuilt(*, setting: str, **kwargs: object) -> None:
    """The page cache is built once from its settings; a test that changes them gets a new
    one (and only then: on the embedded setup it holds the generations of the pages)."""
    if setting.startswith("PAGECACHE_") or setting in PAGE_CACHE_SETTINGS:
        page_cache.cache_clear()


@pytest.fixture(autouse=True)
def _pagecache_journal_per_test(
    settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Each test has its own invalidation journal, not the checkout's var/."""
    settings.PAGECACHE_JOURNAL = str(tmp_path_factory.mktemp("journal") / "pagecache-journal")


@pytest.fixture(autouse=True)
def _photo_files_per_test(settings: Any, tmp_path_factory: Any) -> None:
    """The library's originals and renditions in the test's own folders, never in var/."""
    settings.PHOTOS_ROOT = str(tmp_path_factory.mktemp("photos-private"))
    settings.MEDIA_ROOT = str(tmp_path_factory.mktemp("media"))


@pytest.fixture
def make_photo(db: None) -> MakePhoto:
    """A library photo with its renditions made (as the worker would), 1000×600 by default."""

    def make(
        data: bytes | None = None, *, alt: str = "صورة", caption: str = "", credit: str = ""
    ) -> Photo:
        photo = photo_create(
            actor=IMPORTER,
            data=data or jpeg_bytes(1000, 600),
            alt=alt,
            caption=caption,
            credit=credit,
        )
        rendered = photo_render(photo_id=photo.pk)
        assert rendered is not None  # noqa: S101
        return rendered

    return make


@pytest.fixture
def edition_ar(db: None) -> Edition:
    return Edition.objects.get(code="ar")


@pytest.fixture
def edition_fa(db: None) -> Edition:
    return Edition.objects.get(code="fa")


@pytest.fixture
def edition_en(db: None) -> Edition:
    return Edition.objects.get(code="en")


@pytest.fixture
def sample_article(edition_ar: Edition) -> Article:
    """The sample page's article, as the importer would store it."""
    return article_services.article_create(
        actor=IMPORTER,
        edition=edition_ar,
        code=14027,
        headline="أكد امين المجلس الاعلى للامن القومي الايراني علي شمخاني",
        headline_needs_review=True,
        lead=SAMPLE_LEAD,
        body="<p>ولدى لقائه مع رئيس مكتب الأمن الوطني السوري، اللواء علي مملوك.</p>",
        keywords=["شمخاني", "السورية", "تجهيزهم"],
        published_at=SAMPLE_PUBLISHED_AT,
    )


@pytest.fixture(autouse=True)
def _page_cache_and_view_counts_per_test(settings: Settings) -> Iterator[None]:
    """Each test starts with an empty page cache and view buffer, and no flusher thread.

    Pages cached by one test must not answer another's requests (rolled-back rows
    reuse ids); a background flush would write into another test's transaction.
    """
    from django.core.cache import caches

    from khabar.pageviews import recorder

    settings.PAGEVIEWS_FLUSH_SECONDS = 0
    caches["default"].clear()
    recorder.discard()
    yield
    recorder.discard()


@pytest.fixture
def redis_switch(settings: Settings) -> Iterator[RedisSwitch]:
    """Django's cache (so the page cache and the rate limits) on the local Redis through a
    switch the test turns off and on (core/tests/redis_switch.py), configured as production
    configures it from REDIS_URL, with short timeouts; every hit asks Redis."""
    import redis

    try:
        redis.Redis(socket_connect_timeout=0.5).ping()
    except redis.RedisError:
        pytest.skip("no Redis at 127.0.0.1:6379 (CI has one)")
    switch = RedisSwitch()
    prefix = f"khabar-test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "khabar.core.redis_cache.RedisCache",
            "LOCATION": switch.url(db=5),
            "KEY_PREFIX": prefix,
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    settings.PAGECACHE_ENABLED = True
    settings.PAGECACHE_NEAR_SECONDS = 0
    settings.REDIS_RETRY_SECONDS = 0.3
    yield switch
    switch.close()
    direct = redis.Redis(db=5)
    keys = list(direct.scan_iter(match=f"{prefix}:*"))
    if keys:
        direct.delete(*keys)


@dataclass
class Newsroom:
    """One account per role, as `make demo` makes them."""

    admin: Any
    editor: Any  # the Arabic edition's editor
    section_editor: Any  # a Persian editor limited to the politics section
    reporter: Any  # an Arabic reporter
    other_reporter: Any  # another Arabic reporter
    fa_politics: Section
    fa_economy: Section


@pytest.fixture
def newsroom(edition_ar: Edition, edition_fa: Edition) -> Newsroom:
    from django.contrib.auth import get_user_model

    from khabar.staff.models import StaffRole

    users = get_user_model().objects
    politics = Section.objects.create(edition=edition_fa, slug="politics", name="سیاسی")
    economy = Section.objects.create(edition=edition_fa, slug="economy", name="اقتصادی")

    def make(name: str, role: str, editions: list[Edition], sections: list[Section]) -> Any:
        user = users.create_user(name, password=f"{name}-password", is_staff=True)
        staff_role = StaffRole.objects.create(user=user, role=role)
        staff_role.editions.set(editions)
        staff_role.sections.set(sections)
        return user

    return Newsroom(
        admin=make("admin", "admin", [], []),
        editor=make("editor_ar", "editor", [edition_ar], []),
        section_editor=make("editor_fa_politics", "editor", [edition_fa], [politics]),
        reporter=make("reporter_ar", "reporter", [edition_ar], []),
        other_reporter=make("reporter_ar_2", "reporter", [edition_ar], []),
        fa_politics=politics,
        fa_economy=economy,
    )


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's headless Chromium, one per test module (khabar/core/tests/browser.py)."""
    with chromium() as launched:
        yield launched


@pytest.fixture
def signed_in_tab(browser: Any, live_server: Any) -> Iterator[Any]:
    """`signed_in_tab(account, viewport=…, locale=…, bypass_csp=…)`: a tab of the account's
    own (a user, or a username; the password is `<username>-password`, as `newsroom` makes
    them) signed in to the newsroom, recording script errors, foreign requests and CSP
    refusals from the sign-in on (khabar.core.tests.browser.tab_open). Closed afterwards."""
    origin = origin_of(live_server.url)
    pages = []

    def open_signed_in(account: Any, **options: Any) -> Any:
        page = tab_open(browser, origin, **options)
        pages.append(page)
        sign_in(page, origin, getattr(account, "username", account))
        return page

    yield open_signed_in
    from playwright.sync_api import Error

    for page in pages:
        with contextlib.suppress(Error):  # a test may have closed it already
            page.context.close()
