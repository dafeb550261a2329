from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import time_machine

from fazhi.core import laws
from fazhi.core.models import Law
from fazhi.core.testing import BaseTestCase
from fazhi.legislation import actions
from fazhi.legislation.models import LegislativeProject

D = datetime.date
P = LegislativeProject
TITLE = "天津市科学技术普及条例"


@contextmanager
def on(day: str) -> Iterator[None]:
    with time_machine.travel(f"{day} 10:00 +08:00", tick=False):
        yield


@time_machine.travel("2026-03-02 10:00 +08:00", tick=False)
class LegislationTestCase(BaseTestCase):
    """The legal affairs reviewer runs the projects and keeps the register; 基础研究处 (the
    drafter's division) drafts; the director reads."""

    law: Law

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        with time_machine.travel("2026-01-05 10:00 +08:00", tick=False):
            cls.law = laws.create_law(
                title=TITLE,
                kind=Law.Kind.LOCAL_REGULATION,
                issuing_body="天津市人民代表大会常务委员会",
                actor=cls.reviewer,
            )
            laws.record_law_version(
                cls.law,
                kind="adopted",
                adopted_on=D(2015, 9, 24),
                effective_on=D(2015, 12, 1),
                actor=cls.reviewer,
            )

    def project(self, **overrides: Any) -> LegislativeProject:
        values: dict[str, Any] = {
            "actor": self.reviewer,
            "title": "《天津市科学技术普及条例》修正",
            "law_kind": P.LawKind.LOCAL_REGULATION,
            "change": P.Change.AMENDMENT,
            "law": self.law,
            "plan_year": 2026,
            "plan_kind": P.PlanKind.FORMAL,
            "part": P.Part.LEAD,
            "division": self.sci_division,
            "partners": "市人大教科文卫委、市司法局",
        }
        values.update(overrides)
        return actions.create_project(**values)

    def drafted(self, **overrides: Any) -> LegislativeProject:
        project = self.project(**overrides)
        actions.start_drafting(project, actor=self.reviewer)
        actions.save_draft(project, actor=self.reviewer, draft_text="第一条 为了……", explanation="修改说明")
        return project

    def commented(self, **overrides: Any) -> LegislativeProject:
        """Open for comment on 2026-03-02 until 2026-04-01 (30 days)."""
        project = self.drafted(**overrides)
        actions.open_comment(project, actor=self.reviewer, closes_on=D(2026, 4, 1))
        return project

    def under_deliberation(self, **overrides: Any) -> LegislativeProject:
        project = self.commented(**overrides)
        with on("2026-04-10"):
            actions.submit_for_review(project, actor=self.reviewer, submitted_on=D(2026, 4, 10))
        with on("2026-05-10"):
            actions.conclude_review(
                project, actor=self.reviewer, concluded_on=D(2026, 5, 10), opinion="同意提请审议"
            )
        return project
