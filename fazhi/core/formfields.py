"""Form fields as every app's forms build them: Chinese messages, date inputs of type "date"
(ISO format), text areas with a length limit. One place, so that a message reads the same on
every page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

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
