"""API bearer tokens: created and revoked through these actions, stored only as SHA-256."""

from __future__ import annotations

import secrets

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from fazhi.core import permissions
from fazhi.core.audit import record_event
from fazhi.core.models import ApiToken, User

TOKEN_PREFIX = "fz_"  # noqa: S105 - a visible prefix, not a secret


def can_manage_tokens_of(actor: User | None, owner: User) -> bool:
    """A person manages their own tokens; a system administrator manages anyone's. `actor`
    None means the server's own command line, run by whoever operates the server."""
    return actor is None or actor.pk == owner.pk or permissions.is_system_admin(actor)


def create_token(owner: User, *, actor: User | None, name: str = "") -> tuple[ApiToken, str]:
    """Create a token for `owner`; returns the record and the token, which is shown only once."""
    if not can_manage_tokens_of(actor, owner):
        raise PermissionDenied
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=owner, name=name.strip()[:100], prefix=raw[:10], token_hash=ApiToken.hash_token(raw)
        )
        record_event(
            "token.create", actor=actor, obj=token, data={"owner": owner.username, "name": token.name}
        )
    return token, raw


def revoke_token(token: ApiToken, *, actor: User | None) -> None:
    if not can_manage_tokens_of(actor, token.user):
        raise PermissionDenied
    with transaction.atomic():
        moved = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        if moved:
            record_event("token.revoke", actor=actor, obj=token, data={"owner": token.user.username})
