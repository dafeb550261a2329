"""The page of a reconsideration, a lawsuit and a mediation, and the steps taken on it."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from fazhi.core.deadlines import missing_year
from fazhi.core.http import staff_view
from fazhi.disputes import actions, permissions
from fazhi.disputes.forms import (
    AcceptMediationForm,
    AppearanceForm,
    CloseReconsiderationForm,
    ConcludeMediationForm,
    CorrectionReportForm,
    CourtHearingForm,
    DefenceForm,
    JudgmentEffectForm,
    JudgmentForm,
    MeetingForm,
    OpinionLetterForm,
    ReconsiderationDecisionForm,
    ReconsiderationHearingForm,
    RefuseMediationForm,
    ReplyForm,
)
from fazhi.disputes.models import Litigation, Mediation, Reconsideration
from fazhi.disputes.view_helpers import (
    LITIGATION_RULES,
    MUST_PERFORM,
    RECONSIDERATION_RULES,
    litigation_deadlines,
    litigation_steps,
    mediation_step,
    reconsideration_deadlines,
    reconsideration_steps,
    timeline,
)
from fazhi.disputes.views._common import Kind, L, M, R, Step, detail_page, linked_case, long_day, step_action

# --- reconsideration -------------------------------------------------------------------------


def _reversal_message(case: Any) -> str:
    linked = case.enforcement_case
    if not (case.reverses_act and linked and linked.reversed_on):
        return _("已记录复议决定。")
    if linked.withdrawal_due_on:
        return _("已记录复议决定；关联执法案件 %(c)s 的决定已记为被变更、撤销，应于 %(d)s 前撤回公示。") % {
            "c": linked.code,
            "d": long_day(linked.withdrawal_due_on),
        }
    return _("已记录复议决定；关联执法案件 %(c)s 的决定已记为被变更、撤销。") % {"c": linked.code}


RECONSIDERATION_STEPS: dict[str, Step] = {
    "submit_reply": Step(
        gettext_lazy("提交答复"),
        "#reply",
        ReplyForm,
        lambda c, u, d: actions.submit_reply(c, actor=u, replied_on=d["replied_on"], summary=d["summary"]),
        lambda c, today: c.status == R.RECEIVED,
        (("提交答复之日", "replied_on"), ("答复要点", "summary")),
        initial=lambda c, today: {"replied_on": today},
    ),
    "plan_reconsideration_hearing": Step(
        gettext_lazy("安排复议听证"),
        "#hearing",
        ReconsiderationHearingForm,
        lambda c, u, d: actions.plan_reconsideration_hearing(
            c,
            actor=u,
            hearing_on=d["hearing_on"],
            head=d["head"],
            absence_reason=d["absence_reason"],
            delegate=d["delegate"],
        ),
        lambda c, today: c.status in (R.RECEIVED, R.REPLIED),
        (
            ("听证日期", "hearing_on"),
            ("负责人不能参加的理由", "absence_reason"),
            ("受委托参加听证", "delegate"),
            ("第五十一条", "head"),
        ),
        # A new plan replaces the one on record, so the form starts from it; the head is chosen
        # again (the record keeps who attends by name).
        initial=lambda c, today: {
            "hearing_on": c.hearing_on,
            "absence_reason": c.absence_reason,
            "delegate": "" if c.head_attended else c.attendee,
        },
    ),
    "record_reconsideration_decision": Step(
        gettext_lazy("记录复议决定"),
        "#decision",
        ReconsiderationDecisionForm,
        lambda c, u, d: actions.record_reconsideration_decision(
            c,
            actor=u,
            decided_on=d["decided_on"],
            served_on=d["served_on"],
            outcome=d["outcome"],
            summary=d["summary"],
        ),
        lambda c, today: c.status in (R.RECEIVED, R.REPLIED),
        (
            ("送达之日", "served_on"),
            ("复议决定日期", "decided_on"),
            ("复议结果", "outcome"),
            ("复议决定要点", "summary"),
        ),
        done=_reversal_message,
    ),
    "record_opinion_letter": Step(
        gettext_lazy("记录行政复议意见书"),
        "#opinion",
        OpinionLetterForm,
        lambda c, u, d: actions.record_opinion_letter(c, actor=u, received_on=d["received_on"]),
        lambda c, today: c.opinion_letter_on is None,
        (("收到意见书之日", "received_on"),),
        done=lambda c: (
            _("已记录；应于 %(d)s 前报送整改情况。") % {"d": long_day(c.correction_due_on)}
            if c.correction_due_on
            else _("已记录；报送期限待录入 %(y)s 年工作日历后计算。")
            % {"y": missing_year(c.opinion_letter_on)}
        ),
    ),
    "report_correction": Step(
        gettext_lazy("报送整改情况"),
        "#opinion",
        CorrectionReportForm,
        lambda c, u, d: actions.report_correction(c, actor=u, reported_on=d["reported_on"]),
        lambda c, today: bool(c.opinion_letter_on and not c.correction_reported_on),
        (("报送整改情况之日", "reported_on"),),
        initial=lambda c, today: {"reported_on": today},
    ),
    "close_reconsideration": Step(
        gettext_lazy("办结"),
        "#close",
        CloseReconsiderationForm,
        lambda c, u, d: actions.close_reconsideration(
            c, actor=u, performed_on=d["performed_on"], note=d["note"]
        ),
        lambda c, today: c.status == R.DECIDED,
        (("第七十七条", "performed_on"), ("履行之日", "performed_on"), ("履行情况", "note")),
    ),
}


def _reconsideration_context(user: Any, case: Reconsideration, today: datetime.date) -> dict[str, Any]:
    return {
        "case": case,
        "next_steps": reconsideration_steps(case, today),
        "late": case.overdue_steps(today),
        "deadlines": reconsideration_deadlines(case),
        "must_perform": case.outcome in MUST_PERFORM,
        "events": timeline(case, dict(R.choices)),
        **linked_case(user, case.enforcement_case),
    }


RECONSIDERATION = Kind(
    queryset=lambda user: Reconsideration.objects.visible_to(user).select_related(
        "agency", "division", "created_by", "enforcement_case", *RECONSIDERATION_RULES
    ),
    steps=RECONSIDERATION_STEPS,
    template="disputes/reconsideration_detail.html",
    detail="disputes:reconsideration_detail",
    context=_reconsideration_context,
)


@staff_view(permissions.can_see)
def reconsideration_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return detail_page(request, RECONSIDERATION, pk)


@require_POST
@staff_view(permissions.can_handle)
def reconsideration_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    return step_action(request, RECONSIDERATION, pk, action)


# --- litigation ------------------------------------------------------------------------------


def _judgment_message(case: Any) -> str:
    linked = case.enforcement_case
    if case.awaiting_effect:
        return _("已记录裁判；该裁判尚未发生法律效力，生效后记录生效之日。")
    if not (case.reverses_act and linked and linked.reversed_on):
        return _("已记录裁判。")
    return _("已记录裁判；关联执法案件 %(c)s 的决定已记为被变更、撤销。") % {"c": linked.code}


LITIGATION_STEPS: dict[str, Step] = {
    "submit_defence": Step(
        gettext_lazy("提交答辩状"),
        "#defence",
        DefenceForm,
        lambda c, u, d: actions.submit_defence(c, actor=u, defended_on=d["defended_on"]),
        lambda c, today: c.status == L.RECEIVED,
        (("提交答辩状之日", "defended_on"),),
        initial=lambda c, today: {"defended_on": today},
    ),
    "plan_appearance": Step(
        gettext_lazy("安排出庭"),
        "#appearance",
        AppearanceForm,
        lambda c, u, d: actions.plan_appearance(
            c,
            actor=u,
            hearing_on=d["hearing_on"],
            head=d["head"],
            head_capacity=d["head_capacity"],
            excuse=d["excuse"],
            excuse_detail=d["excuse_detail"],
            proof=d["proof"],
            proof_form=d["proof_form"],
            appearing_staff=d["appearing_staff"],
        ),
        lambda c, today: c.status in (L.RECEIVED, L.DEFENDED),
        (
            ("开庭日期", "hearing_on"),
            ("身份", "head_capacity"),
            ("第二条", "head"),
            ("第九条", "proof"),
            ("第八条", "excuse"),
            ("事由说明", "excuse_detail"),
            ("第三条第三款", "appearing_staff"),
            ("出庭工作人员", "appearing_staff"),
            ("文件", "proof"),
        ),
        # A new plan replaces the one on record; the proof of an excuse is uploaded each time.
        initial=lambda c, today: {
            "hearing_on": c.hearing_on,
            "head": c.head_id,
            "head_capacity": c.head_capacity,
            "excuse": c.excuse,
            "excuse_detail": c.excuse_detail,
            "appearing_staff": c.appearing_staff,
        },
    ),
    "record_court_hearing": Step(
        gettext_lazy("记录开庭"),
        "#hearing",
        CourtHearingForm,
        lambda c, u, d: actions.record_court_hearing(
            c, actor=u, heard_on=d["heard_on"], head_appeared=d["head_appeared"], head_spoke=d["head_spoke"]
        ),
        lambda c, today: (
            c.status in (L.RECEIVED, L.DEFENDED) and bool(c.hearing_on and c.hearing_on <= today)
        ),
        (("开庭举行日期", "heard_on"), ("没有负责人", "head_appeared")),
        initial=lambda c, today: {"heard_on": c.hearing_on, "head_appeared": c.head_id is not None},
    ),
    "record_judgment": Step(
        gettext_lazy("记录裁判"),
        "#judgment",
        JudgmentForm,
        lambda c, u, d: actions.record_judgment(
            c,
            actor=u,
            judged_on=d["judged_on"],
            outcome=d["outcome"],
            summary=d["summary"],
            judicial_recommendation=d["judicial_recommendation"],
            effective_on=d["effective_on"],
        ),
        lambda c, today: c.status != L.JUDGED,
        (
            ("发生法律效力之日", "effective_on"),
            ("裁判日期", "judged_on"),
            ("裁判结果", "outcome"),
            ("裁判要点", "summary"),
            ("司法建议", "judicial_recommendation"),
        ),
        done=_judgment_message,
    ),
    "record_judgment_effect": Step(
        gettext_lazy("记录裁判生效"),
        "#judgment",
        JudgmentEffectForm,
        lambda c, u, d: actions.record_judgment_effect(c, actor=u, effective_on=d["effective_on"]),
        lambda c, today: c.status == L.JUDGED and c.effective_on is None,
        (("发生法律效力之日", "effective_on"),),
        done=_judgment_message,
    ),
}


def _litigation_context(user: Any, case: Litigation, today: datetime.date) -> dict[str, Any]:
    return {
        "case": case,
        "next_steps": litigation_steps(case, today),
        "late": case.overdue_steps(today),
        "deadlines": litigation_deadlines(case),
        "events": timeline(case, dict(L.choices)),
        **linked_case(user, case.enforcement_case),
    }


LITIGATION = Kind(
    queryset=lambda user: Litigation.objects.visible_to(user).select_related(
        "agency", "division", "created_by", "head", "enforcement_case", *LITIGATION_RULES
    ),
    steps=LITIGATION_STEPS,
    template="disputes/litigation_detail.html",
    detail="disputes:litigation_detail",
    context=_litigation_context,
)


@staff_view(permissions.can_see)
def litigation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return detail_page(request, LITIGATION, pk)


@require_POST
@staff_view(permissions.can_handle)
def litigation_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    return step_action(request, LITIGATION, pk, action)


# --- mediation -------------------------------------------------------------------------------


def _conclude(mediation: Mediation, user: Any, d: dict[str, Any]) -> None:
    actions.conclude_mediation(
        mediation, actor=user, agreed=d["result"] == "agreed", text=d["text"], closed_on=d["closed_on"]
    )


MEDIATION_STEPS: dict[str, Step] = {
    "accept": Step(
        gettext_lazy("受理"),
        "#accept",
        AcceptMediationForm,
        lambda m, u, d: actions.accept_mediation(m, actor=u, accepted_on=d["accepted_on"]),
        lambda m, today: m.status == M.REQUESTED,
        (("受理日期", "accepted_on"),),
        initial=lambda m, today: {"accepted_on": today},
    ),
    "refuse": Step(
        gettext_lazy("不予受理"),
        "#accept",
        RefuseMediationForm,
        lambda m, u, d: actions.refuse_mediation(m, actor=u, reason=d["reason"]),
        lambda m, today: m.status == M.REQUESTED,
        (("不予受理的理由", "reason"),),
    ),
    "add_meeting": Step(
        gettext_lazy("记录调解会"),
        "#meetings",
        MeetingForm,
        lambda m, u, d: actions.add_meeting(
            m, actor=u, held_on=d["held_on"], participants=d["participants"], note=d["note"]
        ),
        lambda m, today: m.status == M.ACCEPTED,
        (("调解日期", "held_on"), ("参加人员", "participants"), ("调解情况", "note")),
        initial=lambda m, today: {"held_on": today},
    ),
    "conclude": Step(
        gettext_lazy("结案"),
        "#conclude",
        ConcludeMediationForm,
        _conclude,
        lambda m, today: m.status == M.ACCEPTED,
        (("结案日期", "closed_on"), ("调解协议内容", "text"), ("调解不成的情况", "text")),
        initial=lambda m, today: {"closed_on": today},
        done=lambda m: _("已结案：%(s)s。") % {"s": m.get_status_display()},
    ),
}


def _mediation_context(user: Any, mediation: Mediation, today: datetime.date) -> dict[str, Any]:
    return {
        "mediation": mediation,
        "next": mediation_step(mediation),
        "meetings": list(mediation.meetings.all()),
        "events": timeline(mediation, dict(M.choices)),
    }


MEDIATION = Kind(
    queryset=lambda user: Mediation.objects.visible_to(user).select_related("division", "created_by"),
    steps=MEDIATION_STEPS,
    template="disputes/mediation_detail.html",
    detail="disputes:mediation_detail",
    context=_mediation_context,
)


@staff_view(permissions.can_see)
def mediation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return detail_page(request, MEDIATION, pk)


@require_POST
@staff_view(permissions.can_handle)
def mediation_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    return step_action(request, MEDIATION, pk, action)
