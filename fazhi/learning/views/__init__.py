"""Staff pages of law study and exams (/work/learning/). Every write goes through the actions."""

from fazhi.learning.views.candidate import answer, attempt_page, index, start, submit
from fazhi.learning.views.manage import (
    exam_create,
    exam_detail,
    exam_list,
    question_create,
    question_detail,
    question_export,
    question_import,
    question_list,
    results_import,
    roster,
)
from fazhi.learning.views.records import (
    figures,
    promotion_confirm,
    promotions,
    rule_list,
    session_detail,
    study,
)

__all__ = [
    "answer",
    "attempt_page",
    "exam_create",
    "exam_detail",
    "exam_list",
    "figures",
    "index",
    "promotion_confirm",
    "promotions",
    "question_create",
    "question_detail",
    "question_export",
    "question_import",
    "question_list",
    "results_import",
    "roster",
    "rule_list",
    "session_detail",
    "start",
    "study",
    "submit",
]
