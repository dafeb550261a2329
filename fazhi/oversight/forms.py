"""Forms of the oversight pages. They check what a person typed; the rules — a leader from the
leadership, every finding's task done and its evidence recorded before the report — are checked
by the actions, whose Chinese messages the views put next to the field they concern."""

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
from fazhi.oversight.actions import MAX_YEAR, MIN_YEAR
from fazhi.oversight.models import HeadPart, Oversight

CHOOSE = _("请选择")
BAD_CHOICE = _("所选项不正确")
YEAR_RANGE = _("年度应在 2000 年至 2100 年之间")


def _choice(label: Any, choices: Any, **kw: Any) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, choices=choices, error_messages={"required": CHOOSE, "invalid_choice": BAD_CHOICE}, **kw
    )


def _agency_of(form: forms.Form) -> int | None:
    """The agency of the record a step's form is for: the page passes it in the form's initial
    values (`agency_id`), to the posted form too (core.pages), so another agency's division or
    leader is not a valid choice, nor offered when the form is shown again."""
    return (form.initial or {}).get("agency_id")


def leadership(agency_id: int | None = None) -> QuerySet[User]:
    """The active leaders of an agency (of every agency when none is given)."""
    found = User.objects.filter(groups__name=Role.LEADERSHIP, is_active=True)
    if agency_id is not None:
        found = found.filter(Q(organization_id=agency_id) | Q(organization__parent_id=agency_id))
    return found.order_by("full_name", "pk")


def divisions(agency_id: int | None = None) -> QuerySet[Organization]:
    """The divisions of an agency (every division when none is given)."""
    found = Organization.objects.filter(kind=Organization.Kind.DIVISION)
    if agency_id is not None:
        found = found.filter(parent_id=agency_id)
    return found.order_by("sort_order", "pk")


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


class NameChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


def _leader(label: Any) -> PersonChoiceField:
    return PersonChoiceField(
        label=label,
        queryset=User.objects.none(),
        empty_label=CHOOSE,
        error_messages={"required": _("请选择机关领导"), "invalid_choice": _("所选人员不是机关领导")},
    )


class OversightForm(forms.Form):
    kind = _choice(_("类别"), [("", CHOOSE), *Oversight.Kind.choices])
    year = forms.IntegerField(
        label=_("年度"),
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
        error_messages={
            "required": _("请填写年度"),
            "invalid": _("年度须为四位数字"),
            "min_value": YEAR_RANGE,
            "max_value": YEAR_RANGE,
        },
    )
    title = _line(_("名称"), max_length=200, missing=_("请填写名称"))
    conducted_by = _line(_("组织或实施单位"), max_length=200, missing=_("请填写组织或实施单位"))
    team = _text(_("工作组成员"), required=False, rows=2)
    started_on = _date(_("开始日期"))
    ended_on = _date(_("结束日期"), required=False)
    scope = _text(_("评估或督察内容"), rows=4, missing=_("请填写评估或督察内容"))
    method = _text(
        _("方式"), required=False, rows=2, help_text=_("如：听取汇报、查阅资料、实地察看、问卷调查")
    )


class HeadPartForm(forms.Form):
    kind = _choice(_("方式"), [("", CHOOSE), *HeadPart.Kind.choices])
    leader = _leader(_("机关领导"))
    on = _date(_("日期"))
    content = _text(_("内容"), rows=3, missing=_("请填写内容"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = leadership(_agency_of(self))  # type: ignore[attr-defined]


class FeedbackForm(forms.Form):
    feedback_on = _date(_("反馈意见日期"))
    ended_on = _date(_("结束日期"), required=False)
    result = _text(_("评估或督察结论"), rows=4, missing=_("请填写评估或督察结论"))


class FindingForm(forms.Form):
    text = _text(_("问题"), rows=3, missing=_("请填写问题"))
    measures = _text(_("整改措施"), required=False, rows=3)
    division = NameChoiceField(
        label=_("责任处室"),
        queryset=Organization.objects.none(),
        empty_label=CHOOSE,
        error_messages={"required": _("请选择责任处室"), "invalid_choice": _("所选处室不存在")},
    )
    lead = _leader(_("分管领导"))
    due_on = _date(_("整改时限"), missing=_("请填写整改时限"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agency_id = _agency_of(self)
        self.fields["division"].queryset = divisions(agency_id)  # type: ignore[attr-defined]
        self.fields["lead"].queryset = leadership(agency_id)  # type: ignore[attr-defined]


class EvidenceForm(forms.Form):
    evidence = _text(
        _("整改完成佐证"),
        rows=3,
        missing=_("请填写整改完成佐证"),
        help_text=_("如：制定的制度文件、会议纪要、整改前后对比"),
    )


class CloseForm(forms.Form):
    closed_on = _date(_("整改报告报送日期"))
    report_to = _line(_("整改报告报送单位"), max_length=200, required=False)
    report = _text(_("整改报告"), max_length=100_000, rows=8, missing=_("请填写整改报告"))
