"""Pages of the rule book, the working-day calendar and the deadline calculator.

Every staff member reads; only holders of core.manage_rulebook change anything, and every
change goes through the audited functions of fazhi.core.calendar and fazhi.core.rulebook.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core.calendar import (
    MAX_DAYS,
    MAX_MONTHS,
    MAX_YEAR,
    MIN_YEAR,
    RULE_CODE_RE,
    Deadline,
    compute_deadline,
    compute_period,
    create_calendar_year,
    current_rules,
    delete_calendar_day,
    rule_period_label,
    set_calendar_day,
)
from fazhi.core.formats import date_text
from fazhi.core.http import staff_view
from fazhi.core.models import CalendarDay, CalendarYear, DeadlineRule
from fazhi.core.permissions import can_manage_rulebook
from fazhi.core.rulebook import VERSIONED_FIELDS, create_rule_version, validate_rule_values
from fazhi.core.workflow import DomainError

WEEKDAYS = [
    gettext_lazy("周一"),
    gettext_lazy("周二"),
    gettext_lazy("周三"),
    gettext_lazy("周四"),
    gettext_lazy("周五"),
    gettext_lazy("周六"),
    gettext_lazy("周日"),
]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def add_validation_errors(form: forms.Form, exc: ValidationError) -> None:
    """Put the errors of a domain ValidationError next to the form's fields where they exist."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


# --- the rule book -----------------------------------------------------------------------


