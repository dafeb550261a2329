"""Helpers shared by the enforcement pages (views/) and the work list (worklist.py): what a
case waits for next and by when (with the rule-book deadline, so every page shows its basis),
the state of its legality check, action messages placed next to their field, filter notes, the
files of the full-process record, and the case's timeline from the audit chain."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core.audit import timeline_of
from fazhi.core.calendar import Deadline
from fazhi.core.formats import date_text
from fazhi.core.formfields import filter_notes, place_error  # noqa: F401 - this app's pages import them from here
from fazhi.core.models import Attachment, AuditEvent
from fazhi.enforcement.actions import PENDABLE, pending_fields
from fazhi.enforcement.models import CaseRecord, EnforcementCase
from fazhi.reviews.gate import review_gate
from fazhi.reviews.models import ReviewRequest, subject_key

S = EnforcementCase.Status
O = EnforcementCase.Outcome  # noqa: E741 - the outcome choices
PAGE_SIZE = 25
OPEN_STATUSES = [S.INVESTIGATING, S.NOTIFIED, S.DECIDED, S.SERVED, S.EXECUTED]
PENDING_REVIEW = [
    ReviewRequest.Status.DRAFT,
    ReviewRequest.Status.SUBMITTED,
    ReviewRequest.Status.UNDER_REVIEW,
    ReviewRequest.Status.RETURNED,
]
CONCLUDED_REVIEW = [ReviewRequest.Status.CONCLUDED, ReviewRequest.Status.CLOSED]
# The rule-book deadlines a page loads with the case (each `*_deadline` property reads one).
DEADLINE_RULES = (
    "decision_rule",
    "hearing_request_rule",
    "hearing_notice_rule",
    "service_rule",
    "publicity_rule",
    "withdrawal_rule",
)
# Long texts a list does not show (the statement is read: whether the party was heard).
LONG_TEXTS = (
    "facts",
    "proposed_decision",
    "hearing_record",
    "decision_text",
    "overdue_reason",
    "late_service_reason",
    "execution_note",
    "reversal_reason",
    "transfer_reason",
)


# --- the legality check ----------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewState:
    """Where a major case's legality check stands: cleared (the decision may be made), under
    way (a request not yet concluded), or neither (it must be sent)."""

    cleared: bool
    reviewing: bool


def review_states(cases: Iterable[EnforcementCase]) -> dict[int, ReviewState]:
    """The legality-check state of the major cases waiting for a decision, in one query for
    their review requests; the full gate (opinions that must be answered) only for a case
    whose review has concluded."""
    waiting = [c for c in cases if c.is_major and c.status == S.NOTIFIED]
    if not waiting:
        return {}
    content_type = ContentType.objects.get_for_model(EnforcementCase)
    statuses: dict[str, set[str]] = defaultdict(set)
    for subject_id, status in ReviewRequest.objects.filter(
        subject_type=content_type, subject_id__in=[str(c.pk) for c in waiting]
    ).values_list("subject_id", "status"):
        statuses[subject_id].add(status)
    states = {}
    for case in waiting:
        seen = statuses.get(str(case.pk), set())
        cleared = (
            bool(seen & set(CONCLUDED_REVIEW))
            and review_gate(case, kind=ReviewRequest.SubjectKind.MAJOR_ENFORCEMENT).allowed
        )
        states[case.pk] = ReviewState(cleared=cleared, reviewing=bool(seen & set(PENDING_REVIEW)))
    return states


def reviews_of(case: EnforcementCase) -> list[ReviewRequest]:
    subject_type, subject_id = subject_key(case)
    return list(
        ReviewRequest.objects.filter(subject_type=subject_type, subject_id=subject_id).order_by("-pk")
    )


# --- what a case waits for -------------------------------------------------------------------

OFFICERS = "officers"
LEADERSHIP = "leadership"
LEGAL_DIVISION = "legal_division"


@dataclass(frozen=True)
class NextStep:
    """The next step of a case: what, where on its page, by when, and whose move it is."""

    text: str
    anchor: str = ""
    due: Deadline | None = None
    by: str = ""


def heard(case: EnforcementCase) -> bool:
    """The party's statement, their waiver, or the hearing is on record (DOMAIN.md §11)."""
    return bool(case.waived or case.statement or case.hearing_held_on)


def hearing_window_open(case: EnforcementCase, today: datetime.date) -> bool:
    """The party may still ask for a hearing (and has neither asked nor waived)."""
    return bool(
        case.hearing_request_due_on
        and not case.hearing_requested_on
        and not case.waived
        and today <= case.hearing_request_due_on
    )


