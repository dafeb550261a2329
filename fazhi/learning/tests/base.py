"""Law-study tests run on 10 June 2026. The personnel division (人事处) keeps the bank and the
exams; the drafter and the outsider are on the roster (the drafter signs in and sits exams); the
director reads every score; a law (科学技术进步法) with its 2007 and 2021 versions is in the
register."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import time_machine
from django.utils import timezone

from fazhi.core import laws
from fazhi.core.models import Law, LawVersion, Organization
from fazhi.core.roles import Role
from fazhi.core.testing import BaseTestCase, make_user
from fazhi.learning import actions
from fazhi.learning.models import FALSE, TRUE, Category, Employee, Exam, Question

D = datetime.date
TODAY = "2026-06-10 09:00 +08:00"
TZ = datetime.timezone(datetime.timedelta(hours=8))


def at(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=TZ)


@time_machine.travel(TODAY, tick=False)
class LearningTestCase(BaseTestCase):
    personnel_division: Organization
    personnel: Any
    law: Law
    v2007: LawVersion
    v2021: LawVersion

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.personnel_division = Organization.objects.create(
            name="人事处", code="rsc", kind="division", parent=cls.bureau
        )
        # A member of the personnel division: runs the exams and the pre-appointment gate.
        cls.personnel = make_user(
            "personnel", org=cls.personnel_division, roles=[Role.PERSONNEL], full_name="钱人事"
        )
        cls.me = Employee.objects.create(full_name="张起草", unit="市科技局基础研究处", user=cls.drafter)
        cls.other = Employee.objects.create(
            full_name="孙其他", unit="市科技局科技监督与诚信建设处", user=cls.outsider
        )
        cls.law = laws.create_law(title="中华人民共和国科学技术进步法", kind="law", actor=cls.reviewer)
        cls.v2007 = laws.record_law_version(
            cls.law, kind="adopted", adopted_on=D(1993, 7, 2), effective_on=D(1993, 10, 1), actor=cls.reviewer
        )
        cls.v2021 = laws.record_law_version(
            cls.law,
            kind="revised",
            adopted_on=D(2021, 12, 24),
            effective_on=D(2022, 1, 1),
            actor=cls.reviewer,
            today=D(2026, 6, 10),
        )
        cls.bank(4)

    @classmethod
    def bank(cls, n: int, *, prefix: str = "Q") -> list[Question]:
        """n questions of each kind in the science-law category, all against the 2021 version."""
        made = []
        for i in range(n):
            for kind, options, answer in (
                ("single", ["甲", "乙", "丙", "丁"], "B"),
                ("multiple", ["甲", "乙", "丙", "丁"], "AC"),
                ("true_false", [], TRUE if i % 2 == 0 else FALSE),
                ("fill", [], "科技创新|科技 创新"),
            ):
                made.append(
                    actions.create_question(
                        actor=cls.personnel,
                        code=f"{prefix}{kind[:2].upper()}{i:03d}",
                        kind=kind,
                        category=Category.SCIENCE,
                        stem=f"{kind} 第{i}题",
                        options=options,
                        answer=answer,
                        explanation="依据科学技术进步法",
                        law=cls.law,
                        law_version=cls.v2021,
                        article="第一条",
                    )
                )
        return made

    def exam(self, **overrides: Any) -> Exam:
        values: dict[str, Any] = {
            "actor": self.personnel,
            "title": "2026年度学法用法考试",
            "kind": Exam.Kind.ANNUAL,
            "year": 2026,
            "opens_at": at(2026, 6, 1, 8),
            "closes_at": at(2026, 6, 30, 18),
            "time_limit_minutes": 60,
            "blueprint": [
                actions.BlueprintSpec("science", "single", 2, Decimal(10)),
                actions.BlueprintSpec("science", "multiple", 2, Decimal(10)),
                actions.BlueprintSpec("science", "true_false", 2, Decimal(10)),
                actions.BlueprintSpec("science", "fill", 2, Decimal(10)),
            ],
        }
        values.update(overrides)
        exam = actions.create_exam(**values)
        actions.add_candidates(exam, [self.me, self.other], actor=self.personnel)
        return exam

    def answer_all(self, attempt: Any, *, right: bool = True) -> None:
        for qid in attempt.question_ids:
            q = Question.objects.get(pk=qid)
            value = q.accepted()[0] if q.kind == "fill" else q.answer
            if not right:
                value = {
                    "single": "A",
                    "multiple": "AB",
                    "true_false": TRUE if q.answer == FALSE else FALSE,
                }.get(q.kind, "错误答案")
            actions.save_answer(attempt, actor=self.drafter, question_id=qid, value=value)

    @staticmethod
    def now() -> datetime.datetime:
        return timezone.now()
