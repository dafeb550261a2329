"""The registers every department of the city shares — the working-day calendar (and its holiday
notice import), the rule book of deadlines and the register of laws — are kept by the city
administrator (全市系统管理员). A department's own system administrator reads them like anyone
else and changes none of them: by page, by API or by action (issue 12's wall)."""

from __future__ import annotations

import datetime
import json
from typing import Any

import time_machine
from django.core.exceptions import PermissionDenied

from fazhi.core import laws
from fazhi.core.calendar import create_calendar_year
from fazhi.core.models import AuditEvent, CalendarDay, CalendarYear, DeadlineRule, Law, LawVersion, User
from fazhi.core.permissions import can_manage_laws, can_manage_rulebook
from fazhi.core.rulebook import create_rule_version
from fazhi.core.testing import BaseTestCase, Department, make_department, without_calendar_year
from fazhi.core.tests.notices import NOTICE_2027
from fazhi.core.tests.test_calendar_views import RULE, version_data
from fazhi.core.workflow import DomainError

IMPORT = "/work/calendar/import/"
YEAR_2026 = "/work/calendar/2026/"
YEAR_2027 = "/work/calendar/2027/"
NEW_VERSION = f"/work/rules/{RULE}/new-version/"
NEW_LAW = "/work/legislation/laws/new/"
API_LAWS = "/api/v1/legislation/laws"


class SharedRegistersTestCase(BaseTestCase):
    commission: Department
    law: Law

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.commission = make_department()
        cls.law = laws.create_law(title="中华人民共和国科学技术普及法", kind="law", actor=cls.city_admin)

    def setUp(self) -> None:
        super().setUp()
        without_calendar_year(2027)

    def department_admins(self) -> list[User]:
        """The commission's administrator, and the bureau's (no department keeps these)."""
        return [self.commission.admin_user, self.admin_user]

    def post_json(self, path: str, body: dict[str, Any]) -> Any:
        return self.client.post(path, json.dumps(body), content_type="application/json")


class ADepartmentAdministratorOnlyReads(SharedRegistersTestCase):
    def test_the_permissions_are_the_city_administrators(self) -> None:
        for admin in self.department_admins():
            with self.subTest(admin=admin.username):
                self.assertFalse(can_manage_rulebook(admin))
                self.assertFalse(can_manage_laws(admin))
        self.assertTrue(can_manage_rulebook(self.city_admin))
        self.assertTrue(can_manage_laws(self.city_admin))

    def test_the_pages_read_without_any_form_or_management_link(self) -> None:
        for admin in self.department_admins():
            self.login(admin)
            with self.subTest(admin=admin.username):
                rules = self.client.get(f"/work/rules/{RULE}/")
                self.assertEqual(rules.status_code, 200)
                self.assertNotContains(rules, NEW_VERSION)
                self.assertNotContains(self.client.get(YEAR_2027), "create_year")
                self.assertNotContains(self.client.get(YEAR_2026), 'name="action"')
                self.assertNotContains(self.client.get("/work/legislation/laws/"), 'id="create"')
                law = self.client.get(f"/work/legislation/laws/{self.law.pk}/")
                self.assertEqual(law.status_code, 200)
                self.assertNotContains(law, 'id="add-version"')
                self.assertEqual(self.client.get(f"/api/v1/legislation/laws/{self.law.pk}").status_code, 200)

    def test_every_page_write_is_refused_and_changes_nothing(self) -> None:
        for admin in self.department_admins():
            self.login(admin)
            for method, url, data in (
                ("get", IMPORT, {}),
                ("post", IMPORT, {"action": "preview", "text": NOTICE_2027}),
                ("post", YEAR_2027, {"action": "create_year", "source": "x"}),
                (
                    "post",
                    YEAR_2026,
                    {"action": "set_day", "date": "2026-03-02", "is_working_day": "0", "name": "x"},
                ),
                ("post", YEAR_2026, {"action": "delete_day", "date": "2026-10-10"}),
                ("post", YEAR_2026, {"action": "fill_pending"}),
                ("get", NEW_VERSION, {}),
                ("post", NEW_VERSION, version_data(amount="5")),
                ("get", NEW_LAW, {}),
                ("post", NEW_LAW, {"title": "天津市科技进步条例", "kind": "local_regulation"}),
                (
                    "post",
                    f"/work/legislation/laws/{self.law.pk}/versions/new/",
                    {"kind": "adopted", "adopted_on": "2002-06-29", "effective_on": "2002-06-29"},
                ),
            ):
                with self.subTest(admin=admin.username, url=url, data=data):
                    self.assertEqual(getattr(self.client, method)(url, data).status_code, 404)
        self.assertFalse(CalendarYear.objects.filter(year=2027).exists())
        self.assertTrue(CalendarDay.objects.filter(date=datetime.date(2026, 10, 10)).exists())
        self.assertFalse(CalendarDay.objects.filter(date=datetime.date(2026, 3, 2)).exists())
        self.assertEqual(DeadlineRule.objects.filter(code=RULE).count(), 1)
        self.assertEqual(list(Law.objects.values_list("pk", flat=True)), [self.law.pk])
        self.assertFalse(LawVersion.objects.exists())
        self.assertFalse(
            AuditEvent.objects.filter(verb__startswith="calendar.")
            .union(AuditEvent.objects.filter(verb__startswith="rule."))
            .exists()
        )

    def test_the_api_refuses_the_register_of_laws(self) -> None:
        for admin in self.department_admins():
            self.login(admin)
            with self.subTest(admin=admin.username):
                self.assertEqual(self.post_json(API_LAWS, {"title": "x", "kind": "law"}).status_code, 404)
                response = self.post_json(
                    f"{API_LAWS}/{self.law.pk}/versions",
                    {"kind": "adopted", "adopted_on": "2002-06-29", "effective_on": "2002-06-29"},
                )
                self.assertEqual(response.status_code, 404)
        self.assertEqual(Law.objects.count(), 1)
        self.assertFalse(LawVersion.objects.exists())

    def test_the_actions_refuse_them_too(self) -> None:
        admin = self.commission.admin_user
        with self.assertRaises(PermissionDenied):
            create_rule_version(RULE, actor=admin, amount=5)
        with self.assertRaises(PermissionDenied):
            create_calendar_year(2027, source="x", actor=admin)
        with self.assertRaises(DomainError):
            laws.create_law(title="天津市科技进步条例", kind="local_regulation", actor=admin)
        self.assertFalse(CalendarYear.objects.filter(year=2027).exists())
        self.assertEqual(Law.objects.count(), 1)

    def test_the_dashboard_does_not_ask_a_department_administrator_for_the_calendar(self) -> None:
        with time_machine.travel(datetime.datetime(2026, 11, 2, 10, tzinfo=datetime.UTC), tick=False):
            self.login(self.commission.admin_user)
            self.assertNotContains(self.client.get("/work/"), "2027 年工作日历尚未录入")
            self.login(self.city_admin)
            page = self.client.get("/work/")
        self.assertContains(page, "2027 年工作日历尚未录入")
        self.assertContains(page, IMPORT)


