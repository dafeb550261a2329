"""View helpers shared by every app: sign-in and capability guards that answer 404 for what
a user may not see (never a 403 that reveals the record exists)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase

from fazhi.core.models import User
from fazhi.core.permissions import is_staff_member

M = TypeVar("M", bound=models.Model)


class StaffRequest(HttpRequest):
    """The request of a view behind `staff_view`: its user is signed in."""

    user: User


View = Callable[..., HttpResponseBase]


def staff_view(allowed: Callable[[Any], bool] | None = None) -> Callable[[View], View]:
    """Anonymous users are sent to the login page; a signed-in user who fails `allowed` gets 404."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not is_staff_member(request.user):
                return redirect_to_login(request.get_full_path())
            if allowed is not None and not allowed(request.user):
                raise Http404
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def get_visible_or_404(queryset: models.QuerySet[M], **lookup: Any) -> M:
    """Fetch from a queryset already scoped with `visible_to(user)`; hidden and missing alike 404."""
    try:
        obj = queryset.filter(**lookup).first()
    except (ValueError, TypeError, ValidationError):
        # A malformed key ("abc" for an integer id) is as absent as a missing one.
        obj = None
    if obj is None:
        raise Http404
    return obj


def mark_openable(rows: Sequence[models.Model], visible: models.QuerySet[Any]) -> None:
    """Set `can_open` on each row: whether `visible` (a queryset scoped with `visible_to(user)`)
    holds it. A page lists the rows it may show and links only those the reader may open, so
    that no link answers 404. One query for all the rows."""
    allowed = set(visible.filter(pk__in=[row.pk for row in rows]).values_list("pk", flat=True))
    for row in rows:
        row.can_open = row.pk in allowed  # type: ignore[attr-defined]
