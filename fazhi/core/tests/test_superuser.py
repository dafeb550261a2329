"""Administration is not a legal role (issue 15): a Django superuser manages accounts, the
calendar and the rule book, and has exactly the domain capabilities of the roles it is given."""

from __future__ import annotations

from fazhi.core import permissions
from fazhi.core.models import User
from fazhi.core.roles import ROLE_PERMISSIONS, Role, is_administration_permission
from fazhi.core.testing import BaseTestCase, make_user

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

    def test_the_superuser_cannot_issue_a_number_or_read_the_audit_trail(self) -> None:
        """The apps check their own steps (their tests/test_superuser.py): a penalty, a review, a
        dispute, a document's issuance."""
        root = self.fresh(self.root)
        self.assertFalse(permissions.can_issue_number(root))
        self.assertFalse(permissions.can_view_audit_trail(root))

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
