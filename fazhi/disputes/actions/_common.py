"""What the steps of the disputes share: the transitions, the rules cited in a refusal, dates,
the handling division, and the reversal recorded on a linked enforcement case."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied

from fazhi.core.clock import today as _today
from fazhi.core.formats import cn_date
from fazhi.core.models import User
from fazhi.core.workflow import (
    DomainError,
    Transition,
)
from fazhi.disputes.models import (
    Litigation,
    Mediation,
    Reconsideration,
)
from fazhi.enforcement import actions as enforcement_actions
from fazhi.enforcement.models import EnforcementCase

R = Reconsideration.Status
L = Litigation.Status
M = Mediation.Status

RECONSIDERATION = {
    "reply": Transition({R.RECEIVED}, R.REPLIED, "提交答复"),
    "decision": Transition({R.RECEIVED, R.REPLIED}, R.DECIDED, "记录复议决定"),
    "close": Transition({R.DECIDED}, R.CLOSED, "办结"),
}
LITIGATION = {
    "defence": Transition({L.RECEIVED}, L.DEFENDED, "提交答辩状"),
    "hearing": Transition({L.RECEIVED, L.DEFENDED}, L.HEARD, "记录开庭"),
    "judgment": Transition({L.RECEIVED, L.DEFENDED, L.HEARD}, L.JUDGED, "记录裁判"),
}
MEDIATION = {
    "accept": Transition({M.REQUESTED}, M.ACCEPTED, "受理"),
    "refuse": Transition({M.REQUESTED}, M.REFUSED, "不予受理"),
    "agree": Transition({M.ACCEPTED}, M.AGREED, "达成调解协议"),
    "fail": Transition({M.ACCEPTED}, M.FAILED, "调解不成"),
}

# The decisions the bureau must carry out before the matter is closed (《行政复议法》第七十七条).
MUST_PERFORM = frozenset(
    {
        Reconsideration.Outcome.ORDERED_PERFORMANCE,
        Reconsideration.Outcome.CHANGED,
        Reconsideration.Outcome.REVOKED,
    }
)

HEAD_AT_HEARING = "被申请人的负责人应当参加听证；不能参加的，应当说明理由并委托相应的工作人员参加听证（《行政复议法》第五十一条）"
HEAD_IN_COURT = "被诉行政机关负责人应当出庭应诉；不能出庭的，应当委托行政机关相应的工作人员出庭（《行政诉讼法》第三条第三款）"
EXCUSE_PROOF = "行政机关负责人有正当理由不能出庭的，应当提交相关证明材料，并加盖行政机关印章或者由该机关主要负责人签字认可（法释〔2020〕3号第九条）"
HEAD_WHO = "被诉行政机关负责人，包括行政机关的正职、副职负责人、参与分管被诉行政行为实施工作的副职级别的负责人以及其他参与分管的负责人（法释〔2020〕3号第二条）"
NOT_YET_EFFECTIVE = "一审判决尚未发生法律效力：上诉期满未上诉的，自期满之日生效；上诉的，以二审裁判为准"


def _day(
    value: Any, field: str, *, not_before: datetime.date | None = None, future: bool = False
) -> datetime.date:
    if not isinstance(value, datetime.date):
        raise DomainError(f"{field}不正确")
    if not future and value > _today():
        raise DomainError(f"{field}不能晚于今天")
    if not_before is not None and value < not_before:
        raise DomainError(f"{field}不能早于{cn_date(not_before)}")
    return value


def _division(actor: User) -> Any:
    if actor.organization_id is None:
        raise DomainError("登记人未归属任何处室")
    return actor.organization


def _linked_case(actor: User, case: EnforcementCase | None) -> EnforcementCase | None:
    if case is not None and not EnforcementCase.objects.visible_to(actor).filter(pk=case.pk).exists():
        raise PermissionDenied
    return case


def _reverse_enforcement(
    case: EnforcementCase | None, *, actor: User, on: datetime.date, effective_on: datetime.date, reason: str
) -> bool:
    """Record on the linked enforcement case that its decision was reversed (once), by a decision
    or judgment made `on` and in legal effect from `effective_on` (行政处罚法第四十八条)."""
    if case is None or case.decided_on is None or case.reversed_on is not None:
        return False
    enforcement_actions.record_reversal(
        case, actor=actor, reversed_on=on, reason=reason, effective_on=effective_on
    )
    return True
