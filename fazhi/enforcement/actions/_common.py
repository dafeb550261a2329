"""What the steps of an enforcement case share: the transitions, the rules they cite in a
refusal, and the checks of officers, dates and party codes."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from fazhi.core.models import Inspector
from fazhi.core.uscc import normalize_uscc, validate_uscc
from fazhi.core.workflow import (
    DomainError,
    LegalGateClosed,
    Transition,
    clean_text,
)
from fazhi.enforcement.models import CaseRecord, EnforcementCase

S = EnforcementCase.Status
C = EnforcementCase.Category
O = EnforcementCase.Outcome  # noqa: E741 - the outcome choices
G = EnforcementCase.MajorGround
Step = CaseRecord.Step

TRANSITIONS = {
    "notify": Transition({S.INVESTIGATING}, S.NOTIFIED, "告知"),
    "decide": Transition({S.NOTIFIED}, S.DECIDED, "作出决定"),
    "serve": Transition({S.DECIDED}, S.SERVED, "送达"),
    "execute": Transition({S.SERVED}, S.EXECUTED, "执行"),
    "close": Transition({S.SERVED, S.EXECUTED}, S.CLOSED, "结案归档"),
    "transfer": Transition({S.INVESTIGATING, S.NOTIFIED}, S.TRANSFERRED, "移送司法机关"),
}

TWO_OFFICERS = "执法人员不得少于两人，且应当持有有效的行政执法证件（《行政处罚法》第四十二条）"
LIMITATION = "违法行为在二年内未被发现的，不再给予行政处罚；涉及公民生命健康安全、金融安全且有危害后果的，延长至五年。期限从违法行为发生之日起计算；违法行为有连续或者继续状态的，从行为终了之日起计算（《行政处罚法》第三十六条）"
# The notice, the statement and defence, and no decision without them (DOMAIN.md §14).
HEAR_FIRST = "作出行政处罚决定之前，应当告知当事人拟作出的行政处罚内容及事实、理由、依据和依法享有的陈述、申辩、要求听证等权利（《行政处罚法》第四十四条），充分听取当事人的陈述、申辩（第四十五条）；未告知或者拒绝听取的，不得作出行政处罚决定，当事人明确放弃陈述或者申辩权利的除外（第六十二条）"
HEARING_REQUEST = "当事人要求听证的，应当在行政机关告知后五日内提出（《行政处罚法》第六十四条）"
HEARING_NOTICE = (
    "行政机关应当在举行听证的七日前，通知当事人及有关人员听证的时间、地点（《行政处罚法》第六十四条）"
)
DECISION_MAX = "行政机关应当自行政处罚案件立案之日起九十日内作出行政处罚决定；法律、法规、规章另有规定的，从其规定（《行政处罚法》第六十条）：逾期作出决定的，应当写明所依据的法律、法规或者规章的名称和条文，如“《××规定》第××条”"
WITHDRAWAL = "公开的行政处罚决定被依法变更、撤销、确认违法或者确认无效的，行政机关应当在三日内撤回行政处罚决定信息并公开说明理由（《行政处罚法》第四十八条）；三日自变更、撤销的决定或者裁判发生法律效力之日起计算"
# A provision as cited in an official text: the title in 《》 and an article number.
CITATION = re.compile(r"《[^《》]{2,100}》第[〇零一二三四五六七八九十百千两0-9]+条")
RECORD = "行政执法全过程应当有文字、音像记录并归档保存（《行政处罚法》第四十七条；国办发〔2018〕118号）"
MAX_FINE = Decimal("999999999999.99")


def publicity_rule(category: str, outcome: str) -> str:
    """Licence and penalty decisions: 7 working days; other decisions: 20 (国办发〔2018〕118号)."""
    if category == C.PENALTY and outcome == O.PENALTY:
        return "enforcement.publicity_penalty"
    return "enforcement.publicity_other"


def _date(value: Any, field: str) -> datetime.date:
    if not isinstance(value, datetime.date):
        raise DomainError(f"{field}不正确")
    return value


def _certified(officers: Iterable[Inspector], day: datetime.date) -> list[Inspector]:
    return [o for o in officers if o.is_active and o.certificate_expires_on >= day]


def _require_officers(officers: Sequence[Inspector], day: datetime.date) -> None:
    """At least two officers, every one with a valid certificate on `day` (none is carried on
    the case without one)."""
    certified = _certified(officers, day)
    lapsed = [str(o) for o in officers if o not in certified]
    if lapsed or len({o.pk for o in certified}) < 2:
        detail = f"（证件无效或已过期：{'、'.join(lapsed)}）" if lapsed else ""
        raise LegalGateClosed(TWO_OFFICERS + detail)


def checked_party_code(party_kind: str, code: str) -> str:
    """An organization's code is its unified social credit code, checked as the registries check
    it (GB 32100-2015); a natural person's identity number is kept as given."""
    code = clean_text(code, "证件号码", required=False, limit=40)
    if code and party_kind == EnforcementCase.PartyKind.ORGANIZATION:
        code = normalize_uscc(code)
        reason = validate_uscc(code)
        if reason:
            raise DomainError(reason)
    return code


def _violation_dates(
    occurred: Any, ended: Any, continuing: bool, discovered_on: datetime.date
) -> tuple[datetime.date | None, datetime.date | None, bool]:
    """The dates of the act, checked: a continuing or repeated act has the day it ended (from
    which the limitation runs); a single act has the day it occurred."""
    occurred = _date(occurred, "违法行为发生之日") if occurred is not None else None
    ended = _date(ended, "违法行为终了之日") if ended is not None else None
    if continuing and ended is None:
        raise DomainError("违法行为有连续或者继续状态的，请填写违法行为终了之日（《行政处罚法》第三十六条）")
    if not continuing and ended is not None and occurred is None:
        raise DomainError(
            "请填写违法行为发生之日；违法行为有连续或者继续状态的，请注明并填写终了之日（《行政处罚法》第三十六条）"
        )
    for day, name in ((occurred, "违法行为发生之日"), (ended, "违法行为终了之日")):
        if day is not None and day > discovered_on:
            raise DomainError(f"{name}不能晚于发现之日")
    if occurred and ended and ended < occurred:
        raise DomainError("违法行为终了之日不能早于发生之日")
    return occurred, ended, continuing


def _major_grounds(values: Iterable[str]) -> list[str]:
    grounds = [g for g in G.values if g in set(values)]
    unknown = set(values) - set(G.values)
    if unknown:
        raise DomainError("重大执法决定情形不正确")
    return grounds