def _notified_step(case: EnforcementCase, today: datetime.date, review: ReviewState | None) -> NextStep:
    decision = case.decision_deadline
    if case.hearing_requested_on and not case.hearing_held_on:
        if not case.hearing_on:
            return NextStep(_("当事人已申请听证：安排听证并通知当事人"), "#hearing", decision, OFFICERS)
        if case.hearing_on > today:
            when = date_text(case.hearing_on)
            return NextStep(_("%(d)s 举行听证") % {"d": when}, "#hearing", decision, OFFICERS)
        return NextStep(_("记录听证"), "#hearing", decision, OFFICERS)
    if hearing_window_open(case, today):
        return NextStep(
            _("当事人申请听证的期限内：收到申请的予以记录"),
            "#hearing",
            case.hearing_request_deadline,
            OFFICERS,
        )
    if not heard(case):
        return NextStep(_("记录当事人的陈述、申辩或放弃"), "#statement", decision, OFFICERS)
    if case.is_major and review is not None and not review.cleared:
        if review.reviewing:
            return NextStep(_("法制审核中"), "#review", decision, LEGAL_DIVISION)
        return NextStep(_("送法制审核"), "#review", decision, OFFICERS)
    return NextStep(_("待负责人作出决定"), "#decision", decision, LEADERSHIP)


def next_step(case: EnforcementCase, today: datetime.date, review: ReviewState | None = None) -> NextStep:
    """The case's next step in its procedure. `review` is the legality-check state of a major
    case waiting for a decision (see review_states); without it such a case reads "待负责人
    作出决定" and the page of the case says what the check still needs."""
    if case.status == S.INVESTIGATING:
        return NextStep(_("调查取证，告知当事人"), "#notice", case.decision_deadline, OFFICERS)
    if case.status == S.NOTIFIED:
        return _notified_step(case, today, review)
    if case.status == S.DECIDED:
        return NextStep(_("送达决定书"), "#service", case.service_deadline, OFFICERS)
    if case.status == S.SERVED:
        if case.outcome == O.PENALTY:
            return NextStep(_("执行完毕后结案归档"), "#execution", None, OFFICERS)
        return NextStep(_("结案归档"), "#execution", None, OFFICERS)
    if case.status == S.EXECUTED:
        return NextStep(_("结案归档"), "#execution", None, OFFICERS)
    if case.status == S.TRANSFERRED:
        return NextStep(_("已移送司法机关"))
    return NextStep(_("已结案归档"))


def publicity_steps(case: EnforcementCase) -> list[NextStep]:
    """The publicity track, beside the procedure: publish the decision by its deadline; withdraw
    a published decision that was reversed."""
    steps = []
    if case.decided_on and not case.published_on and not case.reversed_on and case.status != S.TRANSFERRED:
        steps.append(NextStep(_("公示决定"), "#publicity", case.publicity_deadline, OFFICERS))
    if case.withdrawal_due_on and not case.withdrawn_on:
        steps.append(NextStep(_("撤回公示并说明理由"), "#publicity", case.withdrawal_deadline, OFFICERS))
    return steps


def deadline_rows(case: EnforcementCase) -> list[dict[str, Any]]:
    """Every stored deadline of the case with its state: met (on which day), pending, or not
    met. `pending` deadlines are shown with the days left."""
    rows: list[dict[str, Any]] = []

    awaiting = {due for _start, due, _rule, _code in pending_fields(case)}

    def add(
        label: Any, d: Deadline | None, done_on: datetime.date | None, pending: bool, due_field: str = ""
    ) -> None:
        if d is None:
            if due_field in awaiting:
                # Left pending by the action: the calendar of a year it needs is not in yet.
                start = getattr(case, next(s for s, due, _r, _c in PENDABLE if due == due_field))
                rows.append(
                    {
                        "label": label,
                        "deadline": None,
                        "awaiting_year": start.year + 1,
                        "done_on": done_on,
                        "pending": pending,
                        "late": False,
                    }
                )
            return
        late = done_on is not None and done_on > d.due
        rows.append({"label": label, "deadline": d, "done_on": done_on, "pending": pending, "late": late})

    add(
        gettext_lazy("作出决定"),
        case.decision_deadline,
        case.decided_on,
        case.status in (S.INVESTIGATING, S.NOTIFIED),
        "decision_due_on",
    )
    add(
        gettext_lazy("当事人申请听证"),
        case.hearing_request_deadline,
        case.hearing_requested_on,
        case.status == S.NOTIFIED and not case.hearing_requested_on and not case.waived,
        "hearing_request_due_on",
    )
    add(gettext_lazy("通知听证（听证七日前）"), case.hearing_notice_deadline, case.hearing_notified_on, False)
    add(
        gettext_lazy("送达决定书"),
        case.service_deadline,
        case.served_on,
        case.status == S.DECIDED,
        "service_due_on",
    )
    add(
        gettext_lazy("公示决定"),
        case.publicity_deadline,
        case.published_on,
        not case.published_on and not case.reversed_on,
        "publicity_due_on",
    )
    add(
        gettext_lazy("撤回公示"),
        case.withdrawal_deadline,
        case.withdrawn_on,
        not case.withdrawn_on,
        "withdrawal_due_on",
    )
    return rows


