from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import time_machine

from fazhi.core.testing import BaseTestCase
from fazhi.ledger import actions as ledger
from fazhi.ledger.models import LedgerItem
from fazhi.oversight import actions
from fazhi.oversight.models import Finding, Oversight

D = datetime.date


@contextmanager
def on(day: str) -> Iterator[None]:
    with time_machine.travel(f"{day} 10:00 +08:00", tick=False):
        yield


@time_machine.travel("2026-03-02 10:00 +08:00", tick=False)
class OversightTestCase(BaseTestCase):
    """The legal affairs reviewer records the inspection; 基础研究处 rectifies; the director leads."""

    def oversight(self, **overrides: Any) -> Oversight:
        values: dict[str, Any] = {
            "actor": self.reviewer,
            "kind": Oversight.Kind.CENTRAL_INSPECTION,
            "year": 2026,
            "title": "2026年中央法治督察",
            "conducted_by": "中央依法治国办督察组",
            "started_on": D(2026, 2, 10),
            "scope": "法治政府建设第一责任人职责履行情况",
        }
        values.update(overrides)
        return actions.create_oversight(**values)

    def finding(self, oversight: Oversight, **overrides: Any) -> Finding:
        values: dict[str, Any] = {
            "actor": self.reviewer,
            "text": "行政规范性文件备案审查不够及时",
            "division": self.sci_division,
            "lead": self.director,
            "due_on": D(2026, 6, 30),
            "measures": "建立备案台账",
        }
        values.update(overrides)
        return actions.add_finding(oversight, **values)

    def complete_task(self, task: LedgerItem) -> None:
        """The division reports 100%, its head submits, the leader signs off (the ledger's steps)."""
        ledger.report_progress(task, actor=self.drafter, progress=100, note="已建立备案台账")
        ledger.submit_for_signoff(task, actor=self.division_head)
        ledger.sign_off(task, actor=self.director)
