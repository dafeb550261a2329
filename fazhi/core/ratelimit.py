"""Rate limits per client address, for forms the public can post without an account.

The counts live in Django's default cache, which settings.CACHES makes one for all server
processes of the host (files under var/cache), so a limit holds across gunicorn workers.
"""

from __future__ import annotations

from dataclasses import dataclass

from axes.helpers import get_client_ip_address
from django.core.cache import cache
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The address the login lockout uses too: django-axes calls fazhi.core.proxies.client_ip
    (AXES_CLIENT_IP_CALLABLE), which reads X-Forwarded-For only from FAZHI_TRUSTED_PROXIES."""
    return get_client_ip_address(request) or "unknown"


@dataclass(frozen=True)
class RateLimit:
    """At most `limit` events per address in a window that begins with the first event."""

    name: str
    limit: int
    window_seconds: int

    def _key(self, request: HttpRequest) -> str:
        return f"fazhi:ratelimit:{self.name}:{client_address(request)}"

    def exceeded(self, request: HttpRequest) -> bool:
        return (cache.get(self._key(request)) or 0) >= self.limit

    def hit(self, request: HttpRequest) -> int:
        key = self._key(request)
        cache.add(key, 0, timeout=self.window_seconds)
        try:
            return cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=self.window_seconds)
            return 1

    @property
    def minutes(self) -> int:
        return max(1, self.window_seconds // 60)
