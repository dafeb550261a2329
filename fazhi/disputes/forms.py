"""Forms of the reconsideration, litigation and mediation pages. They check what a person typed
(present, a date, a number, a known choice); the legal rules — the head at the hearing or a
delegate with the reason (《行政复议法》第五十一条), the head in court or a valid excuse with
sealed proof and staff (《行政诉讼法》第三条第三款，法释〔2020〕3号第八条、第九条), performance
before closing (第七十七条), an agreement only after a meeting — are checked by the actions
(actions.py), whose Chinese messages the views put next to the field they concern."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fazhi.core.formfields import date_field as _date
from fazhi.core.formfields import line_field as _line
from fazhi.core.formfields import text_field as _text
from fazhi.core.models import Organization, User
from fazhi.core.roles import Role
from fazhi.disputes.models import Litigation, Mediation, Reconsideration
from fazhi.enforcement.models import EnforcementCase

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


def _count(label: Any, *, initial: int | None = None, help_text: Any = "") -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=100000,
        initial=initial,
        help_text=help_text,
        error_messages={
            "required": _("请填写此项"),
            "invalid": _("请填写整数"),
            "min_value": _("不能小于 0"),
            "max_value": _("数值过大"),
        },
    )


# The agency whose heads the step forms offer: set by the pages of a matter for the request
# (`for_agency`), so that a form lists only the heads of the matter's own agency (issue 12).
_AGENCY: ContextVar[int | None] = ContextVar("disputes_form_agency", default=None)


@contextmanager
def for_agency(agency_id: int | None) -> Iterator[None]:
    token = _AGENCY.set(agency_id)
    try:
        yield
    finally:
        _AGENCY.reset(token)


def _of_agency(users: Any) -> Any:
    agency_id = _AGENCY.get()
    if agency_id is None:
        return users.none()
    return users.filter(Q(organization_id=agency_id) | Q(organization__parent_id=agency_id))


def leadership() -> Any:
    """The agency's heads (the principal and the deputies, 法释〔2020〕3号第二条)."""
    return _of_agency(User.objects.filter(groups__name=Role.LEADERSHIP, is_active=True)).order_by(
        "full_name", "pk"
    )


def heads_in_court() -> Any:
    """Who may appear as the head in court (法释〔2020〕3号第二条): the leadership, and the
    agency-level heads in charge of the matter (not a division's staff)."""
    return (
        _of_agency(User.objects.filter(is_active=True))
        .filter(Q(groups__name=Role.LEADERSHIP) | Q(organization__kind=Organization.Kind.AGENCY))
        .exclude(Q(is_superuser=True) | Q(groups__name=Role.SYSTEM_ADMIN))
        .distinct()
        .order_by("full_name", "pk")
    )


class HeadChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


def _head(help_text: Any) -> HeadChoiceField:
    return HeadChoiceField(
        label=_("负责人"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("（负责人不能参加）"),
        help_text=help_text,
        error_messages={"invalid_choice": _("所选人员不是本机关负责人")},
    )


class CaseChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.code} {obj.title}（{obj.party_name}）"


def _enforcement_case() -> CaseChoiceField:
    return CaseChoiceField(
        label=_("关联执法案件"),
        queryset=EnforcementCase.objects.none(),
        required=False,
        empty_label=_("（不关联）"),
        help_text=_(
            "被申请复议或被诉的是本机关作出的执法决定的，选择该案件；复议机关或法院撤销、变更该决定的，将记入该案件"
        ),
        error_messages={"invalid_choice": _("所选案件不存在或无权查看")},
    )


def _with_cases(form: forms.Form, user: Any) -> None:
    field = form.fields["enforcement_case"]
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = (
        EnforcementCase.objects.visible_to(user)
        .filter(decided_on__isnull=False)
        .order_by("-decided_on", "-pk")
    )


# --- lists -----------------------------------------------------------------------------------


class ListFilterForm(forms.Form):
    """The list filters, read from GET. A bad value is ignored with a note, never fatal."""

    status = _choice(_("状态"), [("", _("全部"))], required=False)
    year = forms.IntegerField(
        label=_("年度"),
        required=False,
        min_value=2000,
        max_value=2999,
        widget=forms.NumberInput(attrs={"placeholder": _("如 2026")}),
        error_messages={"invalid": _("年度须为四位数字"), "min_value": YEAR_RANGE, "max_value": YEAR_RANGE},
    )

    def __init__(self, *args: Any, statuses: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["status"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("全部")), *statuses]


