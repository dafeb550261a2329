"""The steps of a case's page as a table: who takes each (officers of the case take its steps,
the leadership decides; anyone else gets 404), its form, and whether the case's state offers
it now."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from fazhi.enforcement import permissions
from fazhi.enforcement.forms import (
    DecideForm,
    Empty,
    ExecuteForm,
    HearingRecordForm,
    MajorGroundsForm,
    NotifyForm,
    RecordForm,
    RequestHearingForm,
    ReversalForm,
    ScheduleHearingForm,
    ServeForm,
    StatementForm,
    SubmitReviewForm,
    TransferForm,
)
from fazhi.enforcement.models import CaseRecord, EnforcementCase
from fazhi.enforcement.view_helpers import ReviewState, heard

S = EnforcementCase.Status
O = EnforcementCase.Outcome  # noqa: E741 - the outcome choices
HANDLE = "handle"  # an officer of the case (permissions.can_handle)
DECIDE = "decide"  # the leadership (permissions.can_decide)
TRY_AGAIN = gettext_lazy("请按提示修改后再提交。")


def _area(user: Any) -> dict[str, Any]:
    return {"can_file": permissions.can_file(user), "can_view_stats": permissions.can_view_stats(user)}


# ---------------------------------------------------------------------------------------------
# The case's page


@dataclass(frozen=True)
class Step:
    """A step of the case's page: who may ever take it (else 404), its button, where on the
    page its form is, the form, and the words of a refusal that point at a field."""

    who: frozenset[str]
    label: Any
    anchor: str
    form: type[forms.Form] = Empty
    hints: tuple[tuple[str, str], ...] = ()
    multipart: bool = False
    initial: Callable[[EnforcementCase, datetime.date], dict[str, Any]] = field(
        default=lambda case, today: {}
    )


OFFICER = frozenset({HANDLE})
LEADER = frozenset({DECIDE})
EITHER = frozenset({HANDLE, DECIDE})

# The step of the full-process record a new entry most likely belongs to.
RECORD_STEP: dict[str, str] = {
    S.INVESTIGATING: CaseRecord.Step.INVESTIGATION,
    S.NOTIFIED: CaseRecord.Step.NOTICE,
    S.DECIDED: CaseRecord.Step.DECISION,
    S.SERVED: CaseRecord.Step.SERVICE,
    S.EXECUTED: CaseRecord.Step.EXECUTION,
}

STEPS: dict[str, Step] = {
    "add_record": Step(
        OFFICER,
        gettext_lazy("增加记录"),
        "#records",
        RecordForm,
        (("记录名称", "title"), ("说明", "note"), ("记录环节", "step"), ("记录形式", "kind")),
        multipart=True,
        initial=lambda case, today: {"step": RECORD_STEP.get(case.status, CaseRecord.Step.CLOSING)},
    ),
    "set_major_grounds": Step(
        EITHER,
        gettext_lazy("保存重大执法决定情形"),
        "#major",
        MajorGroundsForm,
        (("情形", "grounds"), ("听证", "grounds")),
        initial=lambda case, today: {"grounds": list(case.major_grounds)},
    ),
    "notify": Step(
        OFFICER,
        gettext_lazy("告知当事人"),
        "#notice",
        NotifyForm,
        (("拟作出的决定", "proposed_decision"),),
    ),
    "record_statement": Step(
        OFFICER,
        gettext_lazy("记录陈述、申辩"),
        "#statement",
        StatementForm,
        (("已申请听证", "waived"), ("陈述、申辩", "statement")),
        initial=lambda case, today: {"statement": case.statement, "waived": case.waived},
    ),
    "request_hearing": Step(
        OFFICER,
        gettext_lazy("记录听证申请"),
        "#hearing",
        RequestHearingForm,
        (("申请日期", "requested_on"), ("申请听证的期限", "requested_on")),
    ),
    "schedule_hearing": Step(
        OFFICER,
        gettext_lazy("安排听证并通知当事人"),
        "#hearing",
        ScheduleHearingForm,
        (("听证日期", "hearing_on"), ("听证最早", "hearing_on"), ("的听证", "hearing_on")),
    ),
    "record_hearing": Step(
        OFFICER, gettext_lazy("记录听证"), "#hearing", HearingRecordForm, (("听证笔录摘要", "record"),)
    ),
    "submit_for_review": Step(
        OFFICER,
        gettext_lazy("送法制审核"),
        "#review",
        SubmitReviewForm,
        (("送审说明", "explanation"),),
    ),
    "decide": Step(
        LEADER,
        gettext_lazy("作出决定"),
        "#decision",
        DecideForm,
        (
            ("罚款金额", "fine_amount"),
            ("决定内容", "decision_text"),
            ("决定期限", "extension_basis"),
            ("延长决定期限", "extension_basis"),
            ("情况说明", "overdue_reason"),
            ("决定结果", "outcome"),
        ),
    ),
    "serve": Step(
        OFFICER,
        gettext_lazy("记录送达"),
        "#service",
        ServeForm,
        (("送达日期", "served_on"), ("逾期送达", "late_reason"), ("送达方式", "method")),
        initial=lambda case, today: {"served_on": today},
    ),
    "execute": Step(
        OFFICER,
        gettext_lazy("记录执行完毕"),
        "#execution",
        ExecuteForm,
        (("执行完毕日期", "executed_on"), ("执行情况", "note")),
        initial=lambda case, today: {"executed_on": today},
    ),
    "close": Step(OFFICER, gettext_lazy("结案归档"), "#execution"),
    "transfer": Step(
        OFFICER,
        gettext_lazy("移送司法机关"),
        "#transfer",
        TransferForm,
        (("移送机关", "transferred_to"), ("移送理由", "reason")),
    ),
    "publish": Step(EITHER, gettext_lazy("公示决定"), "#publicity"),
    "record_reversal": Step(
        EITHER,
        gettext_lazy("记录决定被变更、撤销"),
        "#publicity",
        ReversalForm,
        (("发生法律效力之日", "effective_on"), ("之日", "reversed_on"), ("情况", "reason")),
    ),
    "withdraw_publicity": Step(EITHER, gettext_lazy("撤回公示"), "#publicity"),
}


def _roles(user: Any, case: EnforcementCase) -> set[str]:
    roles = set()
    if permissions.can_handle(user, case):
        roles.add(HANDLE)
    if permissions.can_decide(user, case):
        roles.add(DECIDE)
    return roles


def _offered(name: str, case: EnforcementCase, today: datetime.date, review: ReviewState | None) -> bool:
    """Whether the page shows the step's form now (the action still has the last word)."""
    status = case.status
    pending = status in (S.INVESTIGATING, S.NOTIFIED)
    if name == "add_record":
        return case.is_open
    if name in {"set_major_grounds", "transfer"}:
        return pending
    if name == "notify":
        return status == S.INVESTIGATING
    if name in {"record_statement", "decide"}:
        return status == S.NOTIFIED
    if name == "request_hearing":
        return (
            status == S.NOTIFIED and case.hearing_right and not case.hearing_requested_on and not case.waived
        )
    if name == "schedule_hearing":
        return status == S.NOTIFIED and bool(case.hearing_requested_on) and not case.hearing_held_on
    if name == "record_hearing":
        return (
            status == S.NOTIFIED
            and case.hearing_on is not None
            and case.hearing_on <= today
            and not case.hearing_held_on
        )
    if name == "submit_for_review":
        # The check reads the party's statement and the hearing record, so it follows them.
        return (
            status == S.NOTIFIED
            and heard(case)
            and not (case.hearing_requested_on and not case.hearing_held_on)
            and case.is_major
            and review is not None
            and not review.cleared
            and not review.reviewing
        )
    if name == "serve":
        return status == S.DECIDED
    if name == "execute":
        return status == S.SERVED and case.outcome == O.PENALTY
    if name == "close":
        return status == S.EXECUTED or (status == S.SERVED and case.outcome != O.PENALTY)
    if name == "publish":
        return bool(case.decided_on and not case.published_on and not case.reversed_on)
    if name == "record_reversal":
        return bool(case.decided_on and not case.reversed_on)
    if name == "withdraw_publicity":
        return bool(case.published_on and not case.withdrawn_on and case.reversed_on)
    return False


def _step_form(
    name: str, case: EnforcementCase, today: datetime.date, data: Any = None, files: Any = None
) -> forms.Form:
    step = STEPS[name]
    if data is None:
        return step.form(prefix=name, initial=step.initial(case, today))
    return step.form(data, files, prefix=name)
