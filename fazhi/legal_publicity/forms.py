"""Forms of the legal-publicity pages. They check what a person typed (present, a date, a number, a
known choice); the rules — a plan's period, a date not after today, the case named when the law
is explained through one (以案释法), a list item of the activity's division, an item completed
only with an activity recorded against it — are checked by the actions (actions.py), whose
Chinese messages the views put next to the field they concern."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from fazhi.core.agencies import agency_of
from fazhi.core.formfields import date_field as _date
from fazhi.core.formfields import line_field as _line
from fazhi.core.formfields import text_field as _text
from fazhi.core.models import Organization
from fazhi.legal_publicity import actions, permissions
from fazhi.legal_publicity.models import Activity, ResponsibilityItem
from fazhi.legal_publicity.view_helpers import responsibility_year_error

CHOOSE = _("请选择")
BAD_CHOICE = _("所选项不正确")
YEAR_RANGE = _("年度应在 2000 年至 2100 年之间")  # actions.MIN_YEAR, actions.MAX_YEAR


def divisions(agency: Organization | None = None) -> QuerySet[Organization]:
    """The divisions of `agency` (of every agency for None: only a form's placeholder until
    `AgencyDivisionsForm` narrows it)."""
    found = Organization.objects.filter(kind=Organization.Kind.DIVISION)
    if agency is not None:
        found = found.filter(parent=agency)
    return found.order_by("sort_order", "pk")


class AgencyDivisionsForm(forms.Form):
    """A form whose `division` field offers the divisions of the user's agency only."""

    def __init__(self, *args: Any, agency: Organization | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["division"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = divisions(agency) if agency is not None else Organization.objects.none()


def _year(label: Any, *, required: bool = True, **kw: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=actions.MIN_YEAR,
        max_value=actions.MAX_YEAR,
        error_messages={
            "required": _("请填写年度"),
            "invalid": _("年度须为四位数字"),
            "min_value": YEAR_RANGE,
            "max_value": YEAR_RANGE,
        },
        **kw,
    )


def _choice(label: Any, choices: Any, *, required: bool = True, **kw: Any) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        required=required,
        error_messages={"required": CHOOSE, "invalid_choice": BAD_CHOICE},
        **kw,
    )


class DivisionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


def _division(
    label: Any, *, required: bool = True, empty_label: Any = CHOOSE, **kw: Any
) -> DivisionChoiceField:
    return DivisionChoiceField(
        label=label,
        queryset=divisions(),
        required=required,
        empty_label=empty_label,
        error_messages={"required": _("请选择处室"), "invalid_choice": _("所选处室不存在")},
        **kw,
    )


class ResponsibilityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        division = obj.division.short_name or obj.division.name
        return f"{obj.year} {division}：{obj.content[:40]}"


# --- lists -----------------------------------------------------------------------------------


class ResponsibilityFilterForm(AgencyDivisionsForm):
    """The filters of the responsibility list, read from GET. A bad value is ignored with a note."""

    year = _year(_("年度"), required=False, widget=forms.NumberInput(attrs={"placeholder": _("如 2026")}))
    division = _division(_("责任处室"), required=False, empty_label=_("全部"))
    status = _choice(
        _("完成情况"),
        [("", _("全部")), ("open", _("未完成")), ("overdue", _("已逾期未完成")), ("done", _("已完成"))],
        required=False,
    )


class ActivityFilterForm(AgencyDivisionsForm):
    """The filters of the activity list, read from GET. A bad value is ignored with a note."""

    year = _year(_("年度"), required=False, widget=forms.NumberInput(attrs={"placeholder": _("如 2026")}))
    kind = _choice(_("形式"), [("", _("全部")), *Activity.Kind.choices], required=False)
    audience = _choice(_("活动对象"), [("", _("全部")), *Activity.Audience.choices], required=False)
    division = _division(_("组织处室"), required=False, empty_label=_("全部"))


# --- the plan --------------------------------------------------------------------------------


class PlanForm(forms.Form):
    title = _line(_("规划名称"), max_length=200, missing=_("请填写规划名称"))
    start_year = _year(_("起始年度"))
    end_year = _year(_("终止年度"), help_text=_("五年规划，如 2026 年至 2030 年"))
    drafting_started_on = _date(_("开始研究编制日期"), required=False)
    adopted_on = _date(_("印发日期"), help_text=_("规划自印发之日起实施；印发前为编制中"))
    summary = _text(_("主要任务"), rows=6, missing=_("请填写主要任务"))


# --- the responsibility list -----------------------------------------------------------------


class ResponsibilityForm(AgencyDivisionsForm):
    """A row of the year's list: subject, content, audience, standard and time limit
    (谁执法谁普法, 中办发〔2017〕31号)."""

    year = _year(_("年度"))
    division = _division(_("责任处室"))
    content = _text(
        _("普法内容"),
        rows=3,
        missing=_("请填写普法内容"),
        help_text=_("应当宣传的法律法规"),
    )
    audience = _line(_("普法对象"), max_length=200, missing=_("请填写普法对象"))
    standard = _text(_("工作标准"), rows=3, missing=_("请填写工作标准"))
    due_on = _date(_("完成时限"), help_text=_("按责任清单规定的时限录入"))


class CompleteForm(forms.Form):
    evaluation = _text(
        _("完成情况评价"),
        rows=3,
        missing=_("请填写完成情况评价"),
        help_text=_("须已记录落实该事项的普法活动"),
    )


# --- activities ------------------------------------------------------------------------------


class ActivityForm(AgencyDivisionsForm):
    held_on = _date(_("活动日期"))
    division = _division(_("组织处室"))
    kind = _choice(_("形式"), [("", CHOOSE), *Activity.Kind.choices])
    audience = _choice(
        _("活动对象"),
        Activity.Audience.choices,
        widget=forms.RadioSelect,
        help_text=_("系统内部普法与社会普法并重"),
    )
    title = _line(_("活动名称"), max_length=200, missing=_("请填写活动名称"))
    laws = _line(_("宣传的法律法规"), max_length=300, missing=_("请填写宣传的法律法规"))
    reach = forms.IntegerField(
        label=_("覆盖人次"),
        min_value=0,
        max_value=actions.MAX_REACH,
        initial=0,
        error_messages={
            "required": _("请填写覆盖人次"),
            "invalid": _("请填写整数"),
            "min_value": _("不能小于 0"),
            "max_value": _("数值过大"),
        },
    )
    case_used = _text(
        _("所释案例"),
        required=False,
        rows=3,
        help_text=_("形式为“以案释法”的，须写明所释案例"),
    )
    responsibility = ResponsibilityChoiceField(
        label=_("落实的责任清单事项"),
        queryset=ResponsibilityItem.objects.none(),
        required=False,
        empty_label=_("（不关联）"),
        help_text=_("本处室当年普法责任清单中由该活动落实的事项"),
        error_messages={"invalid_choice": _("所选事项不存在或无权查看")},
    )

    def __init__(self, *args: Any, user: Any, today: datetime.date, **kwargs: Any) -> None:
        super().__init__(*args, agency=agency_of(user), **kwargs)
        division = self.fields["division"]
        assert isinstance(division, forms.ModelChoiceField)
        if not permissions.can_manage(user):
            # A division records its own activities; the legal affairs division chooses one of
            # its agency's.
            division.queryset = divisions(agency_of(user)).filter(pk=user.organization_id)
            division.empty_label = None
            division.initial = user.organization_id
        item = self.fields["responsibility"]
        assert isinstance(item, forms.ModelChoiceField)
        # Held on or before today, an activity belongs to this year's list or last year's.
        item.queryset = (
            ResponsibilityItem.objects.visible_to(user)
            .filter(year__in=[today.year, today.year - 1])
            .select_related("division")
            .order_by("-year", "division__sort_order", "division_id", "due_on", "pk")
        )

    def clean(self) -> dict[str, Any] | None:
        data = super().clean()
        assert data is not None
        message = responsibility_year_error(data.get("responsibility"), data.get("held_on"))
        if message:
            self.add_error("responsibility", message)
        return data