# --- reconsideration -------------------------------------------------------------------------


class ReconsiderationForm(forms.Form):
    applicant = _line(_("申请人"), max_length=200, missing=_("请填写申请人"))
    organ = _line(_("复议机关"), max_length=100, initial="天津市人民政府", missing=_("请填写复议机关"))
    case_number = _line(_("复议案号"), max_length=100, required=False)
    challenged_act = _text(_("被申请复议的行政行为"), rows=3, missing=_("请填写被申请复议的行政行为"))
    received_on = _date(
        _("收到申请书副本之日"),
        help_text=_(
            "自收到之日起十日内提出书面答复，并提交作出行政行为的证据、依据（《行政复议法》第四十八条）"
        ),
    )
    enforcement_case = _enforcement_case()

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _with_cases(self, user)


class ReplyForm(forms.Form):
    replied_on = _date(_("提交答复和证据之日"))
    summary = _text(_("答复要点"), rows=4, missing=_("请填写答复要点"))


class ReconsiderationHearingForm(forms.Form):
    hearing_on = _date(_("听证日期"))
    head = _head(_("被申请人的负责人应当参加听证（《行政复议法》第五十一条）"))
    absence_reason = _text(_("负责人不能参加的理由"), required=False, rows=2)
    delegate = _line(
        _("受委托参加听证的工作人员"),
        max_length=100,
        required=False,
        help_text=_("负责人不能参加的，说明理由并委托相应的工作人员参加"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["head"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = leadership()


class ReconsiderationDecisionForm(forms.Form):
    decided_on = _date(_("复议决定日期"))
    served_on = _date(
        _("复议决定书送达之日"),
        help_text=_(
            "行政复议决定书一经送达，即发生法律效力；撤回已公开处罚决定的三个工作日自此起算（《行政处罚法》第四十八条）"
        ),
    )
    outcome = _choice(_("复议结果"), [("", CHOOSE), *Reconsideration.Outcome.choices])
    summary = _text(_("复议决定要点"), rows=3, missing=_("请填写复议决定要点"))


class OpinionLetterForm(forms.Form):
    received_on = _date(
        _("收到行政复议意见书之日"),
        help_text=_(
            "自收到之日起六十日内将纠正相关违法或者不当行政行为的情况报送复议机关（《行政复议法》第七十六条）"
        ),
    )


class CorrectionReportForm(forms.Form):
    reported_on = _date(_("报送整改情况之日"))


class CloseReconsiderationForm(forms.Form):
    performed_on = _date(
        _("履行复议决定之日"),
        required=False,
        help_text=_("复议决定变更、撤销或责令履行的，须履行后方可办结（《行政复议法》第七十七条）"),
    )
    note = _text(_("履行情况"), required=False, rows=2)


# --- litigation ------------------------------------------------------------------------------


class LitigationForm(forms.Form):
    plaintiff = _line(_("原告"), max_length=200, missing=_("请填写原告"))
    court = _line(_("受理法院"), max_length=100, missing=_("请填写受理法院"))
    case_number = _line(_("案号"), max_length=100, required=False)
    instance = _choice(_("审级"), Litigation.Instance.choices, initial=Litigation.Instance.FIRST)
    challenged_act = _text(_("被诉行政行为"), rows=3, missing=_("请填写被诉行政行为"))
    complaint_received_on = _date(
        _("收到起诉状副本之日"),
        help_text=_("自收到起诉状副本之日起十五日内提交答辩状和证据、依据（《行政诉讼法》第六十七条）"),
    )
    head_required = _check(_("法院通知负责人出庭"), help_text=_("法释〔2020〕3号第四条、第五条"))
    enforcement_case = _enforcement_case()

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _with_cases(self, user)


class DefenceForm(forms.Form):
    defended_on = _date(_("提交答辩状和证据之日"))


class AppearanceForm(forms.Form):
    hearing_on = _date(_("开庭日期"))
    head = _head(
        _(
            "被诉行政机关负责人应当出庭应诉（《行政诉讼法》第三条第三款）：正职、副职负责人、参与分管被诉行政行为实施工作的副职级别的负责人以及其他参与分管的负责人（法释〔2020〕3号第二条）"
        )
    )
    head_capacity = _choice(
        _("出庭负责人的身份"),
        [("", _("（机关领导，不另注明）")), *Litigation.HeadCapacity.choices],
        required=False,
        help_text=_("机关领导以外的出庭负责人，注明其参与分管的身份"),
    )
    excuse = _choice(
        _("负责人不能出庭的事由"),
        [("", _("（负责人出庭）")), *Litigation.Excuse.choices],
        required=False,
        help_text=_("法释〔2020〕3号第八条"),
    )
    excuse_detail = _text(_("事由说明"), required=False, rows=2)
    proof = forms.FileField(
        label=_("证明材料"),
        required=False,
        help_text=_(
            "证明材料加盖行政机关印章或者由该机关主要负责人签字认可（法释〔2020〕3号第九条）；出错后须重新选择文件"
        ),
        error_messages={"empty": _("文件为空")},
    )
    proof_form = _choice(
        _("证明材料的认可方式"),
        [("", CHOOSE), *Litigation.ProofForm.choices],
        required=False,
        help_text=_("法释〔2020〕3号第九条"),
    )
    appearing_staff = _line(_("出庭工作人员"), max_length=200, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["head"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = heads_in_court()


class CourtHearingForm(forms.Form):
    heard_on = _date(_("开庭举行日期"))
    head_appeared = _check(_("负责人出庭"))
    head_spoke = _check(_("负责人就实质性解决争议发表意见"))


class JudgmentForm(forms.Form):
    judged_on = _date(_("裁判日期"))
    outcome = _choice(_("裁判结果"), [("", CHOOSE), *Litigation.Outcome.choices])
    summary = _text(_("裁判要点"), rows=3, missing=_("请填写裁判要点"))
    judicial_recommendation = _text(_("司法建议"), required=False, rows=2)
    effective_on = _date(
        _("裁判发生法律效力之日"),
        required=False,
        help_text=_("二审裁判不填为裁判日期；一审判决待上诉期满未上诉后，再记录生效之日"),
    )


class JudgmentEffectForm(forms.Form):
    effective_on = _date(
        _("裁判发生法律效力之日"),
        help_text=_(
            "一审判决上诉期满未上诉的，期满之日生效；撤回已公开处罚决定的三个工作日自此起算（《行政处罚法》第四十八条）"
        ),
    )


# --- mediation -------------------------------------------------------------------------------


class MediationForm(forms.Form):
    kind = _choice(_("纠纷类型"), Mediation.Kind.choices, widget=forms.RadioSelect)
    parties = _line(_("当事人"), max_length=300, missing=_("请填写当事人"))
    summary = _text(_("纠纷简要情况"), rows=4, missing=_("请填写纠纷简要情况"))
    requested_on = _date(_("申请日期"))


class AcceptMediationForm(forms.Form):
    accepted_on = _date(_("受理日期"))


class RefuseMediationForm(forms.Form):
    reason = _text(_("不予受理的理由"), rows=2, missing=_("请填写不予受理的理由"))


class MeetingForm(forms.Form):
    held_on = _date(_("调解日期"))
    participants = _line(_("参加人员"), max_length=300, missing=_("请填写参加人员"))
    note = _text(_("调解情况"), rows=3, missing=_("请填写调解情况"))


class ConcludeMediationForm(forms.Form):
    result = _choice(
        _("调解结果"),
        [("agreed", _("达成调解协议")), ("failed", _("调解不成"))],
        widget=forms.RadioSelect,
    )
    text = _text(
        _("调解协议内容或调解不成的情况"),
        rows=3,
        missing=_("请填写调解协议内容或调解不成的情况"),
        help_text=_("调解协议应当由双方当事人自愿达成"),
    )
    closed_on = _date(_("结案日期"))


# --- records ---------------------------------------------------------------------------------


class ObservationForm(forms.Form):
    held_on = _date(_("旁听日期"))
    court = _line(_("法院"), max_length=100, missing=_("请填写法院"))
    case_name = _line(_("庭审案件"), max_length=200, missing=_("请填写庭审案件"))
    attendees = _count(_("旁听人数"))
    leaders = _count(_("其中领导干部人数"), initial=0)
    note = _text(_("情况说明"), required=False, rows=3)


class ScreeningForm(forms.Form):
    screened_on = _date(_("排查日期"))
    scope = _line(_("排查范围"), max_length=200, missing=_("请填写排查范围"))
    found = _count(_("发现矛盾纠纷数"), initial=0)
    resolved = _count(_("已化解数"), initial=0)
    note = _text(_("情况说明"), required=False, rows=3)
