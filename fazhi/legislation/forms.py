"""Forms of the legislation pages. They check what a person typed (present, a date, a known
choice); the rules — the comment window of the rule book, every comment answered before the draft
goes on, deliberation by the right body, a version's dates in order — are checked by the actions,
whose Chinese messages the views put next to the field they concern."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from fazhi.core.agencies import agency_id_of
from fazhi.core.formfields import date_field as _date
from fazhi.core.formfields import line_field as _line
from fazhi.core.formfields import text_field as _text
from fazhi.core.models import Law, LawVersion, Organization
from fazhi.legislation.actions import MAX_YEAR, MIN_YEAR
from fazhi.legislation.models import Deliberation, DraftComment, LegislativeProject

CHOOSE = _("请选择")
BAD_CHOICE = _("所选项不正确")
YEAR_RANGE = _("年度应在 2000 年至 2100 年之间")
P = LegislativeProject


def _choice(label: Any, choices: Any, **kw: Any) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, choices=choices, error_messages={"required": CHOOSE, "invalid_choice": BAD_CHOICE}, **kw
    )


def divisions(user: Any = None) -> QuerySet[Organization]:
    """The divisions of the user's own agency (every division when no user is given)."""
    found = Organization.objects.filter(kind=Organization.Kind.DIVISION)
    if user is not None:
        found = found.filter(parent_id=agency_id_of(user))
    return found.order_by("sort_order", "pk")


class NameChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(getattr(obj, "name", "") or getattr(obj, "title", ""))


class Empty(forms.Form):
    """A step with nothing to fill in."""


# --- the register of laws --------------------------------------------------------------------


class LawForm(forms.Form):
    title = _line(_("名称"), max_length=200, missing=_("请填写法律法规名称"))
    kind = _choice(_("效力层级"), [("", CHOOSE), *Law.Kind.choices])
    issuing_body = _line(_("制定机关"), max_length=100, required=False)


class VersionForm(forms.Form):
    kind = _choice(_("类型"), [("", CHOOSE), *LawVersion.Kind.choices])
    adopted_on = _date(_("通过（公布）日期"))
    effective_on = _date(_("施行日期"))
    issuing_body = _line(
        _("制定机关"), max_length=100, required=False, help_text=_("不填则与法规的制定机关相同")
    )
    note = _line(_("说明"), max_length=300, required=False, help_text=_("如：公告号、修改决定的名称"))
    url = forms.URLField(
        assume_scheme="https",
        label=_("链接"),
        required=False,
        max_length=200,
        error_messages={"invalid": _("请填写有效的网址")},
    )
    text = _text(_("文本"), required=False, max_length=500_000, rows=6)


# --- a project -------------------------------------------------------------------------------


