"""API bearer tokens: created and revoked through these actions, stored only as SHA-256."""

from __future__ import annotations

import datetime
import secrets

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from fazhi.core import permissions
from fazhi.core.audit import record_event
from fazhi.core.models import ApiToken, User
from fazhi.core.workflow import DomainError

TOKEN_PREFIX = "fz_"  # noqa: S105 - a visible prefix, not a secret


def can_manage_tokens_of(actor: User | None, owner: User) -> bool:
    """A person manages their own tokens; a system administrator those of the people of their
    own agency (issue 12: never another department's). `actor` None means the server's own
    command line, run by whoever operates the server."""
    if actor is None or actor.pk == owner.pk:
        return True
    from fazhi.core.agencies import agency_id_of

    own = agency_id_of(actor)
    return permissions.is_system_admin(actor) and own is not None and own == agency_id_of(owner)


def create_token(
    owner: User, *, actor: User | None, name: str = "", expires_at: datetime.datetime | None = None
) -> tuple[ApiToken, str]:
    """Create a token for `owner`; returns the record and the token, which is shown only once.
    With `expires_at` the token stops authenticating at that moment."""
    if not can_manage_tokens_of(actor, owner):
        raise PermissionDenied
    if expires_at is not None and expires_at <= timezone.now():
        raise DomainError("令牌有效期应晚于现在")
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=owner,
            name=name.strip()[:100],
            prefix=raw[:10],
            token_hash=ApiToken.hash_token(raw),
            expires_at=expires_at,
        )
        record_event(
            "token.create",
            actor=actor,
            obj=token,
            data={
                "owner": owner.username,
                "name": token.name,
                "expires_at": expires_at.isoformat() if expires_at else None,
            },
        )
    return token, raw


def end_of_day(day: datetime.date) -> datetime.datetime:
    """A token "valid until D" works through the whole of D, in the platform's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time()))


def revoke_token(token: ApiToken, *, actor: User | None) -> None:
    if not can_manage_tokens_of(actor, token.user):
        raise PermissionDenied
    with transaction.atomic():
        moved = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        if moved:
            record_event("token.revoke", actor=actor, obj=token, data={"owner": token.user.username})
