"""The steps of an enforcement case. Each checks permission, enforces its legal gate and writes
the audit event in the same transaction (core.workflow). Pages and the API call these only.

The rules, each cited in its refusal (research notes §4, 行政处罚法 2021):
- at least two enforcement officers, each with a certificate valid on the day (Art 42);
- no penalty for a violation not discovered within two years, five where life, health or
  financial security was harmed; counted from the day the act occurred, or from the day it ended
  for a continuing or repeated act (Art 36);
- the party is told the intended decision with its facts, reasons and basis and their rights
  (Art 44), their statement and defence are heard (Art 45), and no decision is made without
  them unless the party expressly waives them (Art 62); a hearing is asked for within 5 working
  days of the notice and announced 7 working days before it is held (Art 64, 85);
- a major decision is checked for legality before the head decides, and cannot be made without
  a check or against a failed one (Art 58);
- the decision within 90 days of filing unless a law, regulation or rule provides otherwise —
  a later decision names that provision (Art 60); served within 7 working days (Art 61, 85);
- licence and penalty decisions published within 7 working days, others within 20 (国办发
  〔2018〕118号); a published decision that is reversed is withdrawn within 3 working days of
  the day the reversing decision or judgment takes legal effect, with the reason (Art 48, 85);
- a case that may be a crime is transferred to the judicial organs (DOMAIN.md §11)."""

from __future__ import annotations

from fazhi.enforcement.actions._common import (
    CITATION,
    DECISION_MAX,
    HEAR_FIRST,
    HEARING_NOTICE,
    HEARING_REQUEST,
    LIMITATION,
    MAX_FINE,
    RECORD,
    TRANSITIONS,
    TWO_OFFICERS,
    WITHDRAWAL,
    C,
    G,
    O,
    S,
    Step,
    _date,
    _require_officers,
    _violation_dates,
    checked_party_code,
    publicity_rule,
)
from fazhi.enforcement.actions.closing import close, execute, serve, transfer
from fazhi.enforcement.actions.deadlines import (
    DONE_FIELD,
    PENDABLE,
    fill_all_pending_deadlines,
    fill_pending_deadlines,
    pending_fields,
)
from fazhi.enforcement.actions.decision import _penalty_series, decide, submit_for_review
from fazhi.enforcement.actions.filing import add_record, file_case, set_major_grounds
from fazhi.enforcement.actions.hearing import (
    notify,
    record_hearing,
    record_statement,
    request_hearing,
    schedule_hearing,
)
from fazhi.enforcement.actions.publicity import publish, record_reversal, withdraw_publicity

__all__ = [
    "CITATION",
    "DECISION_MAX",
    "DONE_FIELD",
    "HEARING_NOTICE",
    "HEARING_REQUEST",
    "HEAR_FIRST",
    "LIMITATION",
    "MAX_FINE",
    "PENDABLE",
    "RECORD",
    "TRANSITIONS",
    "TWO_OFFICERS",
    "WITHDRAWAL",
    "C",
    "G",
    "O",
    "S",
    "Step",
    "_date",
    "_penalty_series",
    "_require_officers",
    "_violation_dates",
    "add_record",
    "checked_party_code",
    "close",
    "decide",
    "execute",
    "file_case",
    "fill_all_pending_deadlines",
    "fill_pending_deadlines",
    "notify",
    "pending_fields",
    "publicity_rule",
    "publish",
    "record_hearing",
    "record_reversal",
    "record_statement",
    "request_hearing",
    "schedule_hearing",
    "serve",
    "set_major_grounds",
    "submit_for_review",
    "transfer",
    "withdraw_publicity",
]
