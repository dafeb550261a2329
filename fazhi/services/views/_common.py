"""What the government-service pages share: the buttons a user is offered, the form page of a
matter, a commitment and a delegated power, and the steps posted from a record's page (a form
per step, the action it runs, the refusal placed next to its field, the input kept)."""

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
from fazhi.services import permissions
from fazhi.services.view_helpers import filter_notes, local_today, place_error


def area(user: Any) -> dict[str, Any]:
    """What the user may do in the area: the pages render their buttons from this."""
    return {"can_manage": permissions.can_manage(user)}


# --- form pages ------------------------------------------------------------------------------


def create_page(request: HttpRequest, page: CreatePage) -> HttpResponse:
    return pages.create_page(request, page, template="services/create.html", context=area(request.user))


# --- a record's page and its steps -----------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """A step on a record's page: its button, where on the page its form is, the form, the
    action it runs, when the page offers it (the action still has the last word), the words of a
    refusal that point at a field, the form's first values, and the message once it is done."""

    label: Any
    anchor: str
    form: type[forms.Form]
    run: Callable[[Any, Any, dict[str, Any]], Any]
    offered: Callable[[Any], bool]
    hints: tuple[tuple[str, str], ...] = ()
    initial: Callable[[Any, datetime.date], dict[str, Any]] = field(default=lambda obj, today: {})
    done: Callable[[Any], str] | None = None


@dataclass(frozen=True)
class Kind:
    """A kind of record with a page of steps."""

    queryset: Callable[[Any], QuerySet[Any]]
    steps: dict[str, Step]
    template: str
    detail: str  # the url name of its page
    context: Callable[[Any, Any, datetime.date], dict[str, Any]]


def render_detail(
    request: HttpRequest, kind: Kind, obj: Model, *, bound: dict[str, forms.Form] | None = None
) -> HttpResponse:
    """The record's page; `bound` holds a form that failed, shown again as it was filled in with
    the reason next to the field."""
    user: Any = request.user
    today = local_today()
    manages = permissions.can_manage(user)
    step_forms = {
        name: step.form(prefix=name, initial=step.initial(obj, today))
        for name, step in kind.steps.items()
        if manages and step.offered(obj)
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
    """One step, posted from the record's page; an unknown one is not there (404)."""
    step = kind.steps.get(action)
    if step is None:
        raise Http404
    user: Any = request.user
    obj = get_visible_or_404(kind.queryset(user), pk=pk)
    form = step.form(request.POST, prefix=action)
    if not form.is_valid():
        messages.error(request, TRY_AGAIN)
        return render_detail(request, kind, obj, bound={action: form})
    try:
        step.run(obj, user, form.cleaned_data)
    except PermissionDenied as exc:
        raise Http404 from exc
    except DomainError as exc:
        # The action changed nothing; the record is read again for the page.
        messages.error(request, str(exc))
        place_error(form, step.hints, str(exc))
        fresh = get_visible_or_404(kind.queryset(user), pk=pk)
        return render_detail(request, kind, fresh, bound={action: form})
    messages.success(request, step.done(obj) if step.done else _("已%(a)s。") % {"a": step.label})
    return redirect(reverse(kind.detail, args=[obj.pk]) + step.anchor)


def list_context(form: forms.Form) -> dict[str, Any]:
    """A list page's filter form, its notes on values ignored, and whether any filter is set."""
    return {
        "form": form,
        "notes": filter_notes(form),
        "filtered": any(form.data.get(name) for name in form.fields),
    }
