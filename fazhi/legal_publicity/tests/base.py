"""Legal-publicity page and API tests run on 20 May 2026: a list item due on 31 March is
overdue, one due on 30 November is not yet."""

from __future__ import annotations

import datetime
from typing import Any

import time_machine

from fazhi.core.testing import BaseTestCase
from fazhi.legal_publicity import actions
from fazhi.legal_publicity.models import Activity, PublicityPlan, ResponsibilityItem

D = datetime.date
TODAY = "2026-05-20 10:00 +08:00"


@time_machine.travel(TODAY, tick=False)
class PublicityTestCase(BaseTestCase):
    """The legal affairs reviewer keeps the plan and the list; the drafter and the division head
    of 基础研究处 record its activities; the outsider and the officer are of another division;
    the director reads everything."""

    def plan(self, **overrides: Any) -> PublicityPlan:
        values: dict[str, Any] = {
            "actor": self.reviewer,
            "title": "科技系统“九五”普法规划",
            "start_year": 2026,
            "end_year": 2030,
            "adopted_on": D(2026, 3, 1),
            "summary": "深入学习宣传习近平法治思想",
        }
        values.update(overrides)
        return actions.adopt_plan(**values)

    def responsibility(self, **overrides: Any) -> ResponsibilityItem:
        values: dict[str, Any] = {
            "actor": self.reviewer,
            "year": 2026,
            "division": self.sci_division,
            "content": "《中华人民共和国科学技术进步法》",
            "audience": "科研人员、科技型企业",
            "standard": "全年开展专题宣讲不少于 2 次",
            "due_on": D(2026, 11, 30),
        }
        values.update(overrides)
        return actions.add_responsibility(**values)

    def activity(self, **overrides: Any) -> Activity:
        values: dict[str, Any] = {
            "actor": self.drafter,
            "held_on": D(2026, 5, 18),
            "division": self.sci_division,
            "kind": "lecture",
            "audience": "public",
            "title": "科技进步法进企业",
            "laws": "《中华人民共和国科学技术进步法》",
            "reach": 120,
        }
        values.update(overrides)
        return actions.record_activity(**values)
