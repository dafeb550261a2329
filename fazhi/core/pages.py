"""The pages every app builds the same way: the "new record" form page (the form, the action
it runs, the refusal placed next to the field it names, the input kept, the record's page once
saved), and a record's page with a form per step it offers, each posted to the action it runs."""

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
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from fazhi.core import refusals
from fazhi.core.formfields import place_error
from fazhi.core.http import get_visible_or_404
from fazhi.core.workflow import DomainError

TRY_AGAIN = gettext_lazy("请按提示修改后再提交。")


@dataclass(frozen=True)
class CreatePage:
    """A form page: its title and lead, the form (built from the request and the posted data),
    the action it runs, the words of a refusal that point at a field, where to go back to, the
    message and the page once it is saved, and the section of the area it belongs to."""

    title: Any
    lead: Any
    form: Callable[[HttpRequest, Any], forms.Form]
    run: Callable[[Any, dict[str, Any]], Any]
    hints: tuple[tuple[str, str], ...]
    back: str
    done: Callable[[Any], str]
    after: Callable[[Any], str]
    section: str = ""


def create_page(
    request: HttpRequest, page: CreatePage, *, template: str, context: dict[str, Any]
) -> HttpResponse:
    """GET shows the form; a valid POST runs the action and goes to the record, a refusal comes
    back next to its field with everything typed kept (PermissionDenied is a 404)."""
    user: Any = request.user
    form = page.form(request, request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_valid():
            try:
                obj = page.run(user, form.cleaned_data)
            except PermissionDenied as exc:
                raise Http404 from exc
            except DomainError as exc:
                place_error(form, page.hints, str(exc))
            else:
                messages.success(request, page.done(obj))
                return redirect(page.after(obj))
        messages.error(request, TRY_AGAIN)
    return render(request, template, {**context, "spec": page, "form": form, "back": reverse(page.back)})


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
    offered: Callable[[Any, datetime.date], bool]
    hints: tuple[tuple[str, str], ...] = ()
    initial: Callable[[Any, datetime.date], dict[str, Any]] = field(default=lambda obj, today: {})
    done: Callable[[Any], str] | None = None


@dataclass(frozen=True)
class Kind:
    """A kind of record with a page of steps: who may take them and the area's context."""

    queryset: Callable[[Any], QuerySet[Any]]
    steps: dict[str, Step]
    template: str
    detail: str  # the url name of its page
    context: Callable[[Any, Any, datetime.date], dict[str, Any]]


@dataclass(frozen=True)
class Area:
    """Who may take the steps of an area's records, and what its pages always show."""

    may_act: Callable[[Any], bool]
    context: Callable[[Any], dict[str, Any]]


def next_steps(step_forms: Any, labels: Any) -> list[dict[str, Any]]:
    """The steps open to this user on a record's page, for the panel at its top
    (`core/_next_steps.html`): each step's words and the anchor of its form (`#step-<name>`),
    in the page's order. `labels` maps a step's name to its words; a form without words (an
    answer in a list) is left out."""
    return [{"label": labels[name], "anchor": f"#step-{name}"} for name in step_forms if name in labels]


def render_detail(
    request: HttpRequest, area: Area, kind: Kind, obj: Model, *, bound: dict[str, forms.Form] | None = None
) -> HttpResponse:
    """The record's page; `bound` holds a form that failed, shown again as it was filled in with
    the reason next to the field (by default the step refused just before, `core.refusals`)."""
    user: Any = request.user
    today = timezone.localdate()
    acts = area.may_act(user)
    step_forms: dict[str, forms.Form] = {
        name: step.form(prefix=name, initial=step.initial(obj, today))
        for name, step in kind.steps.items()
        if acts and step.offered(obj, today)
    }
    if bound is None:
        # Shown again with the step's first values too: a form whose choices follow the record
        # (its agency's divisions and leaders) offers the same choices as before the refusal.
        bound = refusals.bound_steps(
            request,
            kind.steps,
            lambda name, data: kind.steps[name].form(
                data, prefix=name, initial=kind.steps[name].initial(obj, today)
            ),
        )
    step_forms.update(bound)
    return render(
        request,
        kind.template,
        {
            **area.context(user),
            "forms": step_forms,
            "step_links": next_steps(step_forms, {name: step.label for name, step in kind.steps.items()}),
            "today": today,
            **kind.context(user, obj, today),
        },
    )


def detail_page(request: HttpRequest, area: Area, kind: Kind, pk: int) -> HttpResponse:
    return render_detail(request, area, kind, get_visible_or_404(kind.queryset(request.user), pk=pk))


def step_action(request: HttpRequest, area: Area, kind: Kind, pk: int, action: str) -> HttpResponse:
    """One step, posted from the record's page; an unknown one is not there (404)."""
    step = kind.steps.get(action)
    if step is None:
        raise Http404
    user: Any = request.user
    if not area.may_act(user):
        # Permission first: nothing the body names is looked up for someone who may not act.
        raise Http404
    obj = get_visible_or_404(kind.queryset(user), pk=pk)
    form = step.form(
        request.POST, request.FILES, prefix=action, initial=step.initial(obj, timezone.localdate())
    )
    page = reverse(kind.detail, args=[obj.pk])
    if not form.is_valid():
        return refusals.refuse(request, form, action=action, to=page + step.anchor)
    try:
        step.run(obj, user, form.cleaned_data)
    except PermissionDenied as exc:
        raise Http404 from exc
    except DomainError as exc:
        # The action changed nothing; the page shows the refusal and the input kept.
        place_error(form, step.hints, str(exc))
        return refusals.refuse(request, form, action=action, to=page + step.anchor, message=str(exc))
    messages.success(request, step.done(obj) if step.done else gettext("已%(a)s。") % {"a": step.label})
    return redirect(page + step.anchor)
