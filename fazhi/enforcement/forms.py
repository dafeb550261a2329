"""Forms of the enforcement pages. They check what a person typed (present, a date, an amount,
a known choice); the legal rules — two certified officers (《行政处罚法》第四十二条), the
limitation period (第三十六条), hearing the party first (DOMAIN.md §11), the hearing windows
(第六十四条), the legality check of a major decision (第五十八条), the decision and service
limits (第六十条、第六十一条) — are checked by the actions (actions.py), whose Chinese messages
the views put next to the field they concern."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from fazhi.core.formfields import REQUIRED
from fazhi.core.formfields import date_field as _date
from fazhi.core.formfields import line_field as _line
from fazhi.core.formfields import text_field as _text
from fazhi.core.models import Inspector
from fazhi.enforcement.models import CaseRecord, EnforcementCase

YEAR_RANGE = _("年度应在 2000 年至 2999 年之间")
CHOOSE = _("请选择")
BAD_CHOICE = _("所选项不正确")


def _choice(label: Any, choices: Any, *, required: bool = True, **kw: Any) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        required=required,
        error_messages={"required": CHOOSE, "invalid_choice": BAD_CHOICE},
        **kw,
    )


def _check(label: Any, *, help_text: Any = "") -> forms.BooleanField:
    return forms.BooleanField(label=label, required=False, help_text=help_text)


def _grounds(*, help_text: Any = "") -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=_("重大执法决定情形"),
        choices=EnforcementCase.MajorGround.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=help_text,
        error_messages={"invalid_choice": _("所选情形不正确")},
    )


GROUNDS_HELP = _(
    "有下列情形之一的，作出决定前须经法制审核（《行政处罚法》第五十八条）；经过听证程序的，听证后自动认定。"
)


# --- the list --------------------------------------------------------------------------------


class CaseFilterForm(forms.Form):
    """The list filters, read from GET. A bad value is ignored with a note, never fatal."""

    status = _choice(_("状态"), [("", _("全部")), *EnforcementCase.Status.choices], required=False)
    year = forms.IntegerField(
        label=_("立案年度"),
        required=False,
        min_value=2000,
        max_value=2999,
        widget=forms.NumberInput(attrs={"placeholder": _("如 2026")}),
        error_messages={
            "invalid": _("年度须为四位数字"),
            "min_value": YEAR_RANGE,
            "max_value": YEAR_RANGE,
        },
    )


# --- filing ----------------------------------------------------------------------------------


class OfficerChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(
            _("%(name)s（执法证号 %(number)s，有效期至 %(until)s）")
            % {
                "name": obj.name,
                "number": obj.certificate_number,
                "until": f"{obj.certificate_expires_on:%Y-%m-%d}",
            }
        )


class FileCaseForm(forms.Form):
    """立案. The officers offered are those whose certificate is valid today; how many are
    needed is the action's rule (at least two), said next to the field when it is not met."""

    title = _line(
        _("案由"), max_length=200, missing=_("请填写案由"), help_text=_("如：未取得许可从事实验动物工作")
    )
    category = _choice(
        _("执法类别"), EnforcementCase.Category.choices, initial=EnforcementCase.Category.PENALTY
    )
    party_name = _line(_("当事人"), max_length=200, missing=_("请填写当事人"))
    party_kind = _choice(_("当事人类型"), EnforcementCase.PartyKind.choices, widget=forms.RadioSelect)
    party_code = _line(
        _("统一社会信用代码或身份证件号码"),
        max_length=40,
        required=False,
        help_text=_("自然人的证件号码不予公示"),
    )
    facts = _text(_("案件来源及基本事实"), rows=5, missing=_("请填写案件来源及基本事实"))
    discovered_on = _date(_("发现之日"), help_text=_("违法行为被发现的日期，不晚于今天"))
    violation_occurred_on = _date(
        _("违法行为发生之日"),
        required=False,
        help_text=_("追责期限从违法行为发生之日起计算（《行政处罚法》第三十六条）"),
    )
    continuing_act = _check(
        _("违法行为有连续或者继续状态"),
        help_text=_("有连续或者继续状态的，追责期限从行为终了之日起计算（《行政处罚法》第三十六条）"),
    )
    violation_ended_on = _date(
        _("违法行为终了之日"),
        required=False,
        help_text=_("违法行为有连续或者继续状态的填写"),
    )
    grave_harm = _check(
        _("涉及公民生命健康安全、金融安全且有危害后果"),
        help_text=_("追责期限延长至五年（《行政处罚法》第三十六条）"),
    )
    officers = OfficerChoiceField(
        label=_("执法人员"),
        queryset=Inspector.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("不得少于两人，且持有有效的行政执法证件（《行政处罚法》第四十二条）"),
        error_messages={
            "invalid_choice": _("所选执法人员不在名录中或证件已失效"),
            "invalid_pk_value": BAD_CHOICE,
        },
    )
    major_grounds = _grounds(help_text=GROUNDS_HELP)

    def __init__(self, *args: Any, today: datetime.date, agency_id: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["officers"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = own_officers(Inspector.objects.certified_on(today), agency_id).order_by(
            "certificate_number"
        )


def own_officers(inspectors: Any, agency_id: int | None) -> Any:
    """The officers of the roster an agency may put on its cases: its own roster's."""
    if agency_id is None:
        return inspectors.none()
    return inspectors.filter(agency_id=agency_id)


# --- the steps of a case ---------------------------------------------------------------------


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class RecordForm(forms.Form):
    step = _choice(_("环节"), CaseRecord.Step.choices)
    kind = _choice(
        _("记录形式"), CaseRecord.Kind.choices, initial=CaseRecord.Kind.TEXT, widget=forms.RadioSelect
    )
    title = _line(
        _("记录名称"),
        max_length=200,
        missing=_("请填写记录名称"),
        help_text=_("如：现场检查笔录、询问笔录、送达回证"),
    )
    note = _text(_("说明"), required=False, rows=3)
    attachments = MultipleFileField(
        label=_("文件"),
        required=False,
        help_text=_("笔录、证据材料、照片、音像记录等，可多选；出错后须重新选择文件。"),
        error_messages={"empty": _("文件为空")},
    )


class MajorGroundsForm(forms.Form):
    grounds = _grounds(help_text=GROUNDS_HELP)


class NotifyForm(forms.Form):
    proposed_decision = _text(
        _("拟作出的决定及理由、依据"),
        rows=4,
        missing=_("请填写拟作出的决定及理由、依据"),
        help_text=_("告知当事人拟作出的行政处罚内容及事实、理由、依据"),
    )
    hearing_right = _check(
        _("告知听证权利"),
        help_text=_(
            "较大数额罚款、没收较大数额违法所得、降低资质等级、吊销许可证件、责令停产停业等（《行政处罚法》第六十三条）"
        ),
    )


class StatementForm(forms.Form):
    statement = _text(_("当事人陈述、申辩"), required=False, rows=4)
    waived = _check(_("当事人明确放弃陈述、申辩和听证"), help_text=_("以书面材料为据，并记入全过程记录"))


class RequestHearingForm(forms.Form):
    requested_on = _date(_("申请日期"), required=False, help_text=_("不填为今天"))


class ScheduleHearingForm(forms.Form):
    hearing_on = _date(
        _("听证日期"),
        missing=_("请填写听证日期"),
        help_text=_("今天通知当事人，听证至少在七个工作日之后举行"),
    )


class HearingRecordForm(forms.Form):
    record = _text(_("听证笔录摘要"), rows=5, missing=_("请填写听证笔录摘要"))


class SubmitReviewForm(forms.Form):
    explanation = _text(
        _("送审说明"), required=False, rows=3, help_text=_("不填时以认定的重大执法决定情形为说明")
    )


class DecideForm(forms.Form):
    outcome = _choice(_("决定结果"), EnforcementCase.Outcome.choices, widget=forms.RadioSelect)
    decision_text = _text(_("决定内容"), rows=4, missing=_("请填写决定内容"))
    fine_amount = forms.DecimalField(
        label=_("罚款金额（元）"),
        required=False,
        max_digits=14,
        decimal_places=2,
        help_text=_("给予罚款的填写；不予处罚的不填"),
        error_messages={
            "invalid": _("请填写金额，如 10000 或 10000.50"),
            "max_digits": _("金额过大"),
            "max_whole_digits": _("金额过大"),
            "max_decimal_places": _("金额最多保留两位小数"),
        },
    )
    extension_basis = _line(
        _("依法延长决定期限的规定"),
        max_length=200,
        required=False,
        help_text=_(
            "超过九十日作出决定的，写明法律、法规或者规章的名称和条文，如“《××规定》第××条”（《行政处罚法》第六十条：法律、法规、规章另有规定的，从其规定）"
        ),
    )
    overdue_reason = _text(_("超过决定期限的情况说明"), required=False, rows=2)


class ServeForm(forms.Form):
    served_on = _date(_("送达日期"))
    method = _line(
        _("送达方式"),
        max_length=50,
        missing=_("请填写送达方式"),
        help_text=_("如：直接送达、邮寄送达、电子送达"),
    )
    late_reason = _text(_("逾期送达的理由"), required=False, rows=2)


class ExecuteForm(forms.Form):
    executed_on = _date(_("执行完毕日期"))
    note = _text(_("执行情况"), rows=3, missing=_("请填写执行情况"))


class TransferForm(forms.Form):
    transferred_to = _line(
        _("移送机关"), max_length=100, missing=_("请填写移送机关"), help_text=_("如：天津市公安局")
    )
    reason = _text(_("移送理由"), rows=3, missing=_("请填写移送理由"))


class ReversalForm(forms.Form):
    reversed_on = _date(_("变更、撤销或者确认违法、无效之日"))
    effective_on = _date(
        _("该决定或者裁判发生法律效力之日"),
        required=False,
        help_text=_(
            "不填为同一日（本机关自行纠正）。行政复议决定书送达之日生效；一审判决上诉期满未上诉的生效，上诉的以二审判决为准。撤回公示的三个工作日自生效之日起计算（《行政处罚法》第四十八条）"
        ),
    )
    reason = _text(
        _("变更、撤销或者确认违法、无效的情况"),
        rows=3,
        missing=REQUIRED,
        help_text=_("如：行政复议决定撤销；撤回公示时公开说明该理由"),
    )


class Empty(forms.Form):
    """A step with nothing to type: a button."""
