"""Administration is not a legal role (issue 15): a Django superuser manages accounts, the
calendar and the rule book, and has exactly the domain capabilities of the roles it is given."""

from __future__ import annotations

from fazhi.core import permissions
from fazhi.core.models import User
from fazhi.core.roles import ROLE_PERMISSIONS, Role, is_administration_permission
from fazhi.core.testing import BaseTestCase, make_user
from fazhi.disputes import permissions as dispute_permissions
from fazhi.documents import permissions as document_permissions
from fazhi.documents.models import NormativeDocument
from fazhi.enforcement import permissions as enforcement_permissions
from fazhi.enforcement.models import EnforcementCase
from fazhi.reviews import permissions as review_permissions

DOMAIN_CAPABILITIES = sorted(
    {code for codes in ROLE_PERMISSIONS.values() for code in codes if not is_administration_permission(code)}
)


class SuperuserTests(BaseTestCase):
    root: User

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        # The platform's Django superuser, given no role.
        cls.root = make_user("root", org=cls.bureau, roles=[], is_superuser=True, is_staff=True)

    def fresh(self, user: User) -> User:
        return User.objects.get(pk=user.pk)  # no cached permissions

    def test_a_superuser_without_a_role_holds_no_domain_capability(self) -> None:
        root = self.fresh(self.root)
        for code in [
            *DOMAIN_CAPABILITIES,
            "documents.change_normativedocument",
            "enforcement.add_enforcementcase",
            "reviews.add_reviewopinion",
        ]:
            with self.subTest(code=code):
                self.assertFalse(root.has_perm(code))
        self.assertFalse(root.has_module_perms("enforcement"))
        self.assertFalse(root.has_perms(["core.manage_rulebook", "enforcement.decide_case"]))

    def test_a_superuser_manages_accounts_the_calendar_and_the_rule_book(self) -> None:
        root = self.fresh(self.root)
        for code in (
            "core.manage_rulebook",
            "core.add_user",
            "core.change_user",
            "core.change_organization",
            "core.change_calendaryear",
            "auth.change_group",
        ):
            with self.subTest(code=code):
                self.assertTrue(root.has_perm(code))
        self.assertTrue(root.has_module_perms("auth"))
        self.assertTrue(permissions.can_manage_rulebook(root))
        self.assertTrue(permissions.is_system_admin(root))

    def test_the_superuser_cannot_decide_a_penalty_review_or_handle_a_dispute(self) -> None:
        """What `admin` did before issue 15 where the officer and others got 404."""
        root = self.fresh(self.root)
        self.assertFalse(enforcement_permissions.can_decide(root, EnforcementCase()))
        self.assertFalse(review_permissions.is_reviewer(root))  # adds opinions, concludes
        self.assertFalse(dispute_permissions.can_handle(root))
        self.assertFalse(document_permissions.can_issue(root))
        self.assertFalse(permissions.can_issue_number(root))
        self.assertFalse(permissions.can_view_audit_trail(root))

    def test_the_superuser_sees_no_unpublished_record_without_a_role(self) -> None:
        document = NormativeDocument.objects.create(
            title="关于加强科研诚信建设的若干措施",
            agency=self.bureau,
            division=self.sci_division,
            created_by=self.drafter,
        )
        root = self.fresh(self.root)
        self.assertFalse(NormativeDocument.objects.visible_to(root).filter(pk=document.pk).exists())
        self.assertTrue(NormativeDocument.objects.visible_to(self.reviewer).filter(pk=document.pk).exists())

    def test_a_superuser_given_a_role_has_exactly_that_roles_capabilities_and_administration(self) -> None:
        for role in Role:
            root = make_user(f"root_{role.value}", org=self.legal_division, roles=[role], is_superuser=True)
            root = self.fresh(root)
            with self.subTest(role=role.value):
                domain = {
                    code for code in root.get_all_permissions() if not is_administration_permission(code)
                }
                self.assertEqual(
                    domain,
                    {code for code in ROLE_PERMISSIONS[role] if not is_administration_permission(code)},
                )

    def test_the_django_admin_still_opens_for_the_superuser(self) -> None:
        self.client.force_login(self.root)
        response = self.client.get("/admin/")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "/admin/auth/group/")
        self.assertNotContains(response, "/admin/documents/")
