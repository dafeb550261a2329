"""The client's address behind a reverse proxy (FAZHI_TRUSTED_PROXIES).

The connection's address (REMOTE_ADDR) is the client's unless it belongs to a trusted proxy.
Only then is X-Forwarded-For read, from the right: each proxy appends the address it received
the request from, so the right-most entries are written by our own proxies and the first one
from the right that is not a trusted proxy is the client. Entries further left were written by
the client itself and are never believed. django-axes (AXES_CLIENT_IP_CALLABLE) and the public
forms' rate limits (core.ratelimit) both use this one function.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(value: str | Iterable[str]) -> tuple[Network, ...]:
    """Comma-separated addresses or networks (`10.0.0.1`, `10.0.0.0/8`, `::1`)."""
    items = value.split(",") if isinstance(value, str) else value
    networks: list[Network] = []
    for item in items:
        item = item.strip()
        if not item:
            continue
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError as exc:
            raise ImproperlyConfigured(
                f"FAZHI_TRUSTED_PROXIES: {item!r} is not an address or network"
            ) from exc
    return tuple(networks)


@lru_cache(maxsize=8)
def _trusted(value: tuple[str, ...]) -> tuple[Network, ...]:
    return parse_networks(value)


def _is_trusted(address: str, networks: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_ip(request: HttpRequest) -> str | None:
    remote = request.META.get("REMOTE_ADDR") or None
    networks = _trusted(tuple(getattr(settings, "FAZHI_TRUSTED_PROXIES", ())))
    if remote is None or not networks or not _is_trusted(remote, networks):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    for hop in reversed(hops):
        if _is_trusted(hop, networks):
            continue
        try:
            return str(ipaddress.ip_address(hop))
        except ValueError:
            # A malformed entry where the client's address should be: count the request
            # against the proxy rather than against a name the client chose.
            return remote
    # Every hop is one of our proxies (or there is no header): the request began there.
    return hops[0] if hops else remote