class TheCityAdministratorKeepsThem(SharedRegistersTestCase):
    def test_the_city_administrator_enters_a_year_and_a_day_audited(self) -> None:
        self.login(self.city_admin)
        self.assertEqual(self.client.get(IMPORT).status_code, 200)
        response = self.client.post(YEAR_2027, {"action": "create_year", "source": "国务院办公厅通知"})
        self.assertRedirects(response, YEAR_2027)
        response = self.client.post(
            YEAR_2027, {"action": "set_day", "date": "2027-01-01", "is_working_day": "0", "name": "元旦"}
        )
        self.assertRedirects(response, YEAR_2027)
        events = AuditEvent.objects.filter(verb__startswith="calendar.").order_by("seq")
        self.assertEqual(
            [(e.verb, e.actor_id) for e in events],
            [("calendar.year_created", self.city_admin.pk), ("calendar.day_set", self.city_admin.pk)],
        )
        self.assertContains(self.client.get(YEAR_2027), "全市管理")

    def test_the_city_administrator_versions_a_rule_audited(self) -> None:
        self.login(self.city_admin)
        self.assertContains(self.client.get(f"/work/rules/{RULE}/"), NEW_VERSION)
        self.client.post(NEW_VERSION, version_data(amount="5"))
        rule = DeadlineRule.objects.get(code=RULE, version=2)
        self.assertEqual((rule.amount, rule.created_by), (5, self.city_admin))
        self.assertEqual(AuditEvent.objects.get(verb="rule.new_version").actor_id, self.city_admin.pk)

    def test_the_city_administrator_registers_laws_by_page_and_api_audited(self) -> None:
        self.login(self.city_admin)
        self.assertContains(self.client.get("/work/legislation/laws/"), 'id="create"')
        response = self.client.post(NEW_LAW, {"title": "天津市科技进步条例", "kind": "local_regulation"})
        law = Law.objects.get(title="天津市科技进步条例")
        self.assertRedirects(response, f"/work/legislation/laws/{law.pk}/")
        response = self.post_json(
            f"{API_LAWS}/{self.law.pk}/versions",
            {"kind": "adopted", "adopted_on": "2002-06-29", "effective_on": "2002-06-29"},
        )
        self.assertEqual(response.status_code, 201, response.content)
        self.assertEqual(self.post_json(API_LAWS, {"title": "某法", "kind": "law"}).status_code, 201)
        created = AuditEvent.objects.filter(verb="law.create", actor_id=self.city_admin.pk)
        self.assertEqual(created.count(), 3)  # the class's law, the page's and the API's
        self.assertTrue(
            AuditEvent.objects.filter(actor_id=self.city_admin.pk, verb__startswith="law.version").exists()
        )
