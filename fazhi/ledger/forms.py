"""Forms of the ledger pages. They check what a person typed (present, a date, a number in range,
a known choice); the rules — a leader in charge from the leadership, a division of the bureau,
prerequisites of the same year, sign-off only at 100% with every prerequisite done, an answer
date not before today, the assessment once the task is done or its date has passed — are
checked by the actions (actions.py), whose Chinese messages the views put next to the field
they concern."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from fazhi.core.formfields import date_field as _date
from fazhi.core.formfields import line_field as _line
from fazhi.core.formfields import text_field as _text
from fazhi.core.models import Organization, User
from fazhi.core.roles import Role
from fazhi.ledger.actions import MAX_YEAR, MIN_YEAR
from fazhi.ledger.models import LedgerItem

CHOOSE = _("请选择")
BAD_CHOICE = _("所选项不正确")
YEAR_RANGE = _("年度应在 2000 年至 2100 年之间")  # actions.MIN_YEAR, actions.MAX_YEAR
PROGRESS_RANGE = _("进度应当在 0 至 100 之间")


def leadership(agency: Organization | None) -> QuerySet[User]:
    """The agency's leaders: the leaders in charge of tasks and the leading group's heads."""
    return (
        User.objects.filter(groups__name=Role.LEADERSHIP, is_active=True)
        .filter(Q(organization=agency) | Q(organization__parent=agency))
        .select_related("organization")
        .order_by("full_name", "pk")
    )


def divisions(agency: Organization | None) -> QuerySet[Organization]:
    """The agency's divisions."""
    return Organization.objects.filter(kind=Organization.Kind.DIVISION, parent=agency).order_by(
        "sort_order", "pk"
    )


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.display_name}（{obj.title}）" if obj.title else str(obj.display_name)


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.display_name}（{obj.title}）" if obj.title else str(obj.display_name)


class TaskChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title}（{obj.division.short_name or obj.division.name}，{obj.due_on:%Y-%m-%d}）"


def _year_field(**kw: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=_("年度"),
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
        error_messages={
            "required": _("请填写年度"),
            "invalid": _("年度须为四位数字"),
            "min_value": YEAR_RANGE,
            "max_value": YEAR_RANGE,
        },
        **kw,
    )


def _choice(label: Any, choices: Any, **kw: Any) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, choices=choices, error_messages={"required": CHOOSE, "invalid_choice": BAD_CHOICE}, **kw
    )


# --- a task ----------------------------------------------------------------------------------


