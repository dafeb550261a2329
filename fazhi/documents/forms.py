"""Forms of the normative-document pages. They check what a person typed (present, a date, a
known choice); the legal rules — the minimum comment window, the review gate, the order of the
dates — are checked by the actions (actions.py), whose Chinese messages the views put next to
the field they concern."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from fazhi.core.formfields import TOO_LONG
from fazhi.core.formfields import date_field as _date
from fazhi.core.formfields import line_field as _line
from fazhi.core.formfields import text_field as _text
from fazhi.documents.models import CleanupItem, Comment, Filing, NormativeDocument, ValidityEvent

S = NormativeDocument.Status
E = ValidityEvent.Kind


def _year(label: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=2000,
        max_value=2999,
        widget=forms.NumberInput(attrs={"placeholder": _("如 2026")}),
        error_messages={
            "invalid": _("年度须为四位数字"),
            "min_value": _("年度应在 2000 年至 2999 年之间"),
            "max_value": _("年度应在 2000 年至 2999 年之间"),
        },
    )


# --- lists ---------------------------------------------------------------------------------


class DocumentFilterForm(forms.Form):
    """The list filters, read from GET. A bad value is ignored with a note, never fatal."""

    status = forms.ChoiceField(label=_("办理状态"), required=False, choices=[("", _("全部")), *S.choices])
    year = _year(_("年度"))
    q = forms.CharField(
        label=_("名称或文号"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": _("包含的字词")}),
        error_messages={"max_length": TOO_LONG},
    )


class FilingFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("备案状态"), required=False, choices=[("", _("全部")), *Filing.Status.choices]
    )
    year = _year(_("报送年度"))


# --- drafting --------------------------------------------------------------------------------

PROVISIONAL_CHOICES = [
    ("auto", _("按文件名称判断（名称含“暂行”“试行”的为是）")),
    ("yes", _("是")),
    ("no", _("否")),
]


class DocumentForm(forms.Form):
    title = _line(
        _("文件名称"),
        max_length=200,
        missing=_("请填写文件名称"),
        help_text=_("如：天津市科技计划项目管理办法"),
    )
    text = _text(
        _("文件文本"),
        max_length=200_000,
        rows=14,
        missing=_("请填写文件文本"),
        help_text=_("保存为第 1 版；此后每次修改另存新版本，可比较任意两版。"),
    )
    summary = _text(_("内容摘要"), required=False, max_length=2000, rows=3)
    concerns_market_actors = forms.BooleanField(
        label=_("与市场主体生产经营活动密切相关"),
        required=False,
        help_text=_("勾选的，征求意见期限较长（依期限规则），并须进行公平竞争审查。"),
    )
    is_provisional = forms.ChoiceField(
        label=_("暂行或试行"),
        choices=PROVISIONAL_CHOICES,
        initial="auto",
        widget=forms.RadioSelect,
        help_text=_("暂行、试行文件的有效期较短（依期限规则）。"),
        error_messages={"required": _("请选择"), "invalid_choice": _("选项不正确")},
    )

    def clean_is_provisional(self) -> bool | None:
        return {"auto": None, "yes": True, "no": False}[self.cleaned_data["is_provisional"]]


class VersionForm(forms.Form):
    text = _text(_("修改后的文本"), max_length=200_000, rows=14, missing=_("请填写文件文本"))
    note = _line(_("修改说明"), max_length=200, required=False, help_text=_("如：按征求意见修改第五条"))


class SolicitationForm(forms.Form):
    closes_on = _date(
        _("征求意见截止日"),
        missing=_("请填写征求意见截止日"),
        help_text=_("自今日起公开征求意见；截止日不得早于期限规则规定的最短期限。"),
    )


class InternalCommentForm(forms.Form):
    text = _text(_("意见内容"), rows=3, missing=_("请填写意见内容"))


class CommentAnswerForm(forms.Form):
    adoption = forms.ChoiceField(
        label=_("采纳情况"),
        choices=Comment.Adoption.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择采纳情况"), "invalid_choice": _("采纳情况不正确")},
    )
    answer = _text(
        _("答复"),
        required=False,
        rows=2,
        help_text=_("部分采纳或未采纳的，应当说明理由。"),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        adoption = data.get("adoption")
        if adoption and adoption != Comment.Adoption.ADOPTED and not (data.get("answer") or "").strip():
            self.add_error("answer", _("部分采纳或未采纳的，请填写答复理由"))
        return data


# --- review, deliberation, issuance, publication -------------------------------------------


class SubmitForReviewForm(forms.Form):
    legal_basis = _text(
        _("法律依据"),
        rows=3,
        missing=_("请填写法律依据"),
        help_text=_("制定该文件所依据的法律、法规、规章和上级文件。"),
    )
    explanation = _text(
        _("起草说明"),
        rows=5,
        max_length=20_000,
        missing=_("请填写起草说明"),
        help_text=_("起草背景、主要内容、征求意见及采纳情况等。"),
    )


class DeliberationForm(forms.Form):
    meeting_name = _line(
        _("审议会议"),
        max_length=100,
        missing=_("请填写审议会议"),
        help_text=_("本机关的集体审议会议，如行政办公会议。"),
    )
    meeting_on = _date(_("审议日期"), missing=_("请填写审议日期"))
    outcome = forms.ChoiceField(
        label=_("审议结果"),
        choices=NormativeDocument.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择审议结果"), "invalid_choice": _("审议结果不正确")},
    )
    notes = _text(_("审议情况"), required=False, rows=3)
    minutes = forms.FileField(
        label=_("会议纪要"),
        help_text=_("PDF、OFD、Word 等；出错后须重新选择文件。"),
        error_messages={"required": _("请上传会议纪要"), "empty": _("文件为空")},
    )


class IssueForm(forms.Form):
    signed_by = _line(_("签发人"), max_length=50, missing=_("请填写签发人"))


class PublishForm(forms.Form):
    published_on = _date(_("公布日期"), missing=_("请填写公布日期"))
    effective_on = _date(
        _("施行日期"),
        missing=_("请填写施行日期"),
        help_text=_("不得早于公布日期；有效期自施行日期起按期限规则计算。"),
    )
    channel = _line(
        _("公布载体"),
        max_length=100,
        missing=_("请填写公布载体"),
        help_text=_("如：本机关门户网站、天津市人民政府公报"),
    )


class FileForm(forms.Form):
    explanation = _text(
        _("起草说明"),
        rows=5,
        max_length=20_000,
        missing=_("请填写起草说明"),
        help_text=_("随文件、合法性审核意见一并报送司法局备案审查。"),
    )


class AbandonForm(forms.Form):
    reason = _text(_("终止理由"), rows=2, max_length=2000, missing=_("请填写终止理由"))


class PublishedDocumentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.number or '—'} {obj.title}"


class ValidityForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("事项"),
        choices=[(k.value, k.label) for k in (E.AMENDED, E.REPEALED, E.DECLARED_INVALID, E.EVALUATED)],
        error_messages={"required": _("请选择事项"), "invalid_choice": _("事项不正确")},
    )
    on = _date(_("日期"), missing=_("请填写日期"))
    by_document = PublishedDocumentChoiceField(
        label=_("依据文件"),
        queryset=NormativeDocument.objects.none(),
        required=False,
        empty_label=_("（无）"),
        help_text=_("修改、废止的，选择据以修改、废止的已公布文件。"),
        error_messages={"invalid_choice": _("所选文件不存在或尚未公布")},
    )
    note = _text(_("说明"), required=False, rows=2, max_length=2000)

    def __init__(self, *args: Any, document: NormativeDocument, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["by_document"].queryset = (  # type: ignore[attr-defined]
            NormativeDocument.objects.published().exclude(pk=document.pk).order_by("-published_on", "-pk")
        )


class StatusOnForm(forms.Form):
    on = _date(_("查询日期"), missing=_("请选择日期"))


# --- filing ----------------------------------------------------------------------------------

DECISIONS = [
    ("filed", _("予以备案")),
    ("rejected", _("不予备案")),
    ("deferred", _("暂缓备案（要求纠正）")),
]


class FilingDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("审查结论"),
        choices=DECISIONS,
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择审查结论"), "invalid_choice": _("审查结论不正确")},
    )
    note = _text(_("审查意见"), required=False, rows=3, help_text=_("不予备案的，应当写明理由。"))
    correction_request = _text(
        _("纠正要求"), required=False, rows=3, help_text=_("暂缓备案的，写明需要纠正的问题。")
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        decision = data.get("decision")
        if decision == "rejected" and not (data.get("note") or "").strip():
            self.add_error("note", _("不予备案的，请填写理由"))
        if decision == "deferred" and not (data.get("correction_request") or "").strip():
            self.add_error("correction_request", _("暂缓备案的，请填写纠正要求"))
        return data


class CorrectionForm(forms.Form):
    answer = _text(
        _("纠正情况"),
        rows=3,
        missing=_("请填写纠正情况"),
        help_text=_("写明已采取的纠正措施（如发文修改、废止有关条款），报司法局复审。"),
    )


# --- cleanup ---------------------------------------------------------------------------------


class CampaignForm(forms.Form):
    title = _line(
        _("清理名称"),
        max_length=200,
        missing=_("请填写清理名称"),
        help_text=_("如：2026 年规范性文件专项清理"),
    )
    reason = _text(
        _("清理原因"), rows=3, missing=_("请填写清理原因"), help_text=_("如：上位法修改、机构改革")
    )
    scope = _line(
        _("清理范围"),
        max_length=200,
        missing=_("请填写清理范围"),
        initial=_("本机关现行有效的行政规范性文件"),
    )


class DispositionForm(forms.Form):
    disposition = forms.ChoiceField(
        label=_("清理意见"),
        choices=CleanupItem.Disposition.choices,
        error_messages={"required": _("请选择清理意见"), "invalid_choice": _("清理意见不正确")},
    )
    note = _line(_("理由"), max_length=2000, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        disposition = data.get("disposition")
        if (
            disposition
            and disposition != CleanupItem.Disposition.CONTINUE
            and not (data.get("note") or "").strip()
        ):
            self.add_error("note", _("修改、废止或宣布失效的，应当说明理由"))
        return data
