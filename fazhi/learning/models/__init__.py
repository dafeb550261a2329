from fazhi.learning.models.bank import FALSE, TRUE, Category, Question
from fazhi.learning.models.exams import Answer, Attempt, BlueprintLine, Candidate, Employee, Exam
from fazhi.learning.models.gate import ExamRule, Promotion
from fazhi.learning.models.study import RequiredLaw, StudySession

__all__ = [
    "FALSE",
    "TRUE",
    "Answer",
    "Attempt",
    "BlueprintLine",
    "Candidate",
    "Category",
    "Employee",
    "Exam",
    "ExamRule",
    "Promotion",
    "Question",
    "RequiredLaw",
    "StudySession",
]
