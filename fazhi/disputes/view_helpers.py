"""Helpers shared by the dispute pages (views/) and the work list (worklist.py): what a
reconsideration, lawsuit or mediation waits for next and by when (with the rule-book deadline,
so every page shows its basis), the stored deadlines of a matter, action messages placed next
to their field, filter notes, and the matter's timeline from the audit chain."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core.audit import timeline_of
from fazhi.core.calendar import Deadline
from fazhi.core.formats import date_text
from fazhi.core.formfields import filter_notes, place_error, year_from  # noqa: F401 - this app's pages import them from here
from fazhi.core.models import AuditEvent
from fazhi.disputes import actions
from fazhi.disputes.models import Litigation, Mediation, Reconsideration

R = Reconsideration.Status
L = Litigation.Status
M = Mediation.Status
PAGE_SIZE = 25

# A reconsideration is open until it is closed, and again while an opinion letter that came
# after closing waits for its correction report (《行政复议法》第七十六条).
OPEN_RECONSIDERATION = Q(status__in=[R.RECEIVED, R.REPLIED, R.DECIDED]) | Q(
    opinion_letter_on__isnull=False, correction_reported_on__isnull=True
)
OPEN_LITIGATION = Q(status__in=[L.RECEIVED, L.DEFENDED, L.HEARD])
OPEN_MEDIATION = Q(status__in=[M.REQUESTED, M.ACCEPTED])
# Long texts a list does not show.
RECONSIDERATION_LONG = ("reply_summary", "absence_reason", "decision_summary", "performance_note")
LITIGATION_LONG = ("excuse_detail", "judgment_summary", "judicial_recommendation")
MEDIATION_LONG = ("refusal_reason", "agreement", "failure_reason")
# The rule-book rows a page loads with the matter (each `*_deadline` property reads one).
RECONSIDERATION_RULES = ("reply_rule", "correction_rule")
LITIGATION_RULES = ("defence_rule",)
# The decisions the bureau must carry out before the matter is closed: the action's own set.
MUST_PERFORM = actions.MUST_PERFORM

HANDLERS = "handlers"  # the legal affairs division
LEADERSHIP = "leadership"  # the head who attends or appears
ORGAN = "organ"  # the reconsideration organ or the court


# --- what a matter waits for -----------------------------------------------------------------


@dataclass(frozen=True)
class NextStep:
    """A step a matter waits for: what, where on its page, by when, and whose move it is.
    `awaiting_year` is set when the due date waits for that year's calendar."""

    text: str
    anchor: str = ""
    due: Deadline | None = None
    awaiting_year: int | None = None
    by: str = ""


def _awaiting(start: datetime.date | None, due: datetime.date | None) -> int | None:
    # Left pending by the action: the calendar of the following year is not in yet.
    return start.year + 1 if start is not None and due is None else None


def _day(value: datetime.date) -> str:
    return date_text(value)


def reconsideration_steps(case: Reconsideration, today: datetime.date) -> list[NextStep]:
    """The steps a reconsideration waits for, the most pressing first."""
    steps: list[NextStep] = []
    if case.status == R.RECEIVED:
        steps.append(
            NextStep(
                _("提交答复和证据"),
                "#reply",
                case.reply_deadline,
                _awaiting(case.received_on, case.reply_due_on),
                HANDLERS,
            )
        )
    if case.status in (R.RECEIVED, R.REPLIED) and case.hearing_on and case.hearing_on >= today:
        who = case.attendee or _("（未定）")
        steps.append(
            NextStep(
                _("%(d)s 复议听证：%(who)s 参加") % {"d": _day(case.hearing_on), "who": who},
                "#hearing",
                by=LEADERSHIP if case.head_attended else HANDLERS,
            )
        )
    elif case.status == R.REPLIED:
        steps.append(NextStep(_("等待复议机关作出决定"), "#decision", by=ORGAN))
    if case.status == R.DECIDED:
        if case.outcome in MUST_PERFORM and case.performed_on is None:
            steps.append(NextStep(_("履行复议决定后办结"), "#close", by=HANDLERS))
        else:
            steps.append(NextStep(_("办结"), "#close", by=HANDLERS))
    if case.opinion_letter_on and case.correction_reported_on is None:
        steps.append(
            NextStep(
                _("报送意见书整改情况"),
                "#opinion",
                case.correction_deadline,
                _awaiting(case.opinion_letter_on, case.correction_due_on),
                HANDLERS,
            )
        )
    if not steps:
        steps.append(NextStep(_("已办结")))
    return steps


def litigation_steps(case: Litigation, today: datetime.date) -> list[NextStep]:
    """The steps a lawsuit waits for, the most pressing first."""
    steps: list[NextStep] = []
    if case.status == L.RECEIVED:
        steps.append(
            NextStep(
                _("提交答辩状和证据"),
                "#defence",
                case.defence_deadline,
                _awaiting(case.complaint_received_on, case.defence_due_on),
                HANDLERS,
            )
        )
    if case.status in (L.RECEIVED, L.DEFENDED):
        if case.hearing_on is None:
            if case.status == L.DEFENDED:
                steps.append(NextStep(_("安排出庭应诉"), "#appearance", by=HANDLERS))
        elif case.hearing_on >= today:
            who = case.head.display_name if case.head else case.appearing_staff
            steps.append(
                NextStep(
                    _("%(d)s 开庭：%(who)s 出庭") % {"d": _day(case.hearing_on), "who": who},
                    "#appearance",
                    by=LEADERSHIP if case.head_id else HANDLERS,
                )
            )
        else:
            steps.append(NextStep(_("记录开庭情况"), "#hearing", by=HANDLERS))
    if case.status == L.HEARD:
        steps.append(NextStep(_("等待法院裁判"), "#judgment", by=ORGAN))
    if not steps:
        steps.append(NextStep(_("已裁判")))
    return steps


