"""The holiday notice in one step: paste the State Council's notice or upload a .xlsx/.csv,
see the year as a calendar, confirm, save (core.holiday_notice). For holders of
core.manage_rulebook only; everyone else gets 404."""

from __future__ import annotations

import datetime
import json
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core.holiday_notice import (
    NoticeError,
    ParsedYear,
    check,
    import_year,
    month_grid,
    parse_notice,
    parse_table,
)
from fazhi.core.http import staff_view
from fazhi.core.permissions import can_manage_rulebook
from fazhi.core.views.calendar import WEEKDAYS
from fazhi.core.workflow import DomainError

MAX_TABLE_BYTES = 2 * 1024 * 1024


class NoticeForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("通知全文"),
        required=False,
        max_length=50_000,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=gettext_lazy(
            "粘贴国务院办公厅关于该年部分节假日安排的通知全文（含标题），如“一、元旦：1月1日放假……”"
        ),
    )
    table = forms.FileField(
        label=gettext_lazy("或上传日期表"),
        required=False,
        help_text=gettext_lazy(".xlsx 或 .csv：日期（2027-01-01）、类型（放假 / 上班）、名称，每行一天"),
    )
    source = forms.CharField(
        label=gettext_lazy("来源"),
        max_length=200,
        required=False,
        help_text=gettext_lazy(
            "如：国办发明电〔2026〕×号；留空则为“国务院办公厅关于N年部分节假日安排的通知”"
        ),
    )


def _parse(form: NoticeForm) -> tuple[ParsedYear, str] | None:
    """The parsed year and the pasted text, or None with the error placed next to its field."""
    text = (form.cleaned_data.get("text") or "").strip()
    upload = form.cleaned_data.get("table")
    try:
        if upload is not None:
            if upload.size > MAX_TABLE_BYTES:
                form.add_error("table", _("文件过大（不超过 2 MB）。"))
                return None
            return parse_table(upload.read(), upload.name or ""), ""
        if not text:
            form.add_error("text", _("请粘贴通知全文，或上传日期表。"))
            return None
        return parse_notice(text), text
    except NoticeError as exc:
        form.add_error("table" if upload is not None else "text", str(exc))
        return None


def _payload(parsed: ParsedYear) -> str:
    return json.dumps(
        {
            "year": parsed.year,
            "holidays": {d.isoformat(): n for d, n in sorted(parsed.holidays.items())},
            "workdays": {d.isoformat(): n for d, n in sorted(parsed.workdays.items())},
        },
        ensure_ascii=False,
    )


def _from_payload(raw: str) -> ParsedYear:
    try:
        data = json.loads(raw)
        parsed = ParsedYear(int(data["year"]))
        parsed.holidays = {datetime.date.fromisoformat(d): str(n) for d, n in data["holidays"].items()}
        parsed.workdays = {datetime.date.fromisoformat(d): str(n) for d, n in data["workdays"].items()}
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise NoticeError("确认的数据无效，请重新解析通知") from exc
    check(parsed)
    return parsed


@staff_view(can_manage_rulebook)
def import_notice(request: HttpRequest) -> HttpResponse:
    form = NoticeForm()
    preview: ParsedYear | None = None
    text = ""
    if request.method == "POST":
        if request.POST.get("action") == "confirm":
            form = NoticeForm(initial={"source": request.POST.get("source", "")})
            try:
                parsed = _from_payload(request.POST.get("payload", ""))
                counts = import_year(
                    parsed,
                    source=request.POST.get("source", "")[:200],
                    actor=request.user,
                    text=request.POST.get("text", ""),
                )
            except PermissionDenied:
                raise
            except DomainError as exc:
                form.add_error("text", str(exc))
            else:
                messages.success(
                    request,
                    _(
                        "已保存 %(y)s 年工作日历（放假 %(h)s 天，调休上班 %(w)s 天）；已计算各系统待定的期限 %(n)s 条。"
                    )
                    % {
                        "y": parsed.year,
                        "h": len(parsed.holidays),
                        "w": len(parsed.workdays),
                        "n": sum(counts.values()),
                    },
                )
                return redirect("core:calendar_year", year=parsed.year)
        else:
            form = NoticeForm(request.POST, request.FILES)
            if form.is_valid():
                result = _parse(form)
                if result is not None:
                    preview, text = result
    context: dict[str, Any] = {"form": form, "preview": preview, "weekdays": WEEKDAYS}
    if preview is not None:
        context |= {
            "months": month_grid(preview),
            "runs": preview.runs(),
            "workdays": sorted(preview.workdays.items()),
            "payload": _payload(preview),
            "text": text,
            "source": form.cleaned_data.get("source", ""),
        }
    return render(request, "core/calendar/import.html", context)
