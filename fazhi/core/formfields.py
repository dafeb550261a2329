"""Form fields as every app's forms build them: Chinese messages, date inputs of type "date"
(ISO format), text areas with a length limit. One place, so that a message reads the same on
every page."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from fazhi.core.formats import localize_dates

REQUIRED = _("请填写此项")
BAD_DATE = _("日期格式应为 2026-01-01")
TOO_LONG = _("不超过 %(limit_value)d 字")


def text_field(
    label: Any,
    *,
    required: bool = True,
    max_length: int = 5000,
    rows: int = 4,
    missing: Any = REQUIRED,
    help_text: Any = "",
    **kw: Any,
) -> forms.CharField:
    """A text area."""
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": missing, "max_length": TOO_LONG},
        **kw,
    )


def line_field(
    label: Any, *, max_length: int, required: bool = True, missing: Any = REQUIRED, **kw: Any
) -> forms.CharField:
    """A one-line text input."""
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        error_messages={"required": missing, "max_length": TOO_LONG},
        **kw,
    )


def date_field(
    label: Any, *, required: bool = True, missing: Any = REQUIRED, help_text: Any = ""
) -> forms.DateField:
    """A date picker (ISO format, as the browser's date input sends it)."""
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d"],
        error_messages={"required": missing, "invalid": BAD_DATE},
    )


# --- showing an action's refusal and a page's filters -------------------------------------------


def place_error(form: forms.Form, hints: Sequence[tuple[str, str]], message: str) -> None:
    """Put an action's message next to the field it names (else above the form): `hints` maps
    words of the message to field names."""
    shown = localize_dates(message)
    for words, name in hints:
        if words in message and name in form.fields:
            form.add_error(name, shown)
            return
    form.add_error(None, shown)


def filter_notes(form: forms.Form) -> list[str]:
    """A list page's notes on the filters it ignored, and why."""
    return [
        gettext("已忽略无效的筛选条件“%(label)s”：%(error)s")
        % {"label": form.fields[name].label, "error": " ".join(str(e) for e in errors)}
        for name, errors in form.errors.items()
        if name in form.fields
    ]


def year_from(raw: str, fallback: int, *, low: int = 2000, high: int = 2100) -> tuple[int, list[str]]:
    """The year asked for in the query string, or `fallback` with a note when it is not one."""
    raw = raw.strip()
    if not raw:
        return fallback, []
    try:
        year = int(raw)
    except ValueError:
        year = 0
    if low <= year <= high:
        return year, []
    return fallback, [
        gettext("“%(value)s”不是有效的年份，已显示 %(year)s 年的情况。")
        % {"value": raw[:20], "year": fallback}
    ]
