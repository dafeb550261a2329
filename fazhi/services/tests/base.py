from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import time_machine

from fazhi.core.models import Organization
from fazhi.core.testing import BaseTestCase
from fazhi.services import actions
from fazhi.services.models import ServiceMatter

D = datetime.date


@contextmanager
def on(day: str) -> Iterator[None]:
    with time_machine.travel(f"{day} 10:00 +08:00", tick=False):
        yield


@time_machine.travel("2026-09-22 10:00 +08:00", tick=False)
class ServiceTestCase(BaseTestCase):
    """The legal affairs reviewer keeps the catalog; 滨海新区 receives delegated powers."""

    district: Organization

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.district = Organization.objects.create(
            name="滨海新区", code="bh", kind=Organization.Kind.DISTRICT
        )

    def matter(self, **overrides: Any) -> ServiceMatter:
        values: dict[str, Any] = {
            "actor": self.reviewer,
            "code": "TJKJ-001",
            "name": "技术合同认定登记",
            "kind": "government",
            "division": self.sci_division,
            "basis": "《技术合同认定登记管理办法》",
            "published": True,
            "commitment_allowed": True,
            "proof_replaced": "营业执照复印件",
            "verification_method": "通过信用信息共享平台在线核查",
            "verification_days": 10,
        }
        values.update(overrides)
        return actions.register_matter(**values)
