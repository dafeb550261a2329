"""Forms of the government-service pages. They check what a person typed (present, a date, a
number, a known choice); the rules — a matter excluded from notification-commitment, the
verification time a commitment matter must set, the applicant's free choice, an applicant
barred until their credit is repaired, the consequence of a false commitment, a date not after
today — are checked by the actions (actions.py), whose Chinese messages the views put next to
the field they concern."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.core.formfields import date_field as _date
from fazhi.core.formfields import line_field as _line
from fazhi.core.formfields import text_field as _text
from fazhi.services.models import Commitment, DelegatedPower, ServiceMatter
from fazhi.services.view_helpers import (
    MAX_YEAR,
    MIN_YEAR,
    commitment_matters,
    districts,
    divisions,
    matters_with_commitments,
)

CHOOSE = _("请选择")
BAD_CHOICE = _("所选项不正确")
ALL = _("全部")
YEAR_RANGE = _("年度应在 2000 年至 2100 年之间")
YES_NO = [("", ALL), ("yes", _("是")), ("no", _("否"))]


def _choice(label: Any, choices: Any, *, required: bool = True, **kw: Any) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        required=required,
        error_messages={"required": CHOOSE, "invalid_choice": BAD_CHOICE},
        **kw,
    )


def _flag(label: Any, **kw: Any) -> forms.BooleanField:
    return forms.BooleanField(label=label, required=False, **kw)


class NameChoiceField(forms.ModelChoiceField):
    """An organization by its name."""

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class MatterChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.code} {obj.name}"


def _organization(label: Any, queryset: Any, missing: Any, *, required: bool = True, **kw: Any) -> Any:
    return NameChoiceField(
        label=label,
        queryset=queryset,
        required=required,
        empty_label=CHOOSE if required else ALL,
        error_messages={"required": missing, "invalid_choice": _("所选单位不存在")},
        **kw,
    )


# --- lists -----------------------------------------------------------------------------------


class MatterFilterForm(forms.Form):
    """The filters of the catalog, read from GET. A bad value is ignored with a note."""

    kind = _choice(_("事项类型"), [("", ALL), *ServiceMatter.Kind.choices], required=False)
    commitment = _choice(_("实行告知承诺制"), YES_NO, required=False)
    published = _choice(_("已在网上办事大厅公开"), YES_NO, required=False)


class CommitmentFilterForm(forms.Form):
    year = forms.IntegerField(
        label=_("承诺年度"),
        required=False,
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
        widget=forms.NumberInput(attrs={"placeholder": _("如 2026")}),
        error_messages={"invalid": _("年度须为四位数字"), "min_value": YEAR_RANGE, "max_value": YEAR_RANGE},
    )
    status = _choice(
        _("状态"), [("", ALL), ("overdue", _("已超过核查期限")), *Commitment.Status.choices], required=False
    )
    matter = MatterChoiceField(
        label=_("事项"),
        queryset=ServiceMatter.objects.none(),
        required=False,
        empty_label=ALL,
        error_messages={"invalid_choice": _("所选事项不存在")},
    )

    def __init__(self, *args: Any, agency_id: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        matter = self.fields["matter"]
        assert isinstance(matter, forms.ModelChoiceField)
        matter.queryset = matters_with_commitments(agency_id)


class CreditFilterForm(forms.Form):
    state = _choice(
        _("修复情况"), [("", ALL), ("open", _("未修复")), ("repaired", _("已修复"))], required=False
    )


class PowerFilterForm(forms.Form):
    status = _choice(_("状态"), [("", ALL), *DelegatedPower.Status.choices], required=False)
    recipient = _organization(_("承接单位"), districts(), CHOOSE, required=False)


# --- matters ---------------------------------------------------------------------------------


class CommitmentTermsForm(forms.Form):
    """Whether and how a matter runs under notification-commitment (国办发〔2020〕42号)."""

    commitment_allowed = _flag(
        _("实行告知承诺制"), help_text=_("须写明以承诺替代的证明材料、核查方式和核查时限")
    )
    excluded_reason = _text(
        _("不适用告知承诺制的理由"),
        required=False,
        rows=2,
        help_text=_(
            "直接涉及国家安全、国家秘密、公共安全、金融业审慎监管、生态环境保护和人身健康、生命财产安全以及重要涉外等的事项不适用"
        ),
    )
    proof_replaced = _text(_("以承诺替代的证明材料"), required=False, rows=2)
    verification_method = _line(_("核查方式"), max_length=200, required=False)
    verification_days = forms.IntegerField(
        label=_("核查时限"),
        required=False,
        help_text=_("由事项确定的天数（1 至 365）；没有全国统一时限"),
        error_messages={"invalid": _("请填写整数")},
    )
    day_kind = _choice(
        _("核查时限单位"), ServiceMatter.DayKind.choices, initial=ServiceMatter.DayKind.WORKING
    )
    supervision_rules = _text(_("事中事后监管细则"), required=False, rows=3)


class MatterForm(CommitmentTermsForm):
    """A matter of the catalog with its notification-commitment terms."""

    code = _line(_("事项编码"), max_length=50, missing=_("请填写事项编码"))
    name = _line(_("事项名称"), max_length=200, missing=_("请填写事项名称"))
    kind = _choice(_("事项类型"), [("", CHOOSE), *ServiceMatter.Kind.choices])
    division = _organization(_("承办处室"), divisions(), _("请选择承办处室"))
    basis = _text(_("设定依据"), rows=2, missing=_("请填写设定依据"))
    published = _flag(_("已在网上办事大厅公开"))

    field_order = ["code", "name", "kind", "division", "basis", "published"]

    def __init__(self, *args: Any, agency_id: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        division = self.fields["division"]
        assert isinstance(division, forms.ModelChoiceField)
        division.queryset = divisions(agency_id)  # the divisions of the user's own agency


# --- commitments -----------------------------------------------------------------------------


class AcceptForm(forms.Form):
    matter = MatterChoiceField(
        label=_("事项"),
        queryset=ServiceMatter.objects.none(),
        empty_label=CHOOSE,
        help_text=_("告知承诺制清单中的事项"),
        error_messages={"required": _("请选择事项"), "invalid_choice": _("所选事项不存在或未实行告知承诺制")},
    )
    applicant = _line(_("申请人"), max_length=200, missing=_("请填写申请人"))
    applicant_code = _line(
        _("统一社会信用代码或身份证件号码"), max_length=40, missing=_("请填写统一社会信用代码或身份证件号码")
    )
    signed_on = _date(_("承诺日期"))
    chose_commitment = _flag(
        _("申请人自愿选择告知承诺方式"),
        help_text=_("已一次性书面告知证明义务、证明内容和虚假承诺的责任，申请人自愿选择以承诺替代证明"),
    )

    def __init__(self, *args: Any, agency_id: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        matter = self.fields["matter"]
        assert isinstance(matter, forms.ModelChoiceField)
        matter.queryset = commitment_matters(agency_id)


class WithdrawForm(forms.Form):
    withdrawn_on = _date(_("撤回日期"))


class VerifyForm(forms.Form):
    verified_on = _date(_("核查日期"))
    truthful = _choice(
        _("核查结果"),
        [("yes", _("承诺属实")), ("no", _("承诺不实（虚假承诺）"))],
        widget=forms.RadioSelect,
    )
    note = _text(_("核查情况"), rows=3, missing=_("请填写核查情况"))
    consequence = _choice(
        _("处理"),
        [("", CHOOSE), *Commitment.Consequence.choices],
        required=False,
        help_text=_("承诺不实的必选；同时记入告知承诺失信记录"),
    )


class RepairForm(forms.Form):
    reason = _text(_("信用修复情况"), rows=3, missing=_("请填写信用修复情况"))


# --- delegated powers ------------------------------------------------------------------------


class DelegateForm(forms.Form):
    name = _line(_("权力事项"), max_length=200, missing=_("请填写权力事项"))
    recipient = _organization(_("承接单位"), districts(), _("请选择承接单位"))
    document = _line(
        _("下放依据"), max_length=200, missing=_("请填写下放依据"), help_text=_("下放文件的名称和文号")
    )
    delegated_on = _date(_("下放日期"))


class TrainingForm(forms.Form):
    held_on = _date(_("培训指导日期"))


class WithdrawPowerForm(forms.Form):
    reason = _text(_("收回理由"), rows=3, missing=_("请填写收回理由"))
