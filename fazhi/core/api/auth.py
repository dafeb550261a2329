from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from fazhi.core.models import ApiToken


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <token>`; the token is looked up by its SHA-256."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        record = (
            ApiToken.objects.select_related("user")
            .filter(token_hash=ApiToken.hash_token(token), revoked_at__isnull=True, user__is_active=True)
            .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=timezone.now()))
            .first()
        )
        if record is None:
            return None
        ApiToken.objects.filter(pk=record.pk).update(last_used_at=timezone.now())
        request.user = record.user
        return record.user


class SessionAuthFirst(SessionAuth):
    """Django's session. Its CSRF check guards a request a session would authenticate; a request
    without a signed-in session is simply not authenticated (401 "未登录"), not a CSRF failure
    (a 403 that told an anonymous client nothing useful, issue 15)."""

    def _get_key(self, request: HttpRequest) -> str | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        return super()._get_key(request)


staff_auth = [TokenAuth(), SessionAuthFirst()]