class ItemForm(forms.Form):
    """A key task put on the ledger. The prerequisites offered are the tasks of `year` (the year
    posted, else the one the page was opened for) that are not cancelled."""

    year = _year_field()
    title = _line(_("任务"), max_length=200, missing=_("请填写任务"))
    description = _text(_("目标和措施"), required=False, rows=4)
    source = _line(_("任务来源"), max_length=100, required=False, help_text=_("如：党委（党组）年度工作要点"))
    division = forms.ModelChoiceField(
        label=_("责任处室"),
        queryset=Organization.objects.none(),
        empty_label=CHOOSE,
        error_messages={"required": _("请选择责任处室"), "invalid_choice": _("所选处室不存在")},
    )
    lead = PersonChoiceField(
        label=_("分管领导"),
        queryset=User.objects.none(),
        empty_label=CHOOSE,
        error_messages={"required": _("请选择分管领导"), "invalid_choice": _("所选人员不是本机关领导")},
    )
    due_on = _date(_("完成时限"), missing=_("请填写完成时限"))
    blocked_by = TaskChoiceField(
        label=_("前置任务"),
        queryset=LedgerItem.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("须先完成的同一年度任务；前置任务未完成的，不能提请确认完成"),
        error_messages={"invalid_choice": _("所选前置任务不是该年度的任务"), "invalid_pk_value": BAD_CHOICE},
    )

    def __init__(self, *args: Any, year: int, agency: Organization | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.is_bound:
            try:
                year = int(self.data.get("year", year))
            except (TypeError, ValueError):
                pass
        self._set_queryset("division", divisions(agency))
        self._set_queryset("lead", leadership(agency))
        self._set_queryset(
            "blocked_by",
            LedgerItem.objects.filter(agency=agency, year=year)
            .exclude(status=LedgerItem.Status.CANCELLED)
            .select_related("division")
            .order_by("due_on", "pk"),
        )

    def _set_queryset(self, name: str, queryset: QuerySet[Any]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = queryset


# --- the steps of a task ---------------------------------------------------------------------


class Empty(forms.Form):
    """A step with nothing to type: a button."""


class ProgressForm(forms.Form):
    progress = forms.IntegerField(
        label=_("进度（%）"),
        min_value=0,
        max_value=100,
        error_messages={
            "required": _("请填写进度"),
            "invalid": _("请填写整数"),
            "min_value": PROGRESS_RANGE,
            "max_value": PROGRESS_RANGE,
        },
    )
    note = _text(_("进展情况"), rows=3, missing=_("请填写进展情况"))


class ReasonForm(forms.Form):
    reason = _text(_("退回理由"), rows=2, missing=_("请填写退回理由"))


class CancelForm(forms.Form):
    reason = _text(_("撤销理由"), rows=2, missing=_("请填写撤销理由"))


class SuperviseForm(forms.Form):
    instruction = _text(_("督办意见"), rows=3, missing=_("请填写督办意见"))
    respond_by = _date(
        _("反馈时限"),
        missing=_("请填写反馈时限"),
        help_text=_("责任处室应于此日前反馈落实情况；由督办的领导确定"),
    )


class RespondForm(forms.Form):
    """The answer to one supervision; which one travels in a hidden field."""

    supervision = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    response = _text(_("反馈情况"), rows=3, missing=_("请填写反馈情况"))


class AssessForm(forms.Form):
    assessment = _choice(
        _("年终评价"), [("", CHOOSE), *LedgerItem.Assessment.choices], widget=forms.RadioSelect
    )
    note = _text(
        _("评价意见"), required=False, rows=2, help_text=_("评价为“基本完成”或“未完成”的，须写明评价意见")
    )


# --- the leading group -----------------------------------------------------------------------


class LeadingGroupForm(forms.Form):
    """The leading group of a year: the head and deputies from the leadership, and the office's
    members, who are the heads of the divisions chosen."""

    year = _year_field(widget=forms.HiddenInput)
    head = PersonChoiceField(
        label=_("组长"),
        queryset=User.objects.none(),
        empty_label=CHOOSE,
        help_text=_("一般由主要负责人担任"),
        error_messages={"required": _("请选择组长"), "invalid_choice": _("所选人员不是本机关领导")},
    )
    deputies = PeopleChoiceField(
        label=_("副组长"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("所选人员不是本机关领导"), "invalid_pk_value": BAD_CHOICE},
    )
    divisions = forms.ModelMultipleChoiceField(
        label=_("办公室成员所在处室"),
        queryset=Organization.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("所选处室的处室负责人列为领导小组办公室成员"),
        error_messages={"invalid_choice": _("所选处室不存在"), "invalid_pk_value": BAD_CHOICE},
    )

    def __init__(self, *args: Any, agency: Organization | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, queryset in (
            ("head", leadership(agency)),
            ("deputies", leadership(agency)),
            ("divisions", divisions(agency)),
        ):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = queryset

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        head, deputies = data.get("head"), list(data.get("deputies") or [])
        if head is not None and head in deputies:
            self.add_error("deputies", _("组长不能同时担任副组长"))
        for name, people in (("head", [head] if head else []), ("deputies", deputies)):
            lacking = [p.display_name for p in people if p.organization_id is None]
            if lacking:
                self.add_error(
                    name, _("%(names)s 未设置所在单位，请先在账户中设置") % {"names": "、".join(lacking)}
                )
        chosen = list(data.get("divisions") or [])
        heads = division_heads(chosen)
        without = [d.name for d in chosen if d.pk not in heads]
        if without:
            self.add_error("divisions", _("%(names)s 尚无处室负责人账户") % {"names": "、".join(without)})
        data["members"] = [person for d in chosen for person in heads.get(d.pk, [])]
        return data


def division_heads(chosen: list[Organization]) -> dict[int, list[User]]:
    """The active division heads of each division chosen (one query)."""
    heads: dict[int, list[User]] = {}
    people = (
        User.objects.filter(organization__in=chosen, groups__name=Role.DIVISION_HEAD, is_active=True)
        .select_related("organization")
        .order_by("full_name", "pk")
        .distinct()
    )
    for person in people:
        assert person.organization_id is not None
        heads.setdefault(person.organization_id, []).append(person)
    return heads
