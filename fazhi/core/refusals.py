"""Redirect after every POST, refused or not (post/redirect/get).

A refused step used to answer the record's page from the POST itself: the address stayed
`/…/action/…` and a reload sent the form again. Now a refused step keeps what the page needs to
show the refusal — the step's name, what was typed (never the files: a browser cannot be made
to choose a file again, so the refusal says so next to the file field) and the form's errors —
in the session under the record page's path, and answers 303 to that page. The page's next GET
takes it back (once) and rebuilds the step's form bound to the typed data with the same errors
next to the same fields.

    # the step's view
    if not form.is_valid():
        return refusals.refuse(request, form, action=action, to=record_url)
    # the record page
    refusal = refusals.take(request)
    bound = refusal.forms({action: make_form}) if refusal else {}
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from django import forms
from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS
from django.forms.utils import ErrorDict
from django.http import HttpRequest, HttpResponseRedirect, QueryDict
from django.utils.translation import gettext, gettext_lazy

TRY_AGAIN = gettext_lazy("请按提示修改后再提交。")
FILE_AGAIN = gettext_lazy("所选文件未保留，请重新选择。")

_KEY = "fazhi.refusal:"


def _key(path: str) -> str:
    return _KEY + urlsplit(path).path


@dataclass
class Refusal:
    """A refused step, as kept for its record's page."""

    action: str
    data: QueryDict
    errors: dict[str, list[str]] = field(default_factory=dict)

    def restore(self, form: forms.Form) -> forms.Form:
        """Give `form` (built bound to `self.data`) the errors it was refused with, without
        validating it again: a refusal an action gave (a legal gate, the record's state) is not
        the form's own and would not come back from the form alone."""
        errors = ErrorDict(renderer=form.renderer)
        for name, texts in self.errors.items():
            target = name if name in form.fields else NON_FIELD_ERRORS
            current = errors.get(target)
            if current is None:
                current = form.error_class(
                    error_class="nonfield" if target == NON_FIELD_ERRORS else None,
                    renderer=form.renderer,
                )
                errors[target] = current
            current.extend(t for t in texts if t not in current)
        form._errors = errors  # type: ignore[attr-defined]
        form.cleaned_data = {}
        return form

    def steps(
        self, names: Iterable[str], make: Callable[[str, QueryDict], forms.Form | None]
    ) -> dict[str, forms.Form]:
        """`{action: form}` when the refused step is one of the page's `names`: its form rebuilt by
        `make(name, data)` from the typed data, with its errors."""
        if self.action not in set(names):
            return {}
        form = make(self.action, self.data)
        return {self.action: self.restore(form)} if form is not None else {}

    def forms(self, makers: Mapping[str, Callable[[QueryDict], forms.Form]]) -> dict[str, forms.Form]:
        """`{action: form}` for the page's `bound` forms: the step's form rebuilt by its maker
        from the typed data, with its errors; nothing when the page no longer has that step."""
        maker = makers.get(self.action)
        if maker is None:
            return {}
        return {self.action: self.restore(maker(self.data))}


def refuse(
    request: HttpRequest,
    form: forms.Form | None,
    *,
    action: str,
    to: str,
    message: Any = None,
) -> HttpResponseRedirect:
    """Keep the refusal of step `action` for the record page at `to` (its path; an anchor is
    kept in the redirect only) and answer 303 to it. `message` is the flash message (the
    action's reason; by default "change as shown and submit again")."""
    data = {key: request.POST.getlist(key) for key in request.POST if key != "csrfmiddlewaretoken"}
    errors: dict[str, list[str]] = {}
    if form is not None:
        for name, items in form.errors.get_json_data().items():
            errors[name] = [str(item["message"]) for item in items]
        for name in form.fields:
            if form.add_prefix(name) in request.FILES:
                errors.setdefault(name, []).append(str(FILE_AGAIN))
    text = str(message if message is not None else TRY_AGAIN)
    if request.FILES and str(FILE_AGAIN) not in text:
        text = f"{text}{gettext('所选文件未保留，请重新选择。')}"
    request.session[_key(to)] = {"action": action, "data": data, "errors": errors}
    messages.error(request, text)
    return HttpResponseRedirect(to, status=303)


def take(
    request: HttpRequest, path: str | None = None, *, when: Callable[[str], bool] | None = None
) -> Refusal | None:
    """The refusal kept for the page at `path` (this request's page by default), once; with
    `when`, only a refusal of a step it accepts (another is left for the page's other part)."""
    if request.method != "GET":
        return None
    session = getattr(request, "session", None)
    if session is None:
        return None
    key = _key(path or request.path)
    kept = session.get(key)
    if not isinstance(kept, dict) or (when is not None and not when(str(kept.get("action", "")))):
        return None
    del session[key]
    data = QueryDict(mutable=True)
    for key, values in (kept.get("data") or {}).items():
        data.setlist(key, [str(v) for v in values])
    data._mutable = False
    return Refusal(
        action=str(kept.get("action", "")),
        data=data,
        errors={str(k): [str(t) for t in v] for k, v in (kept.get("errors") or {}).items()},
    )


def bound_steps(
    request: HttpRequest, names: Iterable[str], make: Callable[[str, QueryDict], forms.Form | None]
) -> dict[str, forms.Form]:
    """The record page's refused step, if its last step was refused and is one of `names`:
    `{action: make(action, data)}` with its errors."""
    refusal = take(request)
    return refusal.steps(names, make) if refusal else {}


def bound_forms(
    request: HttpRequest, makers: Mapping[str, Callable[[QueryDict], forms.Form]]
) -> dict[str, forms.Form]:
    """The record page's refused form, if its last step was refused: `{action: form}`."""
    refusal = take(request)
    return refusal.forms(makers) if refusal else {}
