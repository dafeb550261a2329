"""A Django superuser without a role has no domain capability here either (see
core/tests/test_superuser.py)."""

from __future__ import annotations

from fazhi.core.models import User
from fazhi.core.testing import BaseTestCase, make_user
from fazhi.disputes import permissions


class SuperuserTests(BaseTestCase):
    root: User

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.root = User.objects.get(
            pk=make_user("root", org=cls.bureau, roles=[], is_superuser=True, is_staff=True).pk
        )

    def test_the_superuser_cannot_handle_a_dispute(self) -> None:
        self.assertFalse(permissions.can_handle(self.root))