def mediation_step(mediation: Mediation) -> NextStep:
    if mediation.status == M.REQUESTED:
        return NextStep(_("受理或不予受理"), "#accept", by=HANDLERS)
    if mediation.status == M.ACCEPTED:
        return NextStep(_("组织调解，达成协议或记录调解不成"), "#meetings", by=HANDLERS)
    return NextStep(str(mediation.get_status_display()))


def deadline_row(
    label: Any,
    deadline: Deadline | None,
    awaiting_year: int | None,
    done_on: datetime.date | None,
    pending: bool,
) -> dict[str, Any]:
    return {
        "label": label,
        "deadline": deadline,
        "awaiting_year": awaiting_year,
        "done_on": done_on,
        "pending": pending,
        "late": bool(deadline and done_on and done_on > deadline.due),
    }


def reconsideration_deadlines(case: Reconsideration) -> list[dict[str, Any]]:
    rows = [
        deadline_row(
            gettext_lazy("提交答复和证据"),
            case.reply_deadline,
            _awaiting(case.received_on, case.reply_due_on),
            case.replied_on,
            case.status == R.RECEIVED,
        )
    ]
    if case.opinion_letter_on:
        rows.append(
            deadline_row(
                gettext_lazy("报送意见书整改情况"),
                case.correction_deadline,
                _awaiting(case.opinion_letter_on, case.correction_due_on),
                case.correction_reported_on,
                case.correction_reported_on is None,
            )
        )
    return rows


def litigation_deadlines(case: Litigation) -> list[dict[str, Any]]:
    return [
        deadline_row(
            gettext_lazy("提交答辩状和证据"),
            case.defence_deadline,
            _awaiting(case.complaint_received_on, case.defence_due_on),
            case.defended_on,
            case.status == L.RECEIVED,
        )
    ]


# --- the timeline ----------------------------------------------------------------------------

VERB_LABELS: dict[str, Any] = {
    "reconsideration.deadlines_computed": gettext_lazy("工作日历录入后计算期限"),
    "litigation.deadlines_computed": gettext_lazy("工作日历录入后计算期限"),
    "reconsideration.register": gettext_lazy("登记行政复议"),
    "reconsideration.reply": gettext_lazy("提交答复"),
    "reconsideration.hearing": gettext_lazy("安排复议听证"),
    "reconsideration.decision": gettext_lazy("记录复议决定"),
    "reconsideration.opinion_letter": gettext_lazy("收到行政复议意见书"),
    "reconsideration.correction_report": gettext_lazy("报送整改情况"),
    "reconsideration.close": gettext_lazy("办结"),
    "litigation.register": gettext_lazy("登记行政诉讼"),
    "litigation.defence": gettext_lazy("提交答辩状"),
    "litigation.appearance_plan": gettext_lazy("安排出庭"),
    "litigation.hearing": gettext_lazy("记录开庭"),
    "litigation.judgment": gettext_lazy("记录裁判"),
    "mediation.request": gettext_lazy("申请调解"),
    "mediation.accept": gettext_lazy("受理"),
    "mediation.refuse": gettext_lazy("不予受理"),
    "mediation.meeting": gettext_lazy("调解会"),
    "mediation.agree": gettext_lazy("达成调解协议"),
    "mediation.fail": gettext_lazy("调解不成"),
    "attachment.upload": gettext_lazy("上传附件"),
}


def _event_detail(event: AuditEvent) -> str:
    data = event.data if isinstance(event.data, dict) else {}
    if "in_time" in data and event.verb in {
        "reconsideration.reply",
        "reconsideration.correction_report",
        "litigation.defence",
    }:
        if data["in_time"] is None:
            return _("期限待工作日历录入后计算")
        return _("按期") if data["in_time"] else _("逾期")
    if event.verb in {"reconsideration.hearing", "litigation.appearance_plan"}:
        return str(data.get("hearing_on", ""))
    if event.verb == "reconsideration.decision":
        return str(Reconsideration.Outcome(data["outcome"]).label) if data.get("outcome") else ""
    if event.verb == "litigation.judgment":
        return str(Litigation.Outcome(data["outcome"]).label) if data.get("outcome") else ""
    if event.verb == "attachment.upload":
        return str(data.get("name", ""))
    if event.verb == "litigation.hearing":
        return _("负责人出庭") if data.get("head_appeared") else _("负责人未出庭")
    return ""


def timeline(obj: Any, statuses: dict[str, Any]) -> list[AuditEvent]:
    return timeline_of(obj, verb_labels=VERB_LABELS, statuses=statuses, detail=_event_detail)
