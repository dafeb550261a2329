"""The steps of reconsideration, litigation and mediation, and the records of court
observation and dispute screening. Each checks permission, enforces its rule and writes the
audit event in the same transaction.

The rules (research notes §7):
- the respondent's reply and evidence within 10 working days of receiving the application copy
  (行政复议法 Arts 48, 88); without them the act is treated as having no evidence (Art 70);
- the respondent's head attends the reconsideration hearing, or explains and sends a delegate
  (Arts 50–51); a reconsideration opinion letter is answered with a correction report within
  60 days (Art 76);
- the defence and evidence within 15 days of receiving the complaint (行政诉讼法 Art 67);
- the head appears in court (Art 3 ¶3): the principal head, a deputy head, the deputy-level
  head in charge of the challenged act or another head in charge (法释〔2020〕3号 Art 2);
  otherwise a valid excuse (force majeure, accident, a non-delegable duty, another proper
  reason) with proof bearing the agency's seal or the principal head's signature, and staff
  appear (Arts 8–9);
- a decision or judgment that changes, revokes, or declares the act unlawful or void reverses
  a penalty decision once it takes legal effect — a reconsideration decision when served, a
  first-instance judgment when the appeal period ran out without an appeal, a second-instance
  judgment when given: the enforcement case records the reversal with that day, and its
  publication must be withdrawn within 3 working days of it (行政处罚法 Art 48);
- mediation is voluntary and free (天津市行政调解规定 Arts 3, 5); an agreement follows at least
  one mediation meeting. Its acceptance and mediation time limits were not found, so the
  platform sets none."""

from __future__ import annotations

from fazhi.disputes.actions._common import (
    EXCUSE_PROOF,
    HEAD_AT_HEARING,
    HEAD_IN_COURT,
    HEAD_WHO,
    LITIGATION,
    MEDIATION,
    MUST_PERFORM,
    NOT_YET_EFFECTIVE,
    RECONSIDERATION,
    L,
    M,
    R,
    _day,
    _division,
    _linked_case,
)
from fazhi.disputes.actions.litigation import (
    plan_appearance,
    record_court_hearing,
    record_judgment,
    record_judgment_effect,
    register_litigation,
    submit_defence,
)
from fazhi.disputes.actions.mediation import (
    accept_mediation,
    add_meeting,
    conclude_mediation,
    refuse_mediation,
    request_mediation,
)
from fazhi.disputes.actions.reconsideration import (
    close_reconsideration,
    plan_reconsideration_hearing,
    record_opinion_letter,
    record_reconsideration_decision,
    register_reconsideration,
    report_correction,
    submit_reply,
)
from fazhi.disputes.actions.records import record_observation, record_screening

__all__ = [
    "EXCUSE_PROOF",
    "HEAD_AT_HEARING",
    "HEAD_IN_COURT",
    "HEAD_WHO",
    "LITIGATION",
    "MEDIATION",
    "MUST_PERFORM",
    "NOT_YET_EFFECTIVE",
    "RECONSIDERATION",
    "L",
    "M",
    "R",
    "_day",
    "_division",
    "_linked_case",
    "accept_mediation",
    "add_meeting",
    "close_reconsideration",
    "conclude_mediation",
    "plan_appearance",
    "plan_reconsideration_hearing",
    "record_court_hearing",
    "record_judgment",
    "record_judgment_effect",
    "record_observation",
    "record_opinion_letter",
    "record_reconsideration_decision",
    "record_screening",
    "refuse_mediation",
    "register_litigation",
    "register_reconsideration",
    "report_correction",
    "request_mediation",
    "submit_defence",
    "submit_reply",
]
