"""The cache of the public pages and the public API (a publishing day's crowd).

What is cached: an anonymous GET of a public address (`PUBLIC_PREFIXES`: the portal, /policies/,
/decisions/, /inspections/, /enforcement/, /reports/, /legislation/, /transparency/ and the
API's anonymous reads), whole — content and headers — in Django's "public" cache (Redis when
FAZHI_REDIS_URL is set, else files under FAZHI_CACHE_DIR shared by every server process).

What never is: a request with a session or messages cookie or an Authorization header (a
signed-in user, a visitor in the middle of a captcha, a flash message), and any response that is
not a 200, streams, sets a cookie (a page with a CSRF token sets the CSRF cookie, a captcha
writes the session, a message clears its cookie), says private/no-cache/no-store, or varies on
anything but the cookie and the language. A page carrying a token or a captcha is therefore
never stored, whatever its address.

The key is the publication generation, today's date (Asia/Shanghai), the language, and the
absolute address. The generation is a fresh random value written, after the transaction
commits, by every action whose audit verb is registered as changing what the public sees
(`register_public_verbs`, from each app's `ready()`); so a publication, a withdrawal, a
document declared invalid or expired, makes every cached page old at once. What changes with
the date alone (a document whose term ended yesterday, a consultation window that closed) is
covered by the date in the key. An entry lives `PAGE_SECONDS` at most, for changes made without
an action (the Django admin), and a view may shorten that with `keep_for` (the transparency
page shows the chain's current head).

Each cached response carries `ETag` (a hash of its content), `Last-Modified` (when it was
rendered) and `Cache-Control: public, max-age=…` (at most a minute, never past midnight), with
`Vary: Cookie, Accept-Language`; a matching `If-None-Match` or `If-Modified-Since` gets 304.

`memo(name, day, compute)` keeps a value computed from published data (the library's year
counts, the issuing bodies, the enforcement figures) for the same generation and day.
"""

from __future__ import annotations

import datetime
import hashlib
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import TypeVar

from django.conf import settings
from django.core.cache import BaseCache, caches
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date

T = TypeVar("T")
R = TypeVar("R", bound=HttpResponseBase)
# Splits Cache-Control and Vary values (as django.utils.cache does).
cc_delim_re = re.compile(r"\s*,\s*")

CACHE_ALIAS = "public"
GENERATION_KEY = "publication-generation"
# The longest an entry lives on the server, and the longest a browser or proxy may reuse it.
PAGE_SECONDS = 600
CLIENT_SECONDS = 60
PUBLIC_PREFIXES = (
    "/policies/",
    "/decisions/",
    "/inspections/",
    "/enforcement/",
    "/reports/",
    "/legislation/",
    "/transparency/",
    "/api/v1/",
    "/d/",
)
PUBLIC_EXACT = ("/", "/favicon.ico")
# Per-visitor images of the captcha: never shared.
NEVER = ("/captcha/",)
# The Vary headers a stored response may carry: the key covers the language, and only
# requests without a session cookie are served from the cache.
ALLOWED_VARY = {"cookie", "accept-language", "accept-encoding"}
# Headers not replayed from a stored response.
NOT_STORED = {"set-cookie", "date", "etag", "last-modified", "cache-control", "expires"}

_PUBLIC_VERBS: set[str] = set()
_PUBLIC_VERB_PREFIXES: set[str] = set()


def cache() -> BaseCache:
    return caches[CACHE_ALIAS]


def enabled() -> bool:
    return bool(getattr(settings, "FAZHI_PUBLIC_CACHE", False))


# ---------------------------------------------------------------------------------------------
# The publication generation


def _fresh() -> str:
    return f"{time.time_ns():x}{secrets.token_hex(4)}"


def generation() -> str:
    """The current publication generation. A value lost from the cache (evicted, flushed) is
    replaced by a fresh one, which makes every page old: never a stale one served."""
    store = cache()
    value = store.get(GENERATION_KEY)
    if value is None:
        store.add(GENERATION_KEY, _fresh(), timeout=None)
        value = store.get(GENERATION_KEY) or _fresh()
    return str(value)


def bump() -> None:
    """A new generation now. A fresh random value rather than an increment: two bumps at once
    can never leave a value that a page read before either of them was stored under."""
    cache().set(GENERATION_KEY, _fresh(), timeout=None)


def publication_changed() -> None:
    """What the public sees changes when the current transaction commits (at once outside
    one): the generation is renewed then — after the commit, so that a page rendered under the
    new generation cannot have read the data from before it."""
    transaction.on_commit(bump)


def register_public_verbs(*verbs: str) -> None:
    """Audit verbs whose action changes what the public pages or the public API show; a name
    ending in "." stands for every verb that begins with it ("document." for document.publish,
    document.validity.repealed, …). `core.audit.record_event` calls `event_recorded`."""
    for verb in verbs:
        (_PUBLIC_VERB_PREFIXES if verb.endswith(".") else _PUBLIC_VERBS).add(verb)


def changes_public_pages(verb: str) -> bool:
    return verb in _PUBLIC_VERBS or any(verb.startswith(prefix) for prefix in _PUBLIC_VERB_PREFIXES)


def public_verbs() -> tuple[set[str], set[str]]:
    """The registered verbs and prefixes (for the documentation and the tests)."""
    return set(_PUBLIC_VERBS), set(_PUBLIC_VERB_PREFIXES)


def event_recorded(verb: str) -> None:
    if changes_public_pages(verb):
        publication_changed()


# ---------------------------------------------------------------------------------------------
# Values computed once per generation and day

