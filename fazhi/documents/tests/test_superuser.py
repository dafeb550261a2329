"""A Django superuser without a role has no domain capability here either (see
core/tests/test_superuser.py)."""

from __future__ import annotations

from fazhi.core.models import User
from fazhi.core.testing import BaseTestCase, make_user
from fazhi.documents import permissions
from fazhi.documents.models import NormativeDocument


class SuperuserTests(BaseTestCase):
    root: User

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.root = User.objects.get(
            pk=make_user("root", org=cls.bureau, roles=[], is_superuser=True, is_staff=True).pk
        )

    def test_the_superuser_cannot_issue_a_document(self) -> None:
        self.assertFalse(permissions.can_issue(self.root))

    def test_the_superuser_sees_no_unpublished_record_without_a_role(self) -> None:
        document = NormativeDocument.objects.create(
            title="关于加强科研诚信建设的若干措施",
            agency=self.bureau,
            division=self.sci_division,
            created_by=self.drafter,
        )
        self.assertFalse(NormativeDocument.objects.visible_to(self.root).filter(pk=document.pk).exists())
        self.assertTrue(NormativeDocument.objects.visible_to(self.reviewer).filter(pk=document.pk).exists())