class ProjectForm(forms.Form):
    title = _line(_("项目名称"), max_length=200, missing=_("请填写项目名称"))
    law_kind = _choice(_("立法形式"), [("", CHOOSE), *P.LawKind.choices])
    change = _choice(_("立法类型"), [("", CHOOSE), *P.Change.choices])
    law = NameChoiceField(
        label=_("所修改的法规规章"),
        queryset=Law.objects.none(),
        required=False,
        empty_label=_("（制定新法规规章时不选）"),
        error_messages={"invalid_choice": _("所选法规规章不存在")},
    )
    plan_year = forms.IntegerField(
        label=_("立法计划年度"),
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
        error_messages={
            "required": _("请填写立法计划年度"),
            "invalid": _("年度须为四位数字"),
            "min_value": YEAR_RANGE,
            "max_value": YEAR_RANGE,
        },
    )
    plan_kind = _choice(_("计划类别"), [("", CHOOSE), *P.PlanKind.choices])
    part = _choice(_("本机关职责"), [("", CHOOSE), *P.Part.choices])
    division = NameChoiceField(
        label=_("承办处室"),
        queryset=Organization.objects.none(),
        empty_label=CHOOSE,
        error_messages={"required": _("请选择承办处室"), "invalid_choice": _("所选处室不存在")},
    )
    partners = _line(
        _("牵头或配合单位"), max_length=200, required=False, help_text=_("如：市人大教科文卫委、市司法局")
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["law"].queryset = Law.objects.filter(  # type: ignore[attr-defined]
            kind__in=P.LawKind.values
        ).order_by("title")
        self.fields["division"].queryset = divisions(user)  # type: ignore[attr-defined]


class DraftForm(forms.Form):
    draft_text = _text(_("草案文本"), max_length=200_000, rows=10, missing=_("请填写草案文本"))
    explanation = _text(_("起草说明"), required=False, max_length=50_000, rows=5)


class OpenCommentForm(forms.Form):
    closes_on = _date(_("征求意见截止日"), missing=_("请填写征求意见截止日"))


class CommentForm(forms.Form):
    source = _choice(_("来源"), DraftComment.Source.choices)
    author_name = _line(_("提出人"), max_length=100, required=False)
    contact = _line(_("联系方式"), max_length=100, required=False, help_text=_("不公开"))
    text = _text(_("意见"), max_length=5000, missing=_("请填写意见内容"))


class AnswerForm(forms.Form):
    adoption = _choice(_("采纳情况"), [("", CHOOSE), *DraftComment.Adoption.choices])
    answer = _text(_("答复"), required=False, rows=3, help_text=_("不采纳或部分采纳的，应当说明理由"))


class SubmitReviewForm(forms.Form):
    submitted_on = _date(_("报送审查日期"))


class ConcludeReviewForm(forms.Form):
    concluded_on = _date(_("审查完成日期"))
    opinion = _text(_("审查意见"), rows=4, missing=_("请填写审查意见"))


class DeliberationForm(forms.Form):
    body = _choice(_("审议机关"), [("", CHOOSE), *Deliberation.Body.choices])
    held_on = _date(_("会议日期"))
    outcome = _choice(_("审议结果"), [("", CHOOSE), *Deliberation.Outcome.choices])
    note = _text(_("审议情况"), required=False, rows=3)


class PromulgateForm(forms.Form):
    promulgated_on = _date(_("公布日期"))
    effective_on = _date(_("施行日期"))
    number = _line(_("公告（令）号"), max_length=100, required=False)
    issuing_body = _line(_("制定机关"), max_length=100, required=False, help_text=_("不填则为通过机关"))
    url = forms.URLField(
        assume_scheme="https",
        label=_("链接"),
        required=False,
        max_length=200,
        error_messages={"invalid": _("请填写有效的网址")},
    )
    text = _text(_("文本"), required=False, max_length=500_000, rows=6)


class TerminateForm(forms.Form):
    reason = _text(_("终止理由"), rows=3, missing=_("请填写终止理由"))


class CheckForm(forms.Form):
    note = _text(
        _("核对结果"),
        rows=3,
        missing=_("请填写核对结果"),
        help_text=_("如：引用的条文未变，无需修改；或拟启动修改"),
    )


class PublicCommentForm(forms.Form):
    """A citizen's comment on a draft open for comment (no account), behind the decisions' offline
    captcha, a honeypot and a per-address rate limit. Contact details are never published."""

    text = _text(_("意见和建议"), max_length=5000, rows=8, missing=_("请填写意见和建议"))
    author_name = _line(_("姓名或单位（选填）"), max_length=100, required=False)
    contact = _line(
        _("联系方式（选填）"), max_length=100, required=False, help_text=_("仅供联系核实，不在网站公开。")
    )
    captcha_key = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    captcha_answer = forms.CharField(
        label=_("验证题答案"), max_length=20, error_messages={"required": _("请填写验证题的答案")}
    )
    website = forms.CharField(label=_("请勿填写此项"), required=False, max_length=200)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("author_name", "contact", "text"):
            if "\x00" in (data.get(name) or ""):
                self.add_error(name, _("不能包含空字符"))
        return data
