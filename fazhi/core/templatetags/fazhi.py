from __future__ import annotations

import re
from typing import Any

from django import template
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.inclusion_tag("core/_deadline.html")
def deadline(d: Any, label: str = "", relative: bool = True, pending_from: Any = None) -> dict[str, Any]:
    """A due date with its legal basis on hover (title) and for screen readers (a visible note).
    `relative=False` leaves out "剩 N 天 / 已逾期" (e.g. for a date computed in a calculator).
    `pending_from`: the start of a limit whose due date is pending (core.deadlines) — shown as
    "待录入 N 年工作日历后计算" when `d` is None."""
    today = timezone.localdate()
    days_left = (d.due - today).days if d is not None and relative else None
    pending_year = None
    if d is None and pending_from is not None:
        from fazhi.core.deadlines import missing_year

        pending_year = missing_year(pending_from)
    return {
        "d": d,
        "label": label,
        "days_left": days_left,
        "overdue": days_left is not None and days_left < 0,
        "pending_year": pending_year,
    }


@register.inclusion_tag("core/_attachments.html", takes_context=True)
def attachments_for(context: dict[str, Any], subject: Any) -> dict[str, Any]:
    """The attachment list of a record, with an upload form for those who may attach."""
    from fazhi.core.attachments import attachments_of, can_attach_to

    request = context["request"]
    return {
        "request": request,
        "subject": subject,
        "subject_label": subject._meta.label_lower,
        "attachments": list(attachments_of(subject)),
        "can_attach": can_attach_to(request.user, subject),
        "csrf_token": context.get("csrf_token"),
    }


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@register.filter
def keep_dates(value: object) -> str:
    """The text, escaped, with each ISO date (2026-11-23) kept on one line: a record's name that
    carries its date (申请行政复议（2026-11-23）) wraps between words, never inside the date."""
    text = conditional_escape(str(value))
    return mark_safe(_ISO_DATE.sub(lambda m: f'<span class="nowrap">{m.group(0)}</span>', text))  # noqa: S308 - escaped above
