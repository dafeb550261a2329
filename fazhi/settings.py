"""Fazhi settings: one file, driven by environment variables.

FAZHI_DEBUG          "1" for development error pages (default off).
FAZHI_SECRET_KEY     the secret key; without it one is generated once into var/secret_key.
FAZHI_ALLOWED_HOSTS  comma-separated host names (default: localhost names).
FAZHI_HTTPS          "1" when served behind HTTPS: secure cookies, HSTS, SSL redirect.
FAZHI_VAR_DIR        where the SQLite database, uploads and the secret key live (default ./var).
DATABASE_URL         a database URL; PostgreSQL in production. Default: SQLite under var/.
FAZHI_MAX_UPLOAD_MB  the largest attachment accepted (default 20).
FAZHI_CACHE_DIR      the cache shared by all server processes on this host (default var/cache).
FAZHI_REDIS_URL      a Redis server (redis://127.0.0.1:6379/0) to hold the cache instead of files,
                     shared by every server process on every host.
FAZHI_PUBLIC_CACHE   "0" to serve the public pages without their cache (default on).
FAZHI_AUDIT_KEY_FILE the Ed25519 key that signs the published audit-chain heads (default
                     var/audit_signing_key.pem, generated once); kept out of the database.
FAZHI_AUDIT_HEADS_FILE  the signed, append-only heads file served at /transparency/heads.jsonl
                     (default var/audit_heads.jsonl).
FAZHI_TRUSTED_PROXIES  comma-separated addresses or networks of the reverse proxies in front of
                     the server; only a request from one of them has its X-Forwarded-For read.
FAZHI_PORTAL_NAME    the public portal's name in the header of the city's pages (default
                     法治政府建设信息公开平台); a department's pages show that department's name.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

import dj_database_url
from django.utils.translation import gettext_lazy as _


def env_flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(os.environ.get("FAZHI_VAR_DIR", PROJECT_DIR / "var")).resolve()
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    key = os.environ.get("FAZHI_SECRET_KEY")
    if key:
        return key
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(64), encoding="ascii")
        key_file.chmod(0o600)
    return key_file.read_text(encoding="ascii").strip()


SECRET_KEY = _secret_key()
DEBUG = env_flag("FAZHI_DEBUG")
HTTPS = env_flag("FAZHI_HTTPS")
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("FAZHI_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",")
    if h.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "ninja",  # serves the vendored Swagger UI for /api/v1/docs instead of a CDN copy
    "axes",
    "fazhi.core",
    "fazhi.reviews",
    "fazhi.documents",
    "fazhi.inspections",
    "fazhi.decisions",
    "fazhi.enforcement",
    "fazhi.disputes",
    "fazhi.ledger",
    "fazhi.legal_publicity",
    "fazhi.services",
    "fazhi.complaints",
    "fazhi.reports",
    "fazhi.legislation",
    "fazhi.oversight",
    "fazhi.learning",
    "fazhi.portal",
    "fazhi.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Above the session, locale and CSRF middleware: an anonymous page served from the cache
    # skips them (and it keeps the headers they added when it was stored); below them on the
    # way out, it sees every cookie a page set and never stores one that set any.
    "fazhi.core.publiccache.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, so that a locked-out login attempt never reaches a view (django-axes).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "fazhi.urls"
WSGI_APPLICATION = "fazhi.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "fazhi.core.menus.menu_context",
                "fazhi.core.agencies.context",
                "fazhi.core.branding.context",
            ],
        },
    },
]

# SQLite by default so that one command runs everything; IMMEDIATE transactions take the
# write lock at BEGIN, which serialises writers instead of failing them with "database is
# locked" half-way (select_for_update is a no-op on SQLite).
SQLITE_PATH = VAR_DIR / "fazhi.sqlite3"
if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(SQLITE_PATH),
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend without "a superuser has every permission" (issue 15).
    "fazhi.core.backends.RoleBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if os.environ.get("PYTEST_VERSION"):
    # Argon2 costs ~0.1 s a hash by design; test personas are created per test class, so the
    # suite hashes with MD5 (tests of the real hasher override this back).
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "fazhi.core.validators.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "portal:home"

# Login throttling: five failures per username and address lock that pair for 30 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Behind a reverse proxy the client is taken from X-Forwarded-For, but only for a request that
# comes from a trusted proxy (fazhi.core.proxies); the rate limits use the same function.
FAZHI_TRUSTED_PROXIES = [
    p.strip() for p in os.environ.get("FAZHI_TRUSTED_PROXIES", "").split(",") if p.strip()
]
AXES_CLIENT_IP_CALLABLE = "fazhi.core.proxies.client_ip"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
# Flash messages: Django's storage, with Chinese dates written in the page's language.
MESSAGE_STORAGE = "fazhi.core.messages.LocalizedDatesStorage"
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or os.environ.get("PYTEST_VERSION")
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = VAR_DIR / "media"
# Attachments are never served from MEDIA_URL: a view checks the reader's right to the record.
MEDIA_URL = "/media-not-served/"

# One cache for every server process (`fazhi serve` runs several gunicorn workers): the public
# forms' rate limits count per address across all of them, not per worker. Files under var/
# need no extra service; the tests use a per-process memory cache so that runs stay apart.
# E-mail, for the daily reminder (`fazhi digest send`): off unless a mail host is given.
EMAIL_HOST = os.environ.get("FAZHI_EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("FAZHI_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("FAZHI_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("FAZHI_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("FAZHI_EMAIL_TLS") == "1"
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = os.environ.get("FAZHI_EMAIL_FROM", "fazhi@localhost")
FAZHI_EMAIL_DIGEST = bool(EMAIL_HOST)
# The address of the platform as users reach it, for links in e-mails.
FAZHI_SITE_URL = os.environ.get("FAZHI_SITE_URL", "http://127.0.0.1:8000")

TESTING = bool(os.environ.get("PYTEST_VERSION"))
if TESTING and DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The test database lives in memory, shared by the live server's thread and background jobs
    # through SQLite's shared cache, where a reader meets another connection's table write lock
    # at once ("database table is locked") instead of waiting. Readers that read uncommitted
    # take no table locks. Only shared-cache connections ever read uncommitted: a database file
    # is unaffected, so this changes nothing outside the tests but the lock.
    DATABASES["default"]["OPTIONS"]["init_command"] += " PRAGMA read_uncommitted=1;"
REDIS_URL = os.environ.get("FAZHI_REDIS_URL", "").strip()
CACHE_DIR = Path(os.environ.get("FAZHI_CACHE_DIR", VAR_DIR / "cache")).resolve()
# Two caches: "default" (rate limits, the reminder's memory) and "public", the public pages and
# their per-publication constants (fazhi.core.publiccache), apart so that a flood of distinct
# search addresses can only push out pages, never the rate limits' counts.
CACHES: dict[str, dict[str, Any]]
if TESTING:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "default"},
        "public": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "public"},
    }
elif REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "fazhi",
            "TIMEOUT": 300,
        },
        "public": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "fazhi-public",
            "TIMEOUT": 600,
        },
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(CACHE_DIR),
            "TIMEOUT": 300,
            "OPTIONS": {"MAX_ENTRIES": 10000},
        },
        "public": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(CACHE_DIR / "public"),
            "TIMEOUT": 600,
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
    }
# The public pages are served from the "public" cache (off in the tests, which turn it on
# where they test it: most tests change records directly and read the page again).
FAZHI_PUBLIC_CACHE = env_flag("FAZHI_PUBLIC_CACHE", default=True) and not TESTING

# The witness of the audit chain (fazhi.core.witness): files, never rows, so that whoever can
# rewrite the database cannot also re-sign its history. The tests point both into tmp folders.
FAZHI_AUDIT_KEY_FILE = Path(os.environ.get("FAZHI_AUDIT_KEY_FILE", VAR_DIR / "audit_signing_key.pem"))
FAZHI_AUDIT_HEADS_FILE = Path(os.environ.get("FAZHI_AUDIT_HEADS_FILE", VAR_DIR / "audit_heads.jsonl"))

FAZHI_MAX_UPLOAD_BYTES = int(float(os.environ.get("FAZHI_MAX_UPLOAD_MB", "20")) * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Security headers. The CSP allows only this site's own scripts and styles: every asset is
# vendored (government intranets are often offline, and a CDN is a supply-chain risk).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 60 * 60
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the cookie-free meta tag; kept default.
if HTTPS:
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"axes": {"level": "WARNING"}},
}

# The city portal's name (issue 12): the header of the public pages that belong to no single
# department. Staff pages show the signed-in person's agency; a department's pages its name.
FAZHI_PORTAL_NAME = os.environ.get("FAZHI_PORTAL_NAME", "").strip() or "法治政府建设信息公开平台"
