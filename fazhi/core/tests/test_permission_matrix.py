"""Every role × every page and API route: allowed (200), hidden (404) or sent to log in.

A new page or API route must be added to the tables (permission_pages.py: PAGES and
NOT_IN_MATRIX; permission_api.py: API_ROUTES and API_NOT_IN_MATRIX); the completeness tests
fail otherwise, so nobody can add a page without deciding who may see it.
"""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, get_resolver

from fazhi.api import api
from fazhi.core.models import User
from fazhi.core.roles import Role
from fazhi.core.testing import BaseTestCase, make_user
from fazhi.core.tests.permission_api import API_NOT_IN_MATRIX, API_ROUTES
from fazhi.core.tests.permission_pages import ALL, NOT_IN_MATRIX, PAGES, ROLES


def _named_patterns(resolver: URLResolver, namespace: str = "") -> set[str]:
    names: set[str] = set()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            names |= _named_patterns(entry, ns)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(f"{namespace}{entry.name}")
    return names


class PermissionMatrixTests(BaseTestCase):
    superuser: User
    superuser_reviewer: User
    superuser_officer: User

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        # The Django superuser with no role: the accounts, the calendar, the rule book.
        cls.superuser = make_user("root", org=cls.bureau, roles=[], is_superuser=True, is_staff=True)
        # Superusers given a role: exactly that role's rights, no more.
        cls.superuser_reviewer = make_user(
            "root_reviewer", org=cls.legal_division, roles=[Role.LEGAL_REVIEWER], is_superuser=True
        )
        cls.superuser_officer = make_user(
            "root_officer", org=cls.other_division, roles=[Role.ENFORCEMENT_OFFICER], is_superuser=True
        )
        from fazhi.core.models import Organization

        # A member of the personnel division (人事处): runs the law exams.
        division = Organization.objects.create(name="人事处", code="rsc", kind="division", parent=cls.bureau)
        cls.personnel = make_user("personnel", org=division, roles=[Role.PERSONNEL], full_name="钱人事")

    def test_every_page_is_in_the_matrix(self) -> None:
        names = {
            n
            for n in _named_patterns(get_resolver())
            if n.split(":")[0]
            in {
                "core",
                "portal",
                "library",
                "public_decisions",
                "reviews",
                "documents",
                "decisions",
                "inspections",
                "public_inspections",
                "enforcement",
                "public_enforcement",
                "disputes",
                "legal_publicity",
                "ledger",
                "services",
                "complaints",
                "public_complaints",
                "reports",
                "public_reports",
                "legislation",
                "public_legislation",
                "oversight",
                "learning",
            }
        }
        self.assertEqual(names - set(PAGES) - NOT_IN_MATRIX, set())

    def test_every_api_route_is_in_the_matrix(self) -> None:
        paths = {p.rstrip("/") for p in api.get_openapi_schema()["paths"]}
        self.assertEqual(
            {p.replace("/api/v1", "/api/v1") for p in paths} - set(API_ROUTES) - API_NOT_IN_MATRIX, set()
        )

    def test_pages_answer_each_role_as_the_matrix_says(self) -> None:
        for name, (path, allowed) in PAGES.items():
            with self.subTest(page=name, who="anonymous"):
                self.client.logout()
                response = self.client.get(path)
                if allowed == "public":
                    self.assertEqual(response.status_code, 200)
                else:
                    self.assertEqual(response.status_code, 302)
                    self.assertTrue(response["Location"].startswith("/accounts/login/"))
            for role in ROLES:
                with self.subTest(page=name, who=role):
                    self.login(getattr(self, role))
                    response = self.client.get(path)
                    ok = allowed in ("public", ALL) or role in allowed  # type: ignore[operator]
                    self.assertEqual(response.status_code, 200 if ok else 404)

    def test_api_routes_answer_each_role_as_the_matrix_says(self) -> None:
        for route, (path, allowed) in API_ROUTES.items():
            with self.subTest(route=route, who="anonymous"):
                self.client.logout()
                response = self.client.get(path)
                self.assertEqual(response.status_code, 200 if allowed == "public" else 401)
                self.assertEqual(response["Content-Type"], "application/json; charset=utf-8")
            for role in ROLES:
                with self.subTest(route=route, who=role):
                    self.login(getattr(self, role))
                    response = self.client.get(path)
                    ok = allowed in ("public", ALL) or role in allowed  # type: ignore[operator]
                    self.assertEqual(response.status_code, 200 if ok else 404)

    def test_a_superuser_given_a_role_answers_every_page_and_route_as_that_role_does_plus_administration(
        self,
    ) -> None:
        for superuser, role in ((self.superuser_reviewer, "reviewer"), (self.superuser_officer, "officer")):
            self.login(superuser)
            for name, (path, allowed) in [*PAGES.items(), *API_ROUTES.items()]:
                with self.subTest(page=name, who=superuser.username):
                    # That role's pages, and the administration pages of any superuser.
                    ok = allowed in ("public", ALL) or bool({role, "superuser"} & allowed)  # type: ignore[operator]
                    self.assertEqual(self.client.get(path).status_code, 200 if ok else 404)
