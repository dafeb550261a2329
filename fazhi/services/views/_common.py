"""What the government-service pages share: the buttons a user is offered, the form page of a
matter, a commitment and a delegated power, and the steps posted from a record's page (a form
per step, the action it runs, the refusal placed next to its field, the input kept)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Model
from django.http import HttpRequest, HttpResponse

from fazhi.core import pages
from fazhi.core.pages import TRY_AGAIN, CreatePage, Kind, Step  # noqa: F401 - the pages import them from here
from fazhi.services import permissions
from fazhi.services.view_helpers import filter_notes


def area(user: Any) -> dict[str, Any]:
    """What the user may do in the area: the pages render their buttons from this."""
    return {"can_manage": permissions.can_manage(user)}


# --- form pages ------------------------------------------------------------------------------


def create_page(request: HttpRequest, page: CreatePage) -> HttpResponse:
    return pages.create_page(request, page, template="services/create.html", context=area(request.user))


# --- a record's page and its steps -----------------------------------------------------------


AREA = pages.Area(may_act=permissions.can_manage, context=area)


def render_detail(
    request: HttpRequest, kind: Kind, obj: Model, *, bound: dict[str, forms.Form] | None = None
) -> HttpResponse:
    return pages.render_detail(request, AREA, kind, obj, bound=bound)


def detail_page(request: HttpRequest, kind: Kind, pk: int) -> HttpResponse:
    return pages.detail_page(request, AREA, kind, pk)


def step_action(request: HttpRequest, kind: Kind, pk: int, action: str) -> HttpResponse:
    return pages.step_action(request, AREA, kind, pk, action)


def list_context(form: forms.Form) -> dict[str, Any]:
    """A list page's filter form, its notes on values ignored, and whether any filter is set."""
    return {
        "form": form,
        "notes": filter_notes(form),
        "filtered": any(form.data.get(name) for name in form.fields),
    }
