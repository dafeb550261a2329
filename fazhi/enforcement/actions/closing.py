"""Service, execution, closing and transfer of a case."""

from __future__ import annotations

import datetime

from fazhi.core.clock import today as _today
from fazhi.core.formats import cn_date
from fazhi.core.models import User
from fazhi.core.workflow import (
    DomainError,
    InvalidTransition,
    LegalGateClosed,
    apply_transition,
    clean_text,
    require,
)
from fazhi.enforcement import permissions
from fazhi.enforcement.actions._common import RECORD, TRANSITIONS, O, S, Step, _date
from fazhi.enforcement.actions.deadlines import fill_pending_deadlines
from fazhi.enforcement.models import EnforcementCase

# --- service, execution, closing -------------------------------------------------------------


def serve(
    case: EnforcementCase, *, actor: User, served_on: datetime.date, method: str, late_reason: str = ""
) -> None:
    """The decision was served (送达): on the day it was made, or within 7 working days."""
    require(permissions.can_handle(actor, case))
    fill_pending_deadlines(case, actor=actor)
    if case.reversed_on:
        raise LegalGateClosed("决定已被变更、撤销或者确认违法、无效，不再送达")
    served_on = _date(served_on, "送达日期")
    if case.decided_on is None or served_on < case.decided_on or served_on > _today():
        raise DomainError("送达日期应当在决定之日至今天之间")
    reason = clean_text(late_reason, "逾期送达的理由", required=False)
    method = clean_text(method, "送达方式", limit=50)
    if case.service_due_on and served_on > case.service_due_on and not reason:
        raise LegalGateClosed(
            f"送达期限为 {cn_date(case.service_due_on)}，逾期送达须写明理由（《行政处罚法》第六十一条）"
        )
    apply_transition(
        case,
        TRANSITIONS["serve"],
        actor=actor,
        verb="enforcement.serve",
        data={"served_on": served_on.isoformat(), "method": method, "late_reason": reason},
        served_on=served_on,
        service_method=method,
        late_service_reason=reason,
    )


def execute(case: EnforcementCase, *, actor: User, executed_on: datetime.date, note: str) -> None:
    """The decision has been carried out (执行完毕)."""
    require(permissions.can_handle(actor, case))
    if case.reversed_on:
        raise LegalGateClosed("决定已被变更、撤销或者确认违法、无效，不再执行")
    executed_on = _date(executed_on, "执行完毕日期")
    if case.served_on is None or executed_on < case.served_on or executed_on > _today():
        raise DomainError("执行完毕日期应当在送达之日至今天之间")
    apply_transition(
        case,
        TRANSITIONS["execute"],
        actor=actor,
        verb="enforcement.execute",
        data={"executed_on": executed_on.isoformat()},
        executed_on=executed_on,
        execution_note=clean_text(note, "执行情况"),
    )


def close(case: EnforcementCase, *, actor: User) -> None:
    """Close and archive the case (结案归档): the decision executed (or no penalty given), and
    the written record of the decision and of its service in the file."""
    require(permissions.can_handle(actor, case))
    if case.status not in TRANSITIONS["close"].sources:
        raise InvalidTransition("送达（给予处罚的，执行完毕）后方可结案")
    if case.status == S.SERVED and case.outcome == O.PENALTY:
        raise LegalGateClosed("行政处罚决定尚未执行完毕，不能结案")
    steps = set(case.records.values_list("step", flat=True))
    missing = [str(Step(s).label) for s in (Step.DECISION, Step.SERVICE) if s not in steps]
    if missing:
        raise LegalGateClosed(f"全过程记录缺少“{'”“'.join(missing)}”环节的记录：{RECORD}")
    apply_transition(case, TRANSITIONS["close"], actor=actor, verb="enforcement.close", closed_on=_today())


def transfer(case: EnforcementCase, *, actor: User, transferred_to: str, reason: str) -> None:
    """Transfer a case that may be a crime to the judicial organs (DOMAIN.md §11; the seed
    report's 行政执法与刑事司法衔接)."""
    require(permissions.can_handle(actor, case))
    transferred_to = clean_text(transferred_to, "移送机关", limit=100)
    reason = clean_text(reason, "移送理由")
    apply_transition(
        case,
        TRANSITIONS["transfer"],
        actor=actor,
        verb="enforcement.transfer",
        data={"to": transferred_to, "reason": reason},
        transferred_on=_today(),
        transferred_to=transferred_to,
        transfer_reason=reason,
    )