# --- the full-process record -----------------------------------------------------------------


def records_with_files(case: EnforcementCase) -> list[CaseRecord]:
    """The case's records, each with `files`: its attachments (one query for all of them)."""
    records = list(case.records.select_related("recorded_by"))
    by_record: dict[str, list[Attachment]] = defaultdict(list)
    if records:
        attachments = (
            Attachment.objects.filter(
                content_type=ContentType.objects.get_for_model(CaseRecord),
                object_id__in=[str(r.pk) for r in records],
            )
            .select_related("uploaded_by")
            .order_by("uploaded_at", "pk")
        )
        for attachment in attachments:
            by_record[attachment.object_id].append(attachment)
    for record in records:
        record.files = by_record.get(str(record.pk), [])  # type: ignore[attr-defined]
    return records


# --- the timeline ----------------------------------------------------------------------------

VERB_LABELS: dict[str, Any] = {
    "enforcement.deadlines_computed": gettext_lazy("工作日历录入后计算期限"),
    "enforcement.file": gettext_lazy("立案"),
    "enforcement.record": gettext_lazy("增加全过程记录"),
    "enforcement.instrument": gettext_lazy("生成执法文书"),
    "enforcement.major_grounds": gettext_lazy("认定重大执法决定情形"),
    "enforcement.notify": gettext_lazy("告知当事人"),
    "enforcement.statement": gettext_lazy("记录陈述、申辩"),
    "enforcement.hearing_request": gettext_lazy("当事人申请听证"),
    "enforcement.hearing_schedule": gettext_lazy("安排听证"),
    "enforcement.hearing_held": gettext_lazy("举行听证"),
    "enforcement.submit_review": gettext_lazy("送法制审核"),
    "enforcement.decide": gettext_lazy("作出决定"),
    "enforcement.serve": gettext_lazy("送达"),
    "enforcement.execute": gettext_lazy("执行完毕"),
    "enforcement.close": gettext_lazy("结案归档"),
    "enforcement.transfer": gettext_lazy("移送司法机关"),
    "enforcement.publish": gettext_lazy("公示"),
    "enforcement.reversal": gettext_lazy("决定被变更、撤销或者确认违法、无效"),
    "enforcement.withdraw_publicity": gettext_lazy("撤回公示"),
}


def _event_detail(event: AuditEvent) -> str:
    data = event.data if isinstance(event.data, dict) else {}
    verb = event.verb
    if verb == "enforcement.file":
        return _("决定期限 %(d)s") % {"d": data.get("decision_due_on", "")}
    if verb in {"enforcement.record", "enforcement.instrument"}:
        return str(data.get("title", ""))
    if verb == "enforcement.notify" and data.get("hearing_request_due_on"):
        return _("告知听证权利，申请听证期限 %(d)s") % {"d": data["hearing_request_due_on"]}
    if verb == "enforcement.statement":
        return _("当事人明确放弃") if data.get("waived") else str(data.get("statement", ""))[:80]
    if verb == "enforcement.hearing_schedule":
        return _("听证日期 %(d)s") % {"d": data.get("hearing_on", "")}
    if verb == "enforcement.decide":
        outcome = dict(O.choices).get(str(data.get("outcome") or ""), "")
        return f"{data.get('decision_number', '')} {outcome}"
    if verb == "enforcement.serve":
        return f"{data.get('served_on', '')} {data.get('method', '')}"
    if verb == "enforcement.transfer":
        return str(data.get("to", ""))
    if verb == "enforcement.reversal":
        return str(data.get("reason", ""))
    if verb in {"enforcement.publish", "enforcement.withdraw_publicity"}:
        return "" if data.get("in_time", True) in (True, None) else _("逾期")
    return ""


def timeline(case: EnforcementCase) -> list[AuditEvent]:
    return timeline_of(case, verb_labels=VERB_LABELS, statuses=dict(S.choices), detail=_event_detail)
