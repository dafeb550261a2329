"""What the header and the footer call the site (issue 12): one installation serves a city.

- a signed-in person's pages carry the name of the agency they work for (`fazhi_agency`);
- a department's public pages (`/d/<code>/`, `request.fazhi_department`) carry its name;
- every other public page carries the city portal's name, `settings.FAZHI_PORTAL_NAME`.

The agency's name is kept in the session at sign-in (`remember_agency`, on `user_logged_in`), so
that the header of a staff page costs no query of its own; a department renamed afterwards
shows its new name from the next sign-in.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from fazhi.core.agencies import agency_of


def portal_name() -> str:
    return str(getattr(settings, "FAZHI_PORTAL_NAME", "") or "法治政府建设信息公开平台")


SESSION_KEY = "fazhi_agency_name"


def remember_agency(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    """On sign-in: keep the name of the person's agency in the session, for the header."""
    if request is None or not hasattr(request, "session"):
        return
    agency = agency_of(user)
    request.session[SESSION_KEY] = agency.name if agency is not None else ""


def site_name(request: HttpRequest) -> str:
    """The name in the header of this page."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        session = getattr(request, "session", None)
        kept = session.get(SESSION_KEY) if session is not None else None
        if kept is None:
            agency = agency_of(user)
            kept = agency.name if agency is not None else ""
        if kept:
            return str(kept)
    department = getattr(request, "fazhi_department", None)
    if department is not None:
        return str(department.name)
    return portal_name()


def context(request: HttpRequest) -> dict[str, Any]:
    """`fazhi_portal_name` (the city portal) and `fazhi_site_name` (this page's header)."""
    from django.utils.functional import SimpleLazyObject

    return {
        "fazhi_portal_name": portal_name(),
        "fazhi_site_name": SimpleLazyObject(lambda: site_name(request)),
    }
