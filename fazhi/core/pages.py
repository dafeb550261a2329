"""The form page every app's "new record" page is: the form, the action it runs, the refusal
placed next to the field it names, the input kept, and the record's page once it is saved."""

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

from fazhi.core.formfields import place_error
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
