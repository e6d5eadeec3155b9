"""Django settings for Khabar. Values come from config.env, never os.environ."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import dj_database_url
from django.utils.translation import gettext_lazy as _

from config import env

BASE_DIR = env.BASE_DIR
DEBUG = env.DEBUG
SECRET_KEY = env.secret_key()
ALLOWED_HOSTS = env.env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.env_list("CSRF_TRUSTED_ORIGINS", [])
CSRF_FAILURE_VIEW = "config.csrf.csrf_failure"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "khabar.core",
    "khabar.audit",
    "khabar.staff",
    "khabar.accounts",
    "khabar.editions",
    "khabar.photos",
    "khabar.articles",
    "khabar.pageviews",
    "khabar.comments",
    "khabar.submissions",
    "khabar.apikeys",
    # Before the page cache: its receivers run first, so a search page is re-rendered only
    # after the index has followed the change.
    "khabar.search",
    "khabar.pagecache",
    "khabar.syndication",
    "khabar.importers",
    "khabar.demo",
    "khabar.web",
    "khabar.newsroom",
    "khabar.api",
    # For its documentation page's templates and static files: served by the site, no CDN.
    "ninja",
    "axes",
    "django_tasks",
    "django_tasks_db",
]

# Deferred work (scheduled publishing, alert expiry) is stored in the database and run by
# `khabar worker`: the embedded default needs no broker, and a schedule is written in the
# same transaction as its wake-up.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# How often an idle worker looks for due tasks: the bound on how late a schedule can be.
WORKER_POLL_SECONDS = env.env_float("WORKER_POLL_SECONDS", 0.5)
# How long the worker keeps the row of a finished task (its result, or its error to read).
TASK_RESULTS_KEEP_DAYS = env.env_int("TASK_RESULTS_KEEP_DAYS", 14)

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions and auth: a cache hit is answered without touching them.
    # Outside the page cache: API requests are counted (and keys checked) on its hits too.
    "khabar.api.limits.ApiLimitMiddleware",
    "khabar.pagecache.middleware.PageCacheMiddleware",
    # Inside the cache: the security headers are stored with each page, sent on hits too.
    "khabar.pagecache.middleware.StoredSecurityHeadersMiddleware",
    "khabar.core.policies.PolicyHeadersMiddleware",
    # Inside the cache too: the API's CORS headers are stored with each response; HEAD runs as GET.
    "khabar.api.middleware.ApiHttpMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before CSRF: a POST to a read-only page is 405 Method Not Allowed, not a CSRF failure.
    "khabar.web.methods.AllowedMethodsMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Sets and clears the signed cookie by which the page cache knows signed-in staff.
    "khabar.accounts.staffmark.StaffCookieMiddleware",
    # Django's, with the storage made only for the requests that read or add a message.
    "khabar.core.messages.LazyMessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into our 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "khabar" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Database: SQLite in WAL mode under var/ unless DATABASE_URL names another.
# SQLite through khabar.core.db.sqlite3: Django's backend with each statement's placeholders
# converted once (it says why).

# SQLite's connections, however the database is named: WAL lets readers go on while a
# writer commits; IMMEDIATE takes the write lock at BEGIN so concurrent writers queue
# instead of failing with "database is locked" halfway through. synchronous=FULL syncs the
# WAL at every commit: with NORMAL a commit (a reader's acknowledged comment) could vanish
# in a power cut or an OS crash; the price here is about 0.2 ms a commit.
SQLITE_OPTIONS = {
    "init_command": (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
        "PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON;"
    ),
    "transaction_mode": "IMMEDIATE",
}
if env.DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            env.DATABASE_URL, conn_max_age=env.env_int("DATABASE_CONN_MAX_AGE", 60)
        )
    }
    if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        DATABASES["default"]["ENGINE"] = "khabar.core.db.sqlite3"
        # A sqlite:// URL carries no options: without these it ran with no WAL, no busy
        # timeout and no foreign keys.
        given = DATABASES["default"].get("OPTIONS", {})
        DATABASES["default"]["OPTIONS"] = {**SQLITE_OPTIONS, **given}
else:
    env.VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "khabar.core.db.sqlite3",
            "NAME": env.env_str("SQLITE_PATH", str(env.VAR_DIR / "khabar.sqlite3")),
            # A file, not memory, for the tests: they start real `khabar worker` processes.
            "TEST": {"NAME": str(env.VAR_DIR / "test-khabar.sqlite3")},
            # Kept open between requests as PostgreSQL's are: opening one (and its PRAGMAs)
            # cost an uncached page more than any of its queries.
            "CONN_MAX_AGE": env.env_int("DATABASE_CONN_MAX_AGE", 60),
            "OPTIONS": dict(SQLITE_OPTIONS),
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Full-text search (khabar.search): the engine of the database in use, loaded by dotted path
# like a cache backend.
SEARCH_BACKEND = env.env_str(
    "SEARCH_BACKEND",
    "khabar.search.backends.postgresql.PostgreSQLBackend"
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    else "khabar.search.backends.sqlite.SQLiteBackend",
)

# Cache: in-process on the embedded setup, Redis shared by every app process in production.
CACHES: dict[str, dict[str, Any]]
if env.REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "khabar.core.redis_cache.RedisCache",
            "LOCATION": env.REDIS_URL,
            "KEY_PREFIX": env.env_str("CACHE_KEY_PREFIX", "khabar"),
            # redis-py waits forever by default: a Redis that stops answering (a network
            # partition, a host gone) would hold every request. A command takes well under a
            # millisecond; past this the request goes on without Redis (pagecache/cache.py).
            "OPTIONS": {
                "socket_connect_timeout": env.env_float("REDIS_TIMEOUT", 0.5),
                "socket_timeout": env.env_float("REDIS_TIMEOUT", 0.5),
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "khabar",
            # Every process holds its own: the cap keeps a worker's memory bounded
            # (DESIGN §10: under 150 MB). Pages are not here: the page cache keeps
            # PAGECACHE_NEAR_PAGES of them in the process itself (khabar.pagecache.cache.Local).
            "OPTIONS": {"MAX_ENTRIES": env.env_int("CACHE_MAX_ENTRIES", 2_000)},
        }
    }
# Once Redis is found unreachable, how long each process goes on without it before asking
# again; twice as long after each failed try, up to 30 s (khabar/core/redis_cache.py: Outage).
REDIS_RETRY_SECONDS = env.env_float("REDIS_RETRY_SECONDS", 1.0)

# Page cache (khabar.pagecache): how long a page stays in the cache at most (lists
# such as "most viewed" refresh at this pace; content changes invalidate at once),
# and what Cache-Control lets browsers, proxies and CDNs do with it.
PAGECACHE_ENABLED = env.env_bool("PAGECACHE_ENABLED", True)
PAGECACHE_CACHE_ALIAS = "default"
PAGECACHE_TIMEOUT = env.env_int("PAGECACHE_TIMEOUT", 600)
PAGECACHE_MAX_AGE = env.env_int("PAGECACHE_MAX_AGE", 60)
PAGECACHE_STALE_WHILE_REVALIDATE = env.env_int("PAGECACHE_STALE_WHILE_REVALIDATE", 600)
PAGECACHE_STALE_IF_ERROR = env.env_int("PAGECACHE_STALE_IF_ERROR", 86400)
# The query parameters each page reads, by path (the first pattern that matches wins):
# lists' `page` and sitemaps' `p` everywhere, the search page's `q` and filters on it alone.
# Every other parameter is dropped before the view runs and left out of the cache key, so
# `?x=1`, `?x=2`… cannot each force a render, nor `?q=…` on a page that does not search.
# None (the API): every parameter is kept, sorted, because those views answer one they do not
# know with a 400 (never stored) — a filter is never dropped before the view can refuse it.
# The code's, not the deployment's: a new parameter comes with its view.
PAGECACHE_QUERY_PARAMS: tuple[tuple[str, tuple[str, ...] | None], ...] = (
    (r"^/api/", None),
    (r"^/[^/]+/search$", ("q", "section", "keyword", "from", "to", "sort", "page")),
    (r"", ("page", "p")),
)
# With Redis: how long a process trusts a key's generation before asking Redis again
# (another process's invalidation arrives within this). The pages each process keeps in
# its own memory (~20 KB each): in front of Redis, or all of them without Redis.
PAGECACHE_NEAR_SECONDS = env.env_float("PAGECACHE_NEAR_SECONDS", 1.0)
PAGECACHE_NEAR_PAGES = env.env_int("PAGECACHE_NEAR_PAGES", 500)
# Without Redis: the file through which the setup's processes (the server, `khabar import`…)
# tell each other what they invalidated; read at most once per PAGECACHE_NEAR_SECONDS.
PAGECACHE_JOURNAL = env.env_str("PAGECACHE_JOURNAL", str(env.VAR_DIR / "pagecache-journal"))
# Request collapsing (khabar/pagecache/cache.py): while one request renders a page that an
# edit made stale, the others get the previous version for at most this long (the render
# lock's lifetime; a render takes milliseconds, so this only bounds a stuck one). Two
# seconds: well under an editor's pace of saves, so each save of a storm is seen, and short
# enough that "the new version within a few seconds" holds with PAGECACHE_NEAR_SECONDS
# added. Take-downs and corrections are never served stale.
PAGECACHE_STALE_SECONDS = env.env_float("PAGECACHE_STALE_SECONDS", 2.0)
# With no previous version, how long a request waits for another's render before its own.
PAGECACHE_WAIT_SECONDS = env.env_float("PAGECACHE_WAIT_SECONDS", 2.0)
# After a render that could not be stored (a 404, a redirect, a page with a cookie), how long
# requests for that URL render at once instead of waiting for another's render: Varnish's
# hit-for-miss. A URL whose page can be stored again (an article published at an address
# that was a 404) is stored by the first such render, so a long pass costs nothing there.
PAGECACHE_PASS_SECONDS = env.env_float("PAGECACHE_PASS_SECONDS", 10.0)
# The edit-storm benchmark's render counter: a file each render appends a line to ("": off).
PAGECACHE_RENDER_LOG = env.env_str("PAGECACHE_RENDER_LOG", "")
# The content API's incremental sync leaves out changes younger than this: writes stamped
# earlier may still be committing, and a client's cursor must never pass them.
API_SYNC_SETTLE_SECONDS = env.env_float("API_SYNC_SETTLE_SECONDS", 5.0)
# How many requests one client address may make to the API a minute, cache hits included,
# counted in the cache (Redis, shared by every app process, when REDIS_URL is set).
# Partners' API keys carry their own limits, set by an admin in the newsroom.
API_RATE_PER_MINUTE = env.env_int("API_RATE_PER_MINUTE", 120)
# Page views (khabar.pageviews): each process writes its counts this often (0: only at exit).
PAGEVIEWS_FLUSH_SECONDS = env.env_int("PAGEVIEWS_FLUSH_SECONDS", 10)

# Readers' comments (khabar.comments): how many one client address may send, per minute and
# per hour, counted in the cache (Redis, shared by every app process, when REDIS_URL is set).
COMMENTS_RATE_PER_MINUTE = env.env_int("COMMENTS_RATE_PER_MINUTE", 5)
COMMENTS_RATE_PER_HOUR = env.env_int("COMMENTS_RATE_PER_HOUR", 30)

# The media library's originals (khabar.photos): outside MEDIA_ROOT, read by staff only.
PHOTOS_ROOT = env.env_str("PHOTOS_ROOT", str(env.VAR_DIR / "private" / "photos"))
# Readers' submissions (khabar.submissions). Their files are kept apart from MEDIA_ROOT, in a
# storage with no URL: only the newsroom's permission-checked view hands them out.
SUBMISSIONS_ROOT = env.env_str("SUBMISSIONS_ROOT", str(env.VAR_DIR / "private" / "submissions"))
SUBMISSIONS_FILES_MAX = env.env_int("SUBMISSIONS_FILES_MAX", 10)
SUBMISSIONS_FILE_BYTES_MAX = env.env_int("SUBMISSIONS_FILE_MB_MAX", 20) * 1024 * 1024
SUBMISSIONS_TOTAL_BYTES_MAX = env.env_int("SUBMISSIONS_TOTAL_MB_MAX", 100) * 1024 * 1024
# Photos are cleaned of their metadata; videos and PDFs are kept as sent, metadata and all,
# so they are taken only where the newsroom says so.
SUBMISSIONS_ACCEPT_VIDEO = env.env_bool("SUBMISSIONS_ACCEPT_VIDEO", False)
SUBMISSIONS_ACCEPT_PDF = env.env_bool("SUBMISSIONS_ACCEPT_PDF", False)
SUBMISSIONS_RATE_PER_HOUR = env.env_int("SUBMISSIONS_RATE_PER_HOUR", 5)

# Sign-in throttling (django-axes): after LOGIN_FAILURE_LIMIT failures for one account, or
# from one client address, sign-ins from it are refused with 429 for LOGIN_LOCKOUT_MINUTES.
# Attempts are kept in the database (shared by every app process, listed in the admin).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.env_int("LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_VERBOSE = False
AXES_LOCKOUT_CALLABLE = "khabar.accounts.signin.locked_out_response"
AXES_IPWARE_META_PRECEDENCE_ORDER: tuple[str, ...]
# The client's address is the socket's, unless we sit behind our own reverse proxy: then it is
# the address that proxy appended to X-Forwarded-For (the right-most of PROXY_HOPS), never the
# left-most, which any client can write.
if env.env_bool("BEHIND_HTTPS_PROXY", False):  # (BEHIND_HTTPS_PROXY, below)
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    AXES_IPWARE_PROXY_ORDER = "right-most"
    AXES_IPWARE_PROXY_COUNT = env.env_int("PROXY_HOPS", 1)
else:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("REMOTE_ADDR",)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fa"
LANGUAGES = [("fa", _("Persian")), ("ar", _("Arabic")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "khabar" / "locale"]
USE_I18N = True
# Stored and computed in UTC; each edition shows its own time zone and calendar.
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.env_str("STATIC_ROOT", str(env.VAR_DIR / "static"))
# WhiteNoise warns at start-up when STATIC_ROOT is missing (before the first collectstatic).
Path(STATIC_ROOT).mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_URL = "/media/"
MEDIA_ROOT = env.env_str("MEDIA_ROOT", str(env.VAR_DIR / "media"))

SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_HTTPONLY = True
# Behind the TLS-terminating proxy of the production layout: HTTPS only, said to browsers
# for a year (HSTS) and to cookies. The health check stays reachable over plain HTTP for
# the load balancer. Preloading is a promise to browsers' lists that takes months to undo,
# so it is opt-in (HSTS_PRELOAD) and Django's reminder about it (W021) is silenced.
BEHIND_HTTPS_PROXY = env.env_bool("BEHIND_HTTPS_PROXY", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_HTTPS_PROXY else None
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = BEHIND_HTTPS_PROXY
SECURE_SSL_REDIRECT = BEHIND_HTTPS_PROXY
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.env_int("HSTS_SECONDS", 31_536_000) if BEHIND_HTTPS_PROXY else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.env_bool("HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env.env_bool("HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]

# The site's public origin, used in feeds, sitemaps and canonical links when no request is at hand.
SITE_URL = env.env_str("SITE_URL", "http://127.0.0.1:8000")
# Where `/` sends a reader whose Accept-Language names no edition's language.
DEFAULT_EDITION = env.env_str("DEFAULT_EDITION", "fa")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.env_str("LOG_LEVEL", "INFO")},
}
