"""Forms of the law-study pages. They check what a person typed; the rules are the actions'."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fazhi.core.agencies import scoped
from fazhi.core.formfields import date_field, line_field, text_field
from fazhi.core.models import Law, LawVersion
from fazhi.learning.actions import BlueprintSpec
from fazhi.learning.models import Category, Employee, Exam, Question, StudySession

KINDS = {str(label): value for value, label in Question.Kind.choices}
CATEGORIES = {str(label): value for value, label in Category.choices}


def _choice(label: Any, choices: Any, **kw: Any) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        error_messages={"required": _("请选择"), "invalid_choice": _("所选项不正确")},
        **kw,
    )


def own_roster(form: forms.Form, user: Any) -> None:
    """Limit the form's employee choices to the roster of the user's own agency."""
    for field in form.fields.values():
        if isinstance(field, EmployeeField) and field.queryset is not None:
            field.queryset = scoped(field.queryset, user)


class EmployeeField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.full_name}（{obj.unit}）"


class ExamForm(forms.Form):
    title = line_field(_("考试名称"), max_length=200)
    kind = _choice(_("考试类型"), Exam.Kind.choices)
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    opens_at = forms.DateTimeField(
        label=_("开考时间"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    closes_at = forms.DateTimeField(
        label=_("截止时间"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    time_limit_minutes = forms.IntegerField(label=_("答题时限（分钟）"), min_value=1, max_value=600)
    blueprint = text_field(
        _("组卷规则"),
        help_text=_("每行一条：类别,题型,题数,每题分值，如“科技法律法规,单选题,10,2”。"),
    )
    roster = _choice(
        _("应考人员"), [("all", _("名册中全体在职人员")), ("one", _("指定一人（任前考试）"))], initial="all"
    )
    candidate = EmployeeField(
        label=_("指定人员"), queryset=Employee.objects.filter(is_active=True), required=False
    )

    def clean_blueprint(self) -> list[BlueprintSpec]:
        lines = []
        for n, raw in enumerate(self.cleaned_data["blueprint"].splitlines(), start=1):
            if not raw.strip():
                continue
            parts = [p.strip() for p in raw.replace("，", ",").split(",")]
            try:
                category, kind, count, points = parts
                spec = BlueprintSpec(CATEGORIES[category], KINDS[kind], int(count), Decimal(points))
            except (ValueError, KeyError, InvalidOperation) as exc:
                raise forms.ValidationError(_("第 %(n)s 行格式不正确") % {"n": n}) from exc
            lines.append(spec)
        if not lines:
            raise forms.ValidationError(_("请设置组卷规则"))
        return lines

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("roster") == "one" and not data.get("candidate"):
            self.add_error("candidate", _("请选择应考人员"))
        return data


class ReapproveForm(forms.Form):
    note = line_field(_("复核意见"), max_length=300, required=False)


class PromotionForm(forms.Form):
    employee = EmployeeField(label=_("拟任人选"), queryset=Employee.objects.filter(is_active=True))
    post = line_field(_("拟任职务"), max_length=100)
    appointed_on = date_field(_("拟任职日期"))


class SessionForm(forms.Form):
    kind = _choice(_("形式"), StudySession.Kind.choices)
    held_on = date_field(_("日期"))
    topic = line_field(_("主题"), max_length=200)
    laws_text = line_field(_("学习的法律法规"), max_length=300)
    attendees = text_field(_("参加人员"), help_text=_("每行一人"))


class RuleForm(forms.Form):
    value = forms.IntegerField(label=_("取值"), min_value=0, max_value=100)
    basis = text_field(_("依据"), help_text=_("本机关的文件或会议纪要；尚未确认的请保留“待确认”"))
    valid_from = date_field(_("适用日期"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["valid_from"].initial = timezone.localdate()


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Excel 文件（.xlsx）"), error_messages={"required": _("请选择文件")})


def local(value: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(value)


class LawVersionField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"《{obj.law.title}》{obj.label}（{obj.effective_on:%Y-%m-%d} 施行）"


class QuestionForm(forms.Form):
    code = line_field(_("题号"), max_length=20)
    kind = _choice(_("题型"), Question.Kind.choices)
    category = _choice(_("类别"), Category.choices)
    stem = text_field(_("题干"), max_length=2000)
    options = text_field(
        _("选项"),
        required=False,
        max_length=2000,
        help_text=_("选择题每行一个选项，依次为 A、B、C……；判断题和填空题不填"),
    )
    answer = line_field(
        _("答案"),
        max_length=200,
        help_text=_("单选如 B；多选如 ACD；判断题填“对”或“错”；填空题多个可接受的答案以 | 分隔"),
    )
    explanation = text_field(_("解析"), required=False, max_length=2000)
    law_version = LawVersionField(
        label=_("所依据的法律法规版本"),
        queryset=LawVersion.objects.select_related("law")
        .exclude(kind=LawVersion.Kind.REPEALED)
        .order_by("law__title", "-effective_on"),
        required=False,
    )
    article = line_field(_("条款"), max_length=50, required=False)
    tags = line_field(_("标签"), max_length=200, required=False)

    def clean_options(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["options"].splitlines() if line.strip()]


class EmployeeForm(forms.Form):
    full_name = line_field(_("姓名"), max_length=50)
    unit = line_field(
        _("单位"), max_length=100, help_text=_("与全市考试系统导出的单位名称一致，如“市××局××处”")
    )
    post = line_field(_("职务"), max_length=100, required=False)
    username = line_field(_("平台账号（用户名）"), max_length=150, required=False)


class LawField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"《{obj.title}》"


class RequiredLawForm(forms.Form):
    post = line_field(_("岗位"), max_length=100)
    law = LawField(label=_("法律法规"), queryset=Law.objects.order_by("title"))
    note = line_field(_("说明"), max_length=200, required=False)
