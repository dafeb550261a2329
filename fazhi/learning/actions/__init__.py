"""Every write of law study and exams (split by sub-domain), importable from here."""

from fazhi.learning.actions.bank import (
    check_question,
    create_question,
    reapprove_question,
    retire_for_new_version,
)
from fazhi.learning.actions.exams import (
    BlueprintSpec,
    ImportReport,
    ResultRow,
    add_candidates,
    create_exam,
    employee_of,
    expire_attempts,
    import_results,
    open_attempt,
    recreate_paper,
    save_answer,
    submit_attempt,
)
from fazhi.learning.actions.gate import PromotionBlocked, confirm_promotion, gate, propose_promotion
from fazhi.learning.actions.study import add_employee, add_required_law, record_session

__all__ = [
    "BlueprintSpec",
    "ImportReport",
    "PromotionBlocked",
    "ResultRow",
    "add_candidates",
    "add_employee",
    "add_required_law",
    "check_question",
    "confirm_promotion",
    "create_exam",
    "create_question",
    "employee_of",
    "expire_attempts",
    "gate",
    "import_results",
    "open_attempt",
    "propose_promotion",
    "reapprove_question",
    "record_session",
    "recreate_paper",
    "retire_for_new_version",
    "save_answer",
    "submit_attempt",
]
