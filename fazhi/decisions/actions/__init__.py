"""Every write of major administrative decisions (DOMAIN.md §6). Public participation, expert
argumentation and risk assessment run in any order (713号 fixes none); a step is refused only
for a rule the law sets — the legality review before the collective decision (Art 25), its
request accounting for the procedures performed and its period (Art 26, 27), the meeting's
rules (Art 30) — naming that article.

The package is split by sub-domain; every action is importable from `fazhi.decisions.actions`.
"""

from fazhi.decisions.actions._common import CATALOG_TRANSITIONS, STEP_RULES
from fazhi.decisions.actions.aftercare import (
    add_execution_report,
    adjust_decision,
    pre_decision_assessors,
    publish_decision,
    record_post_evaluation,
)
from fazhi.decisions.actions.assessment import (
    add_expert_opinion,
    complete_expert_argumentation,
    complete_risk_assessment,
    declare_interest,
    record_risk_assessment,
    revise_draft_after_risk,
)
from fazhi.decisions.actions.catalog import (
    add_to_catalog,
    adjust_catalog,
    approve_catalog,
    change_catalog_entry,
    create_catalog,
    propose_decision,
    publish_catalog,
    remove_from_catalog,
)
from fazhi.decisions.actions.meeting import (
    Statement,
    record_collective_decision,
    send_to_meeting,
    submit_for_legality_review,
)
from fazhi.decisions.actions.participation import (
    add_public_comment,
    answer_comment,
    complete_public_participation,
    mark_duplicate,
    open_consultation,
    publish_adoption_report,
    save_draft,
    schedule_hearing,
    start_procedures,
)

__all__ = [
    "CATALOG_TRANSITIONS",
    "STEP_RULES",
    "Statement",
    "add_execution_report",
    "add_expert_opinion",
    "add_public_comment",
    "add_to_catalog",
    "adjust_catalog",
    "adjust_decision",
    "answer_comment",
    "approve_catalog",
    "change_catalog_entry",
    "complete_expert_argumentation",
    "complete_public_participation",
    "complete_risk_assessment",
    "create_catalog",
    "declare_interest",
    "mark_duplicate",
    "open_consultation",
    "pre_decision_assessors",
    "propose_decision",
    "publish_adoption_report",
    "publish_catalog",
    "publish_decision",
    "record_collective_decision",
    "record_post_evaluation",
    "record_risk_assessment",
    "remove_from_catalog",
    "revise_draft_after_risk",
    "save_draft",
    "schedule_hearing",
    "send_to_meeting",
    "start_procedures",
    "submit_for_legality_review",
]
