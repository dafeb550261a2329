"""What the legal-publicity pages share: the buttons a user is offered, and the form page of
the plan, a list item and an activity (the action it runs, the refusal placed next to its
field, the input kept)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy

from fazhi.core.workflow import DomainError
from fazhi.legal_publicity import permissions
from fazhi.legal_publicity.view_helpers import can_record, place_error

TRY_AGAIN = gettext_lazy("请按提示修改后再提交。")


def area(user: Any) -> dict[str, Any]:
    """What the user may do in the area: the pages render their buttons from this."""
    return {"can_manage": permissions.can_manage(user), "can_record": can_record(user)}


@dataclass(frozen=True)
class CreatePage:
    """A form page: its title and lead, the form (built from the request and the posted data),
    the action it runs, the words of a refusal that point at a field, the section of the area,
    where to go back to, and the message and the page once it is saved."""

    title: Any
    lead: Any
    form: Callable[[HttpRequest, Any], forms.Form]
    run: Callable[[Any, dict[str, Any]], Any]
    hints: tuple[tuple[str, str], ...]
    section: str
    back: str
    done: Callable[[Any], str]
    after: Callable[[Any], str]


def create_page(request: HttpRequest, page: CreatePage) -> HttpResponse:
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
    return render(
        request,
        "legal_publicity/create.html",
        {**area(user), "spec": page, "form": form, "back": reverse(page.back)},
    )
