"""The base test case of enforcement: two certified officers (one linked to the `officer`
persona), a third whose certificate has lapsed, the penalty-decision number series, and a day
just before the 2026 Mid-Autumn and National Day holidays, so that the 5- and 7-working-day
limits cross them."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import time_machine

from fazhi.core.models import Inspector, NumberSeries, User
from fazhi.core.roles import Role
from fazhi.core.testing import BaseTestCase, make_user
from fazhi.enforcement import actions
from fazhi.enforcement.models import CaseRecord, EnforcementCase
from fazhi.inspections import registry

FILING_DAY = "2026-09-22 10:00 +08:00"  # a Tuesday
D = datetime.date
VALID_UNTIL = D(2028, 12, 31)


@contextmanager
def on(day: str) -> Iterator[None]:
    """Run the block on `day` (YYYY-MM-DD), 10:00 Beijing time."""
    with time_machine.travel(f"{day} 10:00 +08:00", tick=False):
        yield


@time_machine.travel(FILING_DAY, tick=False)
class EnforcementTestCase(BaseTestCase):
    officer2: User
    inspector1: Inspector
    inspector2: Inspector
    lapsed: Inspector

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.officer2 = make_user(
            "officer2", org=cls.other_division, roles=[Role.ENFORCEMENT_OFFICER], full_name="吴执法"
        )
        cls.inspector1 = cls.inspector(1, user=cls.officer)
        cls.inspector2 = cls.inspector(2, user=cls.officer2)
        cls.lapsed = cls.inspector(3, expires=D(2026, 6, 30))
        NumberSeries.objects.create(organization=cls.bureau, kind=NumberSeries.Kind.PENALTY, prefix="津科罚")

    @classmethod
    def inspector(
        cls,
        n: int,
        *,
        user: User | None = None,
        expires: datetime.date = VALID_UNTIL,
        actor: User | None = None,
    ) -> Inspector:
        return registry.create_inspector(
            actor=actor or cls.reviewer,
            name=f"执法人员{n}",
            certificate_number=f"12020{n:04d}",
            certificate_expires_on=expires,
            domains=["lab_animals"],
            user=user,
        )

    def file(self, **overrides: Any) -> EnforcementCase:
        values: dict[str, Any] = {
            "actor": self.officer,
            "title": "未取得实验动物使用许可证从事动物实验",
            "category": EnforcementCase.Category.PENALTY,
            "party_name": "天津某生物科技有限公司",
            "party_kind": EnforcementCase.PartyKind.ORGANIZATION,
            "party_code": "91120116MA05XXXX1M",
            "facts": "双随机抽查发现该公司未取得许可证即开展动物实验。",
            "officers": [self.inspector1, self.inspector2],
            "discovered_on": D(2026, 9, 21),
            "violation_occurred_on": D(2026, 9, 20),
        }
        values.update(overrides)
        return actions.file_case(**values)

    def investigated(self, **overrides: Any) -> EnforcementCase:
        case = self.file(**overrides)
        actions.add_record(
            case,
            actor=self.officer,
            step=CaseRecord.Step.INVESTIGATION,
            title="现场检查笔录",
            note="两名执法人员出示执法证件",
        )
        return case

    def notified(self, *, hearing_right: bool = False, **overrides: Any) -> EnforcementCase:
        case = self.investigated(**overrides)
        actions.notify(
            case, actor=self.officer, proposed_decision="拟警告并罚款一万元", hearing_right=hearing_right
        )
        return case