_MISSING = object()


def memo(name: str, day: datetime.date, compute: Callable[[], T]) -> T:
    """`compute()` once per publication generation and day (every time when the cache is off).
    `name` must say everything the value depends on besides those two; the value should be
    made of plain values (numbers, strings, lists, dicts), which any version of the code reads."""
    if not enabled():
        return compute()
    key = f"memo:{generation()}:{day.isoformat()}:{name}"
    store = cache()
    value = store.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        store.set(key, value, timeout=PAGE_SECONDS)
    return value  # type: ignore[return-value]


# ---------------------------------------------------------------------------------------------
# The pages


@dataclass(frozen=True)
class Entry:
    content: bytes
    headers: list[tuple[str, str]]
    etag: str
    rendered_at: float  # seconds since the epoch, the Last-Modified
    max_age: int  # what the response allowed a client, at most CLIENT_SECONDS


def _eligible_request(request: HttpRequest) -> bool:
    if not enabled() or request.method not in ("GET", "HEAD"):
        return False
    path = request.path
    if path not in PUBLIC_EXACT and not path.startswith(PUBLIC_PREFIXES):
        return False
    if any(part in path for part in NEVER):
        return False
    cookies = request.COOKIES
    if (
        settings.SESSION_COOKIE_NAME in cookies
        or getattr(settings, "MESSAGE_COOKIE_NAME", "messages") in cookies
    ):
        return False
    return "HTTP_AUTHORIZATION" not in request.META and "HTTP_HX_REQUEST" not in request.META


def page_key(request: HttpRequest, day: datetime.date, generation_value: str) -> str:
    language = translation.get_language_from_request(request)
    address = hashlib.sha256(request.build_absolute_uri().encode("utf-8")).hexdigest()[:40]
    return f"page:{generation_value}:{day.isoformat()}:{language}:{address}"


def _cache_control(response: HttpResponseBase) -> dict[str, str]:
    value = response.get("Cache-Control", "")
    directives: dict[str, str] = {}
    for part in cc_delim_re.split(value):
        if part:
            name, _eq, arg = part.partition("=")
            directives[name.strip().lower()] = arg.strip()
    return directives


def _storable(response: HttpResponseBase) -> int | None:
    """The seconds `response` may be kept, or None when it must not be stored."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return None
    directives = _cache_control(response)
    if {"private", "no-cache", "no-store"} & directives.keys():
        return None
    vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", "")) if v.strip()}
    if not vary <= ALLOWED_VARY:
        return None
    seconds = min(PAGE_SECONDS, getattr(response, "public_cache_seconds", PAGE_SECONDS))
    if "max-age" in directives:
        try:
            seconds = min(seconds, int(directives["max-age"]))
        except ValueError:
            return None
    return seconds if seconds > 0 else None


def keep_for(response: R, seconds: int) -> R:
    """Keep `response` in the public cache (and let clients keep it) `seconds` at most: for a
    page that shows something no action announces (the chain's current head); 0: not at all."""
    response.public_cache_seconds = seconds  # type: ignore[attr-defined]
    return response


def _seconds_to_midnight() -> int:
    now = timezone.localtime()
    midnight = datetime.datetime.combine(now.date() + datetime.timedelta(days=1), datetime.time(), now.tzinfo)
    return max(1, int((midnight - now).total_seconds()))


def _validate(request: HttpRequest, response: HttpResponse, entry: Entry) -> HttpResponseBase:
    """Validators and freshness on `response`, then 304 for a client that already has it."""
    response["ETag"] = entry.etag
    response["Last-Modified"] = http_date(entry.rendered_at)
    max_age = min(entry.max_age, CLIENT_SECONDS, _seconds_to_midnight())
    response["Cache-Control"] = f"public, max-age={max_age}"
    patch_vary_headers(response, ("Cookie", "Accept-Language"))
    conditional = get_conditional_response(
        request, etag=entry.etag, last_modified=int(entry.rendered_at), response=response
    )
    return conditional if conditional is not None else response


def _response(entry: Entry, *, head: bool) -> HttpResponse:
    """The stored response; without its content for HEAD (its headers say what GET returns)."""
    response = HttpResponse(b"" if head else entry.content)
    for name, value in entry.headers:
        response[name] = value
    return response


def _stored(value: object) -> Entry | None:
    """An entry as kept in the cache: plain values, so that one written by another version of
    this code is a miss, never an error."""
    if not isinstance(value, dict):
        return None
    try:
        return Entry(**value)
    except TypeError:
        return None


class PublicPageCacheMiddleware:
    """Serves anonymous GETs of the public addresses from the "public" cache (module doc)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not _eligible_request(request):
            return self.get_response(request)
        store = cache()
        # The generation first, then the data: a page stored under it cannot predate it.
        key = page_key(request, timezone.localdate(), generation())
        entry = _stored(store.get(key))
        if entry is not None:
            return _validate(request, _response(entry, head=request.method == "HEAD"), entry)
        response = self.get_response(request)
        if request.method != "GET" or not isinstance(response, HttpResponse):
            return response
        seconds = _storable(response)
        if seconds is None:
            return response
        content = response.content
        entry = Entry(
            content=content,
            headers=[(k, v) for k, v in response.items() if k.lower() not in NOT_STORED],
            etag=f'"{hashlib.sha256(content).hexdigest()[:32]}"',
            rendered_at=float(int(time.time())),
            max_age=seconds,
        )
        store.set(key, asdict(entry), timeout=seconds)
        return _validate(request, response, entry)
