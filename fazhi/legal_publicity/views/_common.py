"""What the legal-publicity pages share: the buttons a user is offered, and the form page of
the plan, a list item and an activity (the action it runs, the refusal placed next to its
field, the input kept)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse

from fazhi.core import pages
from fazhi.core.pages import CreatePage
from fazhi.legal_publicity import permissions
from fazhi.legal_publicity.view_helpers import can_record


def area(user: Any) -> dict[str, Any]:
    """What the user may do in the area: the pages render their buttons from this."""
    return {"can_manage": permissions.can_manage(user), "can_record": can_record(user)}


def create_page(request: HttpRequest, page: CreatePage) -> HttpResponse:
    return pages.create_page(
        request, page, template="legal_publicity/create.html", context=area(request.user)
    )
