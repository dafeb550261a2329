"""Forms of the major-decision pages. They check what a person typed (present, a date, a known
choice, a reason next to each waiver); the legal rules — the 30-day comment window, the hearing
notice, the order of the procedures, the review gate, the head speaking last, the evaluator who
assessed before — are checked by the actions (actions.py), whose Chinese messages the views put
next to the field they concern."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fazhi.core.formfields import date_field as _date
from fazhi.core.formfields import line_field as _line
from fazhi.core.formfields import text_field as _text
from fazhi.decisions.models import (
    STEP_ORDER,
    WAIVABLE,
    Adjustment,
    DecisionComment,
    DecisionExpert,
    MajorDecision,
    RiskAssessment,
)

YEAR_RANGE = _("年度应在 2000 年至 2999 年之间")

# How many statements the collective-decision form offers, in speaking order.
STATEMENT_ROWS = 6
FILE_HELP = _("PDF、OFD、Word 等；出错后须重新选择文件。")


def _year(label: Any, *, required: bool = False) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=required,
        min_value=2000,
        max_value=2999,
        widget=forms.NumberInput(attrs={"placeholder": _("如 2026")}),
        error_messages={
            "required": _("请填写年度"),
            "invalid": _("年度须为四位数字"),
            "min_value": YEAR_RANGE,
            "max_value": YEAR_RANGE,
        },
    )


def _file(label: Any, missing: Any) -> forms.FileField:
    return forms.FileField(
        label=label, help_text=FILE_HELP, error_messages={"required": missing, "empty": _("文件为空")}
    )


class ExpertChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name}（{obj.organization}，{obj.field}）"


def _expert_field() -> ExpertChoiceField:
    return ExpertChoiceField(
        label=_("论证专家"),
        queryset=DecisionExpert.objects.filter(is_active=True),
        empty_label=_("（从专家库中选择）"),
        error_messages={"required": _("请选择专家"), "invalid_choice": _("所选专家不在专家库中")},
    )


# --- lists -----------------------------------------------------------------------------------


class DecisionFilterForm(forms.Form):
    """The list filters, read from GET. A bad value is ignored with a note, never fatal."""

    year = _year(_("年度"))
    stage = forms.ChoiceField(
        label=_("所处阶段"),
        required=False,
        choices=[("", _("全部")), *MajorDecision.Stage.choices],
        error_messages={"invalid_choice": _("阶段不正确")},
    )


class BoardYearForm(forms.Form):
    year = _year(_("年度"))


# --- proposing -------------------------------------------------------------------------------


def waiver_field(step: str) -> str:
    return f"waive_{step}"


def waiver_reason_field(step: str) -> str:
    return f"waive_{step}_reason"


class ProposeForm(forms.Form):
    """A division proposes a matter for the year's catalog; for each procedure that may be
    waived, a box "不适用" and the reason (legality review and collective decision always apply)."""

    year = _year(_("目录年度"), required=True)
    title = _line(
        _("决策事项名称"),
        max_length=200,
        missing=_("请填写决策事项名称"),
        help_text=_("如：天津市科技创新“十四五”规划"),
    )
    legal_basis = _text(
        _("决策依据"),
        rows=3,
        missing=_("请填写决策依据"),
        help_text=_("据以决策的法律、法规、规章和上级文件。"),
    )
    reason = _text(
        _("列入理由"),
        rows=3,
        missing=_("请填写列入理由"),
        help_text=_("需要解决的问题、必要性和可行性（《重大行政决策程序暂行条例》第十条）。"),
    )
    planned_start = _date(_("计划启动日期"), required=False)
    planned_end = _date(_("计划完成日期"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year
        for step in STEP_ORDER:
            if step not in WAIVABLE:
                continue
            self.fields[waiver_field(step)] = forms.BooleanField(
                label=_("“%(step)s”不适用") % {"step": step.label}, required=False
            )
            self.fields[waiver_reason_field(step)] = _text(
                _("“%(step)s”不适用的理由") % {"step": step.label},
                required=False,
                rows=2,
                max_length=1000,
                help_text=_("勾选“不适用”的，应当说明理由。"),
            )

    def waiver_rows(self) -> list[tuple[Any, Any, Any]]:
        """(procedure, the box, the reason) for the template."""
        return [
            (step.label, self[waiver_field(step)], self[waiver_reason_field(step)])
            for step in STEP_ORDER
            if step in WAIVABLE
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for step in STEP_ORDER:
            if step in WAIVABLE and data.get(waiver_field(step)):
                if not (data.get(waiver_reason_field(step)) or "").strip():
                    self.add_error(
                        waiver_reason_field(step),
                        _("不适用“%(step)s”程序的，应当说明理由") % {"step": step.label},
                    )
        start, end = data.get("planned_start"), data.get("planned_end")
        if start and end and end < start:
            self.add_error("planned_end", _("计划完成日期早于计划启动日期"))
        return data

    def waivers(self) -> dict[str, str]:
        data = self.cleaned_data
        return {
            step.value: data.get(waiver_reason_field(step), "")
            for step in STEP_ORDER
            if step in WAIVABLE and data.get(waiver_field(step))
        }


# --- drafting and public participation ---------------------------------------------------------


class DraftForm(forms.Form):
    draft_text = _text(_("决策草案"), max_length=200_000, rows=12, missing=_("请填写决策草案"))
    explanation = _text(
        _("起草说明"),
        max_length=50_000,
        rows=6,
        missing=_("请填写起草说明"),
        help_text=_("起草背景、依据、主要内容和需要说明的问题；公开征求意见时与草案一并公布。"),
    )


class ConsultationForm(forms.Form):
    closes_on = _date(
        _("征求意见截止日"),
        missing=_("请填写征求意见截止日"),
        help_text=_("自今日起公开征求意见。"),
    )
    short_reason = _text(
        _("缩短期限的理由"),
        required=False,
        rows=2,
        max_length=2000,
        help_text=_("期限少于30日的须说明理由，理由向社会公开。"),
    )


class CommentAnswerForm(forms.Form):
    adoption = forms.ChoiceField(
        label=_("采纳情况"),
        choices=DecisionComment.Adoption.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择采纳情况"), "invalid_choice": _("采纳情况不正确")},
    )
    answer = _text(
        _("答复"),
        required=False,
        rows=2,
        help_text=_("部分采纳或未采纳的，应当说明理由。答复随采纳情况向社会公布。"),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        adoption = data.get("adoption")
        if (
            adoption
            and adoption != DecisionComment.Adoption.ADOPTED
            and not (data.get("answer") or "").strip()
        ):
            self.add_error("answer", _("部分采纳或未采纳的，请填写答复理由"))
        return data


class DuplicateForm(forms.Form):
    """Group a comment with an earlier one that says the same."""

    of = forms.TypedChoiceField(
        label=_("与之重复的意见"),
        coerce=int,
        error_messages={"required": _("请选择与之重复的意见"), "invalid_choice": _("所选意见不存在")},
    )

    def __init__(self, *args: Any, choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["of"].choices = [("", _("（选择意见）")), *choices]  # type: ignore[attr-defined]


class HearingForm(forms.Form):
    held_on = _date(
        _("听证日期"),
        missing=_("请填写听证日期"),
        help_text=_("提前公布决策草案及其说明等材料，明确听证时间、地点；听证参加人名单提前向社会公布。"),
    )
    materials_delivered_on = _date(
        _("听证会材料送达听证参加人之日"),
        required=False,
        help_text=_(
            "不填为今天。听证会材料应当于召开听证会7日前送达听证参加人（《重大行政决策程序暂行条例》第十六条第三款）。"
        ),
    )
    place = _line(_("听证地点"), max_length=200, missing=_("请填写听证地点"))
    participants = _text(
        _("听证参加人"),
        rows=3,
        missing=_("请填写听证参加人"),
        help_text=_("遴选方式和名单，如：企业代表3名（随机抽取）、专家2名、市民代表2名。"),
    )


class ReportForm(forms.Form):
    report = _text(
        _("意见采纳情况报告"),
        max_length=50_000,
        rows=5,
        missing=_("请填写意见采纳情况"),
        help_text=_("征求意见期满、每条意见答复后公布：收到意见情况、采纳情况及不采纳的理由。"),
    )


# --- expert argumentation and risk assessment ------------------------------------------------


class InterestForm(forms.Form):
    expert = _expert_field()
    note = _text(
        _("利害关系说明"),
        rows=2,
        max_length=2000,
        missing=_("请说明利害关系"),
        help_text=_("与决策事项有直接利害关系的专家应当回避，不参加论证。"),
    )


class ExpertOpinionForm(forms.Form):
    expert = _expert_field()
    opinion = _text(_("论证意见"), max_length=50_000, rows=4, missing=_("请填写论证意见"))
    signed_on = _date(_("签署日期"), missing=_("请填写签署日期"))
    signed_copy = _file(_("签字（盖章）的书面意见"), _("请上传专家签字的书面意见"))


class RiskForm(forms.Form):
    assessor = _line(
        _("评估单位"),
        max_length=100,
        missing=_("请填写评估单位"),
        help_text=_("承办处室或委托的第三方机构。"),
    )
    level = forms.ChoiceField(
        label=_("风险等级"),
        choices=RiskAssessment.Level.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择风险等级"), "invalid_choice": _("风险等级不正确")},
    )
    risk_points = _text(_("风险点"), rows=3, missing=_("请填写风险点"))
    mitigations = _text(_("防范化解措施"), rows=3, missing=_("请填写防范化解措施"))
    report = _file(_("风险评估报告"), _("请上传风险评估报告"))


class ReviseForm(forms.Form):
    draft_text = _text(_("调整后的决策草案"), max_length=200_000, rows=10, missing=_("请填写决策草案"))
    note = _text(
        _("调整说明"),
        rows=2,
        max_length=2000,
        missing=_("请说明如何调整以降低风险"),
    )


# --- collective decision and what follows ----------------------------------------------------

ADOPTED_CHOICES = [("yes", _("通过")), ("no", _("未通过"))]


class MeetingForm(forms.Form):
    """The meeting's decision. The statements in speaking order, one per row; the head's
    conclusion is marked and must be the last (713号 Art 30: checked by the action)."""

    # Initial: the agency's own office meeting (`wording(agency).office_meeting`), set by the view.
    meeting_name = _line(_("决策会议"), max_length=100, missing=_("请填写决策会议"))
    meeting_on = _date(_("会议日期"), missing=_("请填写会议日期"))
    attendees = _text(_("出席人员"), rows=2, missing=_("请填写出席人员"))
    dissent = _text(
        _("不同意见"),
        required=False,
        rows=2,
        help_text=_("会议讨论中的不同意见如实记录。"),
    )
    adopted = forms.ChoiceField(
        label=_("会议决定"),
        choices=ADOPTED_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择会议决定"), "invalid_choice": _("会议决定不正确")},
    )
    decision_text = _text(_("决定内容"), max_length=200_000, rows=3, missing=_("请填写决定内容"))
    minutes = _file(_("会议纪要"), _("请上传会议纪要"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for n in range(1, STATEMENT_ROWS + 1):
            self.fields[f"speaker_{n}"] = _line(
                _("第 %(n)s 位发言人") % {"n": n}, max_length=50, required=False
            )
            self.fields[f"statement_{n}"] = _text(_("第 %(n)s 位发言内容") % {"n": n}, required=False, rows=2)
            self.fields[f"head_{n}"] = forms.BooleanField(
                label=_("第 %(n)s 位为行政首长（最后发言）") % {"n": n}, required=False
            )

    def statement_rows(self) -> list[tuple[int, Any, Any, Any]]:
        return [
            (n, self[f"speaker_{n}"], self[f"statement_{n}"], self[f"head_{n}"])
            for n in range(1, STATEMENT_ROWS + 1)
        ]

    def main_fields(self) -> list[Any]:
        return [self[name] for name in ("meeting_name", "meeting_on", "attendees")]

    def closing_fields(self) -> list[Any]:
        return [self[name] for name in ("dissent", "adopted", "decision_text", "minutes")]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        filled = 0
        for n in range(1, STATEMENT_ROWS + 1):
            speaker = (data.get(f"speaker_{n}") or "").strip()
            text = (data.get(f"statement_{n}") or "").strip()
            if speaker and not text:
                self.add_error(f"statement_{n}", _("请填写发言内容"))
            elif text and not speaker:
                self.add_error(f"speaker_{n}", _("请填写发言人"))
            elif data.get(f"head_{n}") and not speaker:
                self.add_error(f"speaker_{n}", _("标为行政首长的一行须填写发言人和发言内容"))
            filled += bool(speaker and text)
        if not filled:
            self.add_error("speaker_1", _("请按发言顺序至少记录一位发言人的意见"))
        return data

    def statements(self) -> list[Any]:
        from fazhi.decisions.actions import Statement

        data = self.cleaned_data
        return [
            Statement(
                speaker=data[f"speaker_{n}"].strip(),
                text=data[f"statement_{n}"].strip(),
                is_head=bool(data.get(f"head_{n}")),
            )
            for n in range(1, STATEMENT_ROWS + 1)
            if (data.get(f"speaker_{n}") or "").strip() and (data.get(f"statement_{n}") or "").strip()
        ]


class PublishForm(forms.Form):
    published_on = _date(_("公布日期"), missing=_("请填写公布日期"))
    channel = _line(
        _("公布载体"),
        max_length=100,
        missing=_("请填写公布载体"),
        help_text=_("如：本机关门户网站、天津日报"),
    )


class ExecutionForm(forms.Form):
    execution_unit = _line(_("执行单位"), max_length=100, missing=_("请填写执行单位"))
    period = _line(_("报告期"), max_length=50, missing=_("请填写报告期"), help_text=_("如：2026年上半年"))
    progress = _text(_("执行进展"), rows=3, missing=_("请填写执行进展"))
    problems = _text(
        _("存在问题"),
        required=False,
        rows=2,
        help_text=_("执行中发现的问题、情况的重大变化或不可抗力，应当及时报告。"),
    )


class EvaluationForm(forms.Form):
    evaluator = _line(
        _("评估单位"),
        max_length=100,
        missing=_("请填写评估单位"),
        help_text=_("承担决策前论证评估的单位不得承担决策后评估。"),
    )
    trigger = _text(
        _("评估原因"),
        rows=2,
        missing=_("请填写评估原因"),
        help_text=_("如：未达到预期效果、公众提出较多意见、实施满一定期限。"),
    )
    report = _text(_("评估报告"), max_length=200_000, rows=4, missing=_("请填写评估报告"))
    conclusion = _text(_("评估结论"), rows=2, missing=_("请填写评估结论"))


class AdjustForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("类型"),
        choices=Adjustment.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择调整或中止"), "invalid_choice": _("类型不正确")},
    )
    reason = _text(_("理由"), rows=3, missing=_("请填写理由"))
    rerun = forms.MultipleChoiceField(
        label=_("需要重新履行的程序"),
        required=False,
        choices=[(s.value, s.label) for s in STEP_ORDER],
        widget=forms.CheckboxSelectMultiple,
        help_text=_("调整决策的，选择需要重新履行的法定程序；事项回到所选程序中的第一项。"),
        error_messages={"invalid_choice": _("所选程序不正确")},
    )


# --- catalog ---------------------------------------------------------------------------------


class CatalogCreateForm(forms.Form):
    year = _year(_("目录年度"), required=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year


class DecisionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title}（{obj.lead_division.name}）"


class CatalogAddForm(forms.Form):
    decision = DecisionChoiceField(
        label=_("拟列入的事项"),
        queryset=MajorDecision.objects.none(),
        empty_label=_("（选择处室提出的事项）"),
        error_messages={"required": _("请选择事项"), "invalid_choice": _("所选事项不能列入本目录")},
    )

    def __init__(self, *args: Any, queryset: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = queryset  # type: ignore[attr-defined]


class CatalogRemoveForm(forms.Form):
    decision = DecisionChoiceField(
        label=_("调出的事项"),
        queryset=MajorDecision.objects.none(),
        empty_label=_("（选择目录中的事项）"),
        error_messages={"required": _("请选择事项"), "invalid_choice": _("所选事项不在本目录中")},
    )
    reason = _text(_("调出理由"), rows=2, max_length=2000, missing=_("请填写调出理由"))

    def __init__(self, *args: Any, queryset: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = queryset  # type: ignore[attr-defined]


class CatalogChangeForm(forms.Form):
    decision = DecisionChoiceField(
        label=_("变更的事项"),
        queryset=MajorDecision.objects.none(),
        empty_label=_("（选择目录中的事项）"),
        error_messages={"required": _("请选择事项"), "invalid_choice": _("所选事项不在本目录中")},
    )
    title = _line(_("调整后的事项名称"), max_length=200, missing=_("请填写事项名称"))
    planned_end = forms.DateField(
        label=_("调整后的计划完成日期"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("请输入有效日期")},
    )
    reason = _text(_("变更理由"), rows=2, max_length=2000, missing=_("请填写变更理由"))

    def __init__(self, *args: Any, queryset: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = queryset  # type: ignore[attr-defined]


class CatalogApproveForm(forms.Form):
    meeting = _line(
        _("审议会议"),
        max_length=100,
        missing=_("请填写审议会议"),
        help_text=_("目录经同级党委（党组）同意后公布。"),
    )
    approved_on = _date(_("审议日期"), missing=_("请填写审议日期"))


class CatalogAdjustForm(forms.Form):
    note = _text(
        _("调整说明"),
        rows=3,
        max_length=2000,
        missing=_("请填写调整说明"),
        help_text=_("由承办单位提出，调整后的目录经审议后公布。"),
    )


# --- the expert pool -------------------------------------------------------------------------


class ExpertForm(forms.Form):
    name = _line(_("姓名"), max_length=50, missing=_("请填写姓名"))
    organization = _line(_("工作单位"), max_length=100, missing=_("请填写工作单位"))
    field = _line(_("专业领域"), max_length=100, missing=_("请填写专业领域"))
    is_active = forms.BooleanField(
        label=_("在库"),
        required=False,
        initial=True,
        help_text=_("出库的专家不再被选为论证专家，其已出具的意见保留。"),
    )
