"""The base test case of inspections: a fixed day before the draw date, the legal affairs
reviewer as planner, two enforcement officers, a published item; and the standalone verifier
run on every draw a test makes."""

from __future__ import annotations

import time_machine

from fazhi.core.models import User
from fazhi.core.roles import Role
from fazhi.core.testing import BaseTestCase, make_user
from fazhi.inspections.models import Draw, InspectionItem
from fazhi.inspections.tests.factories import make_item, verify

BEFORE_DRAW = "2026-04-01 10:00 +08:00"


@time_machine.travel(BEFORE_DRAW, tick=False)
class InspectionTestCase(BaseTestCase):
    item: InspectionItem
    officer2: User

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        # A second enforcement officer: every entity is inspected by two.
        cls.officer2 = make_user(
            "officer2", org=cls.other_division, roles=[Role.ENFORCEMENT_OFFICER], full_name="吴执法"
        )
        cls.item = make_item(cls.reviewer)

    def tearDown(self) -> None:
        # Done-when of issue 6: the standalone verifier reproduces every draw in the suite.
        for made in Draw.objects.all():
            verify(made.bundle)
        super().tearDown()