class RuleVersionForm(forms.Form):
    amount = forms.IntegerField(
        label=gettext_lazy("期限"),
        min_value=0,
        help_text=gettext_lazy("天数、工作日数或月数；“次年固定日期”写作月日，如 301 表示次年 3 月 1 日。"),
    )
    unit = forms.ChoiceField(label=gettext_lazy("单位"), choices=DeadlineRule.Unit.choices)
    direction = forms.ChoiceField(
        label=gettext_lazy("方向"),
        choices=DeadlineRule.Direction.choices,
        help_text=gettext_lazy("“之前”用于在某日之前完成的事项（如有效期届满前评估），不顺延。"),
    )
    extend_on_rest_day = forms.BooleanField(
        label=gettext_lazy("末日逢法定休假日顺延"),
        required=False,
        help_text=gettext_lazy("民法典第二百零三条；有效期、固定日期一般不顺延。"),
    )
    starts_from = forms.CharField(label=gettext_lazy("起算事件"), max_length=100)
    basis = forms.CharField(label=gettext_lazy("法律依据"), max_length=300)
    source_tag = forms.ChoiceField(
        label=gettext_lazy("核实程度"),
        choices=DeadlineRule.SourceTag.choices,
        help_text=gettext_lazy("已核对原文的，改为“已核对原文”。"),
    )
    applies_from = forms.DateField(
        label=gettext_lazy("适用起始日"),
        widget=DateInput(),
        help_text=gettext_lazy("起算日在此日及以后的期限按新版本计算；此前的仍按旧版本。"),
    )
    note = forms.CharField(
        label=gettext_lazy("修改说明"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("写明修改理由和所依据的文件，记入全过程记录。"),
    )

    def __init__(self, *args: Any, latest: DeadlineRule, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.latest = latest

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        values = {name: getattr(self.latest, name) for name in VERSIONED_FIELDS}
        values.update(data)
        try:
            validate_rule_values(values)
        except ValidationError as exc:
            add_validation_errors(self, exc)
            return data
        compared = [n for n in VERSIONED_FIELDS if n not in ("applies_from", "note")]
        if all(values[n] == getattr(self.latest, n) for n in compared) and (
            values["applies_from"] == self.latest.applies_from
        ):
            raise ValidationError(_("与现行版本相同，无需新建版本。"))
        return data


def _rule_rows(today: datetime.date) -> list[dict[str, Any]]:
    """Every code with the version that applies today and any version scheduled later (one query)."""
    rows: dict[str, dict[str, Any]] = {}
    for rule in DeadlineRule.objects.order_by("code", "-version"):
        row = rows.setdefault(rule.code, {"current": None, "scheduled": []})
        if rule.applies_from > today and row["current"] is None:
            row["scheduled"].append(rule)
        elif row["current"] is None:
            row["current"] = rule
    result = []
    for code, row in rows.items():
        rule = row["current"] or row["scheduled"][-1]
        result.append(
            {
                "code": code,
                "rule": rule,
                "period": rule_period_label(rule),
                "scheduled": row["scheduled"] if row["current"] is not None else row["scheduled"][:-1],
                "not_yet": row["current"] is None,
            }
        )
    return result


@staff_view()
def rule_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    return render(
        request,
        "core/rules/list.html",
        {"rows": _rule_rows(today), "today": today, "can_manage": can_manage_rulebook(request.user)},
    )


@staff_view()
def rule_detail(request: HttpRequest, code: str) -> HttpResponse:
    if not RULE_CODE_RE.fullmatch(code):
        raise Http404
    versions = list(DeadlineRule.objects.filter(code=code).select_related("created_by").order_by("-version"))
    if not versions:
        raise Http404
    today = timezone.localdate()
    current = next((v for v in versions if v.applies_from <= today), None)
    return render(
        request,
        "core/rules/detail.html",
        {
            "code": code,
            "latest": versions[0],
            "current": current,
            "versions": [(v, rule_period_label(v)) for v in versions],
            "can_manage": can_manage_rulebook(request.user),
        },
    )


@staff_view(can_manage_rulebook)
def rule_new_version(request: HttpRequest, code: str) -> HttpResponse:
    if not RULE_CODE_RE.fullmatch(code):
        raise Http404
    latest = DeadlineRule.objects.filter(code=code).order_by("-version").first()
    if latest is None:
        raise Http404
    if request.method == "POST":
        form = RuleVersionForm(request.POST, latest=latest)
        if form.is_valid():
            try:
                rule = create_rule_version(code, actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_validation_errors(form, exc)
            except DomainError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request,
                    _("已新建“%(name)s”第 %(version)s 版，自 %(date)s 起适用。")
                    % {"name": rule.name, "version": rule.version, "date": date_text(rule.applies_from)},
                )
                return redirect("core:rule_detail", code=code)
    else:
        initial = {name: getattr(latest, name) for name in VERSIONED_FIELDS}
        initial.update(applies_from=timezone.localdate(), note="")
        form = RuleVersionForm(initial=initial, latest=latest)
    return render(request, "core/rules/new_version.html", {"form": form, "latest": latest, "code": code})


# --- the calendar ------------------------------------------------------------------------


class CalendarYearForm(forms.Form):
    source = forms.CharField(
        label=gettext_lazy("来源"),
        max_length=200,
        help_text=gettext_lazy("如：国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕×号）"),
    )


class CalendarDayForm(forms.Form):
    date = forms.DateField(label=gettext_lazy("日期"), widget=DateInput())
    is_working_day = forms.TypedChoiceField(
        label=gettext_lazy("安排"),
        choices=[("0", gettext_lazy("休息（法定节假日）")), ("1", gettext_lazy("上班（周末调休上班日）"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    name = forms.CharField(
        label=gettext_lazy("节日"), max_length=50, required=False, help_text=gettext_lazy("如：春节、国庆节")
    )

    def __init__(self, *args: Any, year: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.year = year

    def clean_date(self) -> datetime.date:
        day: datetime.date = self.cleaned_data["date"]
        if day.year != self.year:
            raise ValidationError(_("日期须在 %(year)s 年内。") % {"year": self.year})
        return day


class DeleteDayForm(forms.Form):
    date = forms.DateField()


@staff_view()
def calendar_index(request: HttpRequest) -> HttpResponse:
    years = list(
        CalendarYear.objects.annotate(
            rest_days=Count("days", filter=Q(days__is_working_day=False)),
            working_days=Count("days", filter=Q(days__is_working_day=True)),
        ).order_by("-year")
    )
    covered = {y.year for y in years}
    today = timezone.localdate()
    candidates = {today.year, today.year + 1} | ({max(covered) + 1} if covered else set())
    missing = sorted(y for y in candidates if y not in covered and MIN_YEAR <= y <= MAX_YEAR)
    return render(
        request,
        "core/calendar/index.html",
        {"years": years, "missing": missing, "can_manage": can_manage_rulebook(request.user)},
    )


@staff_view()
def calendar_year(request: HttpRequest, year: int) -> HttpResponse:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Http404
    can_manage = can_manage_rulebook(request.user)
    entry = CalendarYear.objects.select_related("updated_by").filter(year=year).first()
    year_form = CalendarYearForm()
    day_form = CalendarDayForm(year=year, initial=_day_initial(request, year))
    if request.method == "POST":
        if not can_manage:
            raise Http404
        action = request.POST.get("action")
        if action == "create_year" and entry is not None:
            messages.error(request, _("%(year)s 年的工作日历已经录入。") % {"year": year})
            return redirect("core:calendar_year", year=year)
        if action in ("set_day", "delete_day") and entry is None:
            messages.error(request, _("请先登记 %(year)s 年及其来源，再录入日期。") % {"year": year})
            return redirect("core:calendar_year", year=year)
        if action == "create_year":
            year_form = CalendarYearForm(request.POST)
            if year_form.is_valid():
                try:
                    create_calendar_year(year, source=year_form.cleaned_data["source"], actor=request.user)
                except ValidationError as exc:
                    add_validation_errors(year_form, exc)
                except DomainError as exc:
                    year_form.add_error(None, str(exc))
                else:
                    messages.success(
                        request,
                        _("已登记 %(year)s 年的工作日历，请逐日录入节假日和调休上班日。") % {"year": year},
                    )
                    return redirect("core:calendar_year", year=year)
        elif action == "set_day":
            day_form = CalendarDayForm(request.POST, year=year)
            if day_form.is_valid():
                data = day_form.cleaned_data
                try:
                    set_calendar_day(
                        data["date"],
                        is_working_day=data["is_working_day"],
                        name=data["name"],
                        actor=request.user,
                    )
                except ValidationError as exc:
                    add_validation_errors(day_form, exc)
                except DomainError as exc:
                    day_form.add_error(None, str(exc))
                else:
                    messages.success(request, _("已保存 %(date)s。") % {"date": date_text(data["date"])})
                    return redirect("core:calendar_year", year=year)
        elif action == "delete_day":
            delete_form = DeleteDayForm(request.POST)
            if delete_form.is_valid():
                day = delete_form.cleaned_data["date"]
                try:
                    delete_calendar_day(day, actor=request.user)
                except DomainError as exc:
                    messages.error(request, str(exc))
                else:
                    messages.success(
                        request, _("已删除 %(date)s 的安排，该日恢复按周一至周五上班计算。") % {"date": day}
                    )
            else:
                messages.error(request, _("请求无效：日期格式不正确。"))
            return redirect("core:calendar_year", year=year)
        elif action == "fill_pending" and entry is not None:
            # The year entered day by day is complete: compute every pending due date now
            # (what the notice import does at once; core.deadlines).
            from fazhi.core.deadlines import fill_all

            counts = fill_all()
            messages.success(request, _("已计算各系统待定的期限 %(n)s 条。") % {"n": sum(counts.values())})
            return redirect("core:calendar_year", year=year)
        else:
            messages.error(request, _("请求无效。"))
            return redirect("core:calendar_year", year=year)
    days = list(CalendarDay.objects.filter(year_id=year).order_by("date")) if entry else []
    return render(
        request,
        "core/calendar/year.html",
        {
            "year": year,
            "entry": entry,
            "days": [(d, WEEKDAYS[d.date.weekday()]) for d in days],
            "rest_count": sum(1 for d in days if not d.is_working_day),
            "working_count": sum(1 for d in days if d.is_working_day),
            "can_manage": can_manage,
            "year_form": year_form,
            "day_form": day_form,
        },
    )


def _day_initial(request: HttpRequest, year: int) -> dict[str, Any]:
    """Pre-fill the day form from ?date=… (the “修改” link of a row)."""
    try:
        day = datetime.date.fromisoformat(request.GET.get("date", ""))
    except ValueError:
        return {"is_working_day": "0"}
    existing = CalendarDay.objects.filter(date=day, year_id=year).first()
    if existing is None:
        return {"date": day, "is_working_day": "0"}
    return {"date": day, "is_working_day": "1" if existing.is_working_day else "0", "name": existing.name}


# --- the deadline calculator -------------------------------------------------------------

UNIT_CHOICES = [
    (DeadlineRule.Unit.WORKING_DAYS.value, gettext_lazy("个工作日")),
    (DeadlineRule.Unit.CALENDAR_DAYS.value, gettext_lazy("日（自然日）")),
    (DeadlineRule.Unit.MONTHS.value, gettext_lazy("个月")),
]


class DeadlineForm(forms.Form):
    start = forms.DateField(
        label=gettext_lazy("起算日"),
        widget=DateInput(),
        help_text=gettext_lazy("该日不计入期间（民法典第二百零一条）。"),
    )
    rule = forms.ChoiceField(label=gettext_lazy("期限规则"), required=False)
    amount = forms.IntegerField(
        label=gettext_lazy("或：期限"),
        required=False,
        min_value=0,
        max_value=MAX_DAYS,
        help_text=gettext_lazy("不选规则时填写。"),
    )
    unit = forms.ChoiceField(label=gettext_lazy("单位"), choices=UNIT_CHOICES, required=False)

    def __init__(self, *args: Any, rules: list[DeadlineRule], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        rule_field = self.fields["rule"]
        assert isinstance(rule_field, forms.ChoiceField)
        rule_field.choices = [("", _("— 不按规则，按下面填写的期限 —"))] + [
            (r.code, f"{r.name}（{rule_period_label(r)}）") for r in rules
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        rule, amount = data.get("rule"), data.get("amount")
        if "amount" in self.errors:
            return data
        if rule and amount is not None:
            raise ValidationError(_("请选择一条期限规则，或填写期限，不要同时填写。"))
        if not rule and amount is None:
            raise ValidationError(_("请选择一条期限规则，或填写期限和单位。"))
        if amount is not None:
            if not data.get("unit"):
                self.add_error("unit", _("请选择单位。"))
            elif data["unit"] == DeadlineRule.Unit.MONTHS and amount > MAX_MONTHS:
                self.add_error("amount", _("月数不得超过 %(max)s。") % {"max": MAX_MONTHS})
        return data


@staff_view()
def deadline_calculator(request: HttpRequest) -> HttpResponse:
    rules = sorted(current_rules(), key=lambda r: r.code)
    form = DeadlineForm(request.GET or None, rules=rules)
    result: Deadline | None = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            if data["rule"]:
                result = compute_deadline(data["start"], data["rule"])
            else:
                kwarg = {
                    DeadlineRule.Unit.WORKING_DAYS: "working_days",
                    DeadlineRule.Unit.CALENDAR_DAYS: "days",
                    DeadlineRule.Unit.MONTHS: "months",
                }[data["unit"]]
                result = compute_period(data["start"], **{kwarg: data["amount"]})
        except DomainError as exc:
            form.add_error(None, str(exc))
    return render(
        request,
        "core/calendar/deadline.html",
        {"form": form, "result": result, "weekday": WEEKDAYS[result.due.weekday()] if result else ""},
    )
