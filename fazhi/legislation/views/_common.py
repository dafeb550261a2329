"""What the legislation pages share: what the user may do in the area, and the form pages."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse

from fazhi.core import pages
from fazhi.core.pages import CreatePage
from fazhi.legislation import permissions


def area(user: Any) -> dict[str, Any]:
    return {
        "can_manage": permissions.can_manage(user),
        "can_manage_laws": permissions.can_manage_laws(user),
        "can_see_projects": permissions.can_see_projects(user),
    }


AREA = pages.Area(may_act=permissions.can_manage, context=area)


def create_page(request: HttpRequest, page: CreatePage) -> HttpResponse:
    return pages.create_page(request, page, template="legislation/create.html", context=area(request.user))
