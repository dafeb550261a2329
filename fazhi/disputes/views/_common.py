"""What the dispute pages share: the step machinery of a matter's page (a form per step, the
action it runs, the refusal placed next to its field) and the registration form page."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from fazhi.core import pages
from fazhi.core.http import get_visible_or_404
from fazhi.core.pages import TRY_AGAIN, CreatePage
from fazhi.core.workflow import DomainError
from fazhi.disputes import permissions
from fazhi.disputes.models import Litigation, Mediation, Reconsideration
from fazhi.disputes.view_helpers import local_today, place_error
from fazhi.enforcement.models import EnforcementCase

R = Reconsideration.Status
L = Litigation.Status
M = Mediation.Status


def area(user: Any) -> dict[str, Any]:
    return {"can_handle": permissions.can_handle(user)}


def long_day(value: datetime.date | None) -> str:
    return f"{value:%Y年%m月%d日}" if value else ""


# --- registration forms ----------------------------------------------------------------------


def create_page(request: HttpRequest, page: CreatePage) -> HttpResponse:
    return pages.create_page(request, page, template="disputes/create.html", context=area(request.user))


# --- the page of a matter and its steps ------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """A step on a matter's page: its button, where on the page its form is, the form, the
    action it runs, when the page offers it (the action still has the last word), the words of a
    refusal that point at a field, and the message once it is done."""

    label: Any
    anchor: str
    form: type[forms.Form]
    run: Callable[[Any, Any, dict[str, Any]], Any]
    offered: Callable[[Any, datetime.date], bool]
    hints: tuple[tuple[str, str], ...] = ()
    initial: Callable[[Any, datetime.date], dict[str, Any]] = field(default=lambda obj, today: {})
    done: Callable[[Any], str] | None = None


@dataclass(frozen=True)
class Kind:
    """A kind of matter with a page of steps."""

    queryset: Callable[[Any], QuerySet[Any]]
    steps: dict[str, Step]
    template: str
    detail: str  # the url name of its page
    context: Callable[[Any, Any, datetime.date], dict[str, Any]]


def step_form(step: Step, name: str, obj: Any, today: datetime.date) -> forms.Form:
    return step.form(prefix=name, initial=step.initial(obj, today))


def render_detail(
    request: HttpRequest, kind: Kind, obj: Model, *, bound: dict[str, forms.Form] | None = None
) -> HttpResponse:
    """The matter's page; `bound` holds a form that failed, shown again as it was filled in with
    the reason next to the field."""
    user: Any = request.user
    today = local_today()
    handles = permissions.can_handle(user)
    step_forms = {
        name: step_form(step, name, obj, today)
        for name, step in kind.steps.items()
        if handles and step.offered(obj, today)
    }
    step_forms.update(bound or {})
    return render(
        request,
        kind.template,
        {**area(user), "forms": step_forms, "today": today, **kind.context(user, obj, today)},
    )


def detail_page(request: HttpRequest, kind: Kind, pk: int) -> HttpResponse:
    return render_detail(request, kind, get_visible_or_404(kind.queryset(request.user), pk=pk))


def step_action(request: HttpRequest, kind: Kind, pk: int, action: str) -> HttpResponse:
    """One step, posted from the matter's page."""
    step = kind.steps.get(action)
    if step is None:
        raise Http404
    user: Any = request.user
    obj = get_visible_or_404(kind.queryset(user), pk=pk)
    form = step.form(request.POST, request.FILES, prefix=action)
    if not form.is_valid():
        messages.error(request, TRY_AGAIN)
        return render_detail(request, kind, obj, bound={action: form})
    try:
        step.run(obj, user, form.cleaned_data)
    except PermissionDenied as exc:
        raise Http404 from exc
    except DomainError as exc:
        # The action changed nothing; the matter is read again for the page.
        messages.error(request, str(exc))
        place_error(form, step.hints, str(exc))
        fresh = get_visible_or_404(kind.queryset(user), pk=pk)
        return render_detail(request, kind, fresh, bound={action: form})
    messages.success(request, step.done(obj) if step.done else _("已%(a)s。") % {"a": step.label})
    return redirect(reverse(kind.detail, args=[obj.pk]) + step.anchor)


def linked_case(user: Any, case: EnforcementCase | None) -> dict[str, Any]:
    """The enforcement case a reconsideration or lawsuit is about, linked if the reader may open it."""
    if case is None:
        return {"linked": None}
    return {
        "linked": case,
        "linked_open": EnforcementCase.objects.visible_to(user).filter(pk=case.pk).exists(),
    }
