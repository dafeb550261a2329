from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import time_machine

from fazhi.core.testing import BaseTestCase
from fazhi.ledger import actions
from fazhi.ledger.models import LedgerItem

D = datetime.date


@contextmanager
def on(day: str) -> Iterator[None]:
    with time_machine.travel(f"{day} 10:00 +08:00", tick=False):
        yield


@time_machine.travel("2026-03-02 10:00 +08:00", tick=False)
class LedgerTestCase(BaseTestCase):
    """The legal affairs reviewer keeps the ledger; the director leads; 基础研究处 (the
    drafter's and the division head's division) owns the tasks."""

    def item(self, **overrides: Any) -> LedgerItem:
        values: dict[str, Any] = {
            "actor": self.reviewer,
            "year": 2026,
            "title": "完成《天津市科技进步促进条例》修改的配合工作",
            "division": self.sci_division,
            "lead": self.director,
            "due_on": D(2026, 6, 30),
            "source": "局党委年度工作要点",
        }
        values.update(overrides)
        return actions.create_item(**values)
