"""Forms of the annual-report pages. They check what a person typed (present, a date, a known
choice); the rules — the required parts, the steps' order and gates, frozen figures once
approved — are checked by the actions, whose Chinese messages the views put next to the field."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.core.formfields import date_field as _date
from fazhi.core.formfields import line_field as _line
from fazhi.core.formfields import text_field as _text
from fazhi.core.models import Organization
from fazhi.reports.models import Part, Phrasing

CHOOSE = _("请选择")
BAD_CHOICE = _("所选项不正确")
ORDERS = [
    ("measures_first", _("主要举措和成效在前（四部分）")),
    ("measures_first_other", _("主要举措和成效在前（含“其他需要报告的情况”）")),
    ("duty_first", _("第一责任人履职情况在前（四部分）")),
    ("duty_first_other", _("第一责任人履职情况在前（含“其他需要报告的情况”）")),
]
PART_ORDERS = {
    "measures_first": [Part.MEASURES, Part.DUTY, Part.SHORTCOMINGS, Part.PLAN],
    "duty_first": [Part.DUTY, Part.MEASURES, Part.SHORTCOMINGS, Part.PLAN],
}
PART_ORDERS["measures_first_other"] = [*PART_ORDERS["measures_first"], Part.OTHER]
PART_ORDERS["duty_first_other"] = [*PART_ORDERS["duty_first"], Part.OTHER]


def _choice(label: Any, choices: Any, **kw: Any) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, choices=choices, error_messages={"required": CHOOSE, "invalid_choice": BAD_CHOICE}, **kw
    )


class CreateReportForm(forms.Form):
    year = forms.IntegerField(
        label=_("报告年度"),
        min_value=2000,
        max_value=2100,
        error_messages={"required": _("请填写报告年度"), "invalid": _("请填写年份数字")},
    )
    order = _choice(_("报告结构"), ORDERS)
    title = _line(
        _("标题"), max_length=200, required=False, help_text=_("留空则为“某机关某年法治政府建设情况报告”")
    )
    preamble = _text(_("导语"), required=False, rows=3)


class SectionForm(forms.Form):
    heading = _line(_("小标题"), max_length=200)
    text = _text(
        _("正文"),
        required=False,
        max_length=20000,
        rows=12,
        help_text=_("每行一段，不支持排版标记；以 {{数字代码}} 引用数字，如 {{documents.issued}}"),
    )


class AddSectionForm(SectionForm):
    part = _choice(_("所属部分"), Part.choices)


class AssignForm(forms.Form):
    section = forms.TypedChoiceField(label=_("章节"), coerce=int, error_messages={"required": CHOOSE})
    division = forms.ModelChoiceField(
        label=_("供稿处室"),
        queryset=Organization.objects.filter(kind=Organization.Kind.DIVISION),
        error_messages={"required": CHOOSE, "invalid_choice": BAD_CHOICE},
    )
    due_on = _date(_("供稿期限"))

    def __init__(self, *args: Any, report: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if report is not None:
            self.fields["section"].choices = [  # type: ignore[attr-defined]
                (s.pk, f"{Part(s.part).label[:12]} · {s.heading}") for s in report.sections.all()
            ]
            self.fields["division"].queryset = Organization.objects.filter(  # type: ignore[attr-defined]
                kind=Organization.Kind.DIVISION, parent=report.agency
            )
        self.fields["division"].label_from_instance = lambda o: o.name  # type: ignore[attr-defined]


class ContributionForm(forms.Form):
    text = _text(_("供稿内容"), max_length=20000, rows=12, help_text=_("每行一段；以 {{数字代码}} 引用数字"))


class EmptyForm(forms.Form):
    pass


class ReturnForm(forms.Form):
    reason = _text(_("退回理由"), rows=3)


class ApproveForm(forms.Form):
    meeting = _line(_("审议会议"), max_length=100, help_text=_("如：党委（党组）会议（2022年第3次）"))
    approved_on = _date(_("审议日期"))


class SubmitForm(forms.Form):
    submitted_to = _line(
        _("报送单位"), max_length=200, help_text=_("如：中共天津市委全面依法治市委员会办公室")
    )
    submitted_on = _date(_("报送日期"))


class SecrecyForm(forms.Form):
    checked_by = _line(_("保密审查人"), max_length=50)
    checked_on = _date(_("保密审查日期"))
    withheld = _text(_("不予公开的内容及理由"), required=False, rows=3, help_text=_("没有则留空"))


class PublishForm(forms.Form):
    published_on = _date(_("公开日期"))
    channel = _line(_("公开载体"), max_length=100, required=False, help_text=_("留空为“本机关门户网站”"))


class PhrasingForm(forms.Form):
    key = _line(_("数字代码"), max_length=80)
    phrasing = _choice(_("表述"), Phrasing.choices)


class ManualFigureForm(forms.Form):
    key = forms.SlugField(
        label=_("代码"),
        max_length=60,
        error_messages={"required": _("请填写代码"), "invalid": _("代码只能包含字母、数字、下划线和连字符")},
    )
    label = _line(_("名称"), max_length=100)
    unit = _line(_("单位"), max_length=10)
    value = forms.DecimalField(
        label=_("数值"),
        max_digits=14,
        decimal_places=2,
        error_messages={"required": _("请填写数值"), "invalid": _("请填写数字")},
    )
    source = _line(_("来源"), max_length=300)
    evidence = forms.FileField(label=_("佐证材料"), required=False)
