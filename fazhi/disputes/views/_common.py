"""What the dispute pages share: the step machinery of a matter's page (a form per step, the
action it runs, the refusal placed next to its field) and the registration form page."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.db.models import Model
from django.http import HttpRequest, HttpResponse

from fazhi.core import pages
from fazhi.core.agencies import agency_id_of
from fazhi.core.formats import date_text
from fazhi.core.pages import TRY_AGAIN, CreatePage, Kind, Step  # noqa: F401 - the pages import them from here
from fazhi.disputes import permissions
from fazhi.disputes.forms import for_agency
from fazhi.disputes.models import Litigation, Mediation, Reconsideration
from fazhi.enforcement.models import EnforcementCase

R = Reconsideration.Status
L = Litigation.Status
M = Mediation.Status


def area(user: Any) -> dict[str, Any]:
    return {"can_handle": permissions.can_handle(user)}


def long_day(value: datetime.date | None) -> str:
    return date_text(value) if value else ""


# --- registration forms ----------------------------------------------------------------------


def create_page(request: HttpRequest, page: CreatePage) -> HttpResponse:
    return pages.create_page(request, page, template="disputes/create.html", context=area(request.user))


# --- the page of a matter and its steps ------------------------------------------------------


AREA = pages.Area(may_act=permissions.can_handle, context=area)


def render_detail(
    request: HttpRequest, kind: Kind, obj: Model, *, bound: dict[str, forms.Form] | None = None
) -> HttpResponse:
    with for_agency(agency_id_of(request.user)):
        return pages.render_detail(request, AREA, kind, obj, bound=bound)


def detail_page(request: HttpRequest, kind: Kind, pk: int) -> HttpResponse:
    # A matter is found only in the reader's own agency: its step forms offer that agency's heads.
    with for_agency(agency_id_of(request.user)):
        return pages.detail_page(request, AREA, kind, pk)


def step_action(request: HttpRequest, kind: Kind, pk: int, action: str) -> HttpResponse:
    with for_agency(agency_id_of(request.user)):
        return pages.step_action(request, AREA, kind, pk, action)


def linked_case(user: Any, case: EnforcementCase | None) -> dict[str, Any]:
    """The enforcement case a reconsideration or lawsuit is about, linked if the reader may open it."""
    if case is None:
        return {"linked": None}
    return {
        "linked": case,
        "linked_open": EnforcementCase.objects.visible_to(user).filter(pk=case.pk).exists(),
    }
