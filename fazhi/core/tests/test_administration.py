"""Administering a city (issue 12): the city administrator's departments, justice bureaus and
number series; a department's administrator who manages only their own department's
divisions, users and roles; every write audited."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core.administration import actions
from fazhi.core.models import AuditEvent, NumberSeries, Organization, User
from fazhi.core.roles import Role
from fazhi.core.testing import PASSWORD, BaseTestCase, make_department, make_user


class AdministrationTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.commission = make_department()
        cls.superuser = make_user("root", org=cls.bureau, roles=[], is_superuser=True, is_staff=True)


class CityAdministratorTests(AdministrationTestCase):
    def test_the_city_administrator_lists_every_department_and_justice_bureau(self) -> None:
        self.login(self.city_admin)
        response = self.client.get("/work/admin/departments/")
        self.assertContains(response, "天津市科学技术局")
        self.assertContains(response, "天津市教育委员会")
        self.assertContains(response, "天津市司法局")
        self.assertContains(response, 'data-menu="core:departments"')

    def test_creating_a_department_with_its_words_and_settings_is_audited(self) -> None:
        self.login(self.city_admin)
        response = self.client.post(
            "/work/admin/departments/new/",
            {
                "kind": "agency",
                "name": "天津市生态环境局",
                "short_name": "市生态环境局",
                "code": "tjsthjj",
                "head_title": "局长",
                "leaders_title": "局领导",
                "office_meeting": "局长办公会",
                "party_meeting": "局党组会",
                "filing_authority": self.justice_bureau.pk,
                "inspection_domains": "env_discharge,排污许可\nenv_waste，固体废物",
                "portal_intro": "生态环境领域依法行政信息。",
                "sort_order": "20",
            },
        )
        org = Organization.objects.get(code="tjsthjj")
        self.assertRedirects(response, f"/work/admin/departments/{org.pk}/")
        self.assertEqual(org.kind, "agency")
        self.assertEqual(org.filing_authority, self.justice_bureau)
        self.assertEqual(org.inspection_domains, [["env_discharge", "排污许可"], ["env_waste", "固体废物"]])
        event = AuditEvent.objects.filter(verb="org.department_create").get()
        self.assertEqual(event.data["name"], "天津市生态环境局")

    def test_a_duplicate_name_or_code_is_refused_next_to_its_field(self) -> None:
        self.login(self.city_admin)
        response = self.client.post(
            "/work/admin/departments/new/", {"kind": "agency", "name": "天津市教育委员会", "code": "other"}
        )
        self.assertContains(response, "名称不能重复")
        response = self.client.post(
            "/work/admin/departments/new/", {"kind": "agency", "name": "新部门", "code": "tjjw"}
        )
        self.assertContains(response, "代码“tjjw”已被使用")
        self.assertFalse(Organization.objects.filter(name="新部门").exists())

    def test_a_filing_authority_must_be_a_justice_bureau(self) -> None:
        with self.assertRaises(ValidationError) as caught:
            actions.create_department(
                actor=self.city_admin, name="某局", code="mj", filing_authority=self.commission.agency
            )
        self.assertIn("司法局", str(caught.exception))

    def test_a_justice_bureau_is_created_too(self) -> None:
        org = actions.create_department(
            actor=self.city_admin, kind="justice_bureau", name="和平区司法局", code="hpsfj"
        )
        self.assertEqual(org.kind, "justice_bureau")

    def test_the_department_settings_are_edited(self) -> None:
        self.login(self.city_admin)
        agency = self.commission.agency
        response = self.client.post(
            f"/work/admin/departments/{agency.pk}/edit/",
            {
                "name": agency.name,
                "short_name": "市教委",
                "code": "tjjw",
                "head_title": "主任",
                "portal_intro": "教育",
            },
        )
        self.assertRedirects(response, f"/work/admin/departments/{agency.pk}/")
        agency.refresh_from_db()
        self.assertEqual(agency.portal_intro, "教育")
        self.assertTrue(AuditEvent.objects.filter(verb="org.department_update").exists())

    def test_the_number_series_are_set_the_review_letters_with_the_legal_division(self) -> None:
        agency = actions.create_department(actor=self.city_admin, name="天津市民政局", code="tjmzj")
        with self.assertRaises(ValidationError) as caught:
            actions.set_number_series(agency, actor=self.city_admin, prefixes={"review_letter": "津民法审"})
        self.assertIn("法制机构", str(caught.exception))
        legal = actions.create_division(agency, actor=self.city_admin, name="法规处", is_legal_affairs=True)
        self.login(self.city_admin)
        response = self.client.post(
            f"/work/admin/departments/{agency.pk}/series/",
            {"normative": "津民规", "ordinary": "津民", "penalty": "津民罚", "review_letter": "津民法审"},
        )
        self.assertRedirects(response, f"/work/admin/departments/{agency.pk}/")
        self.assertEqual(NumberSeries.objects.get(prefix="津民规").organization, agency)
        self.assertEqual(NumberSeries.objects.get(prefix="津民法审").organization, legal)
        response = self.client.post(f"/work/admin/departments/{agency.pk}/series/", {"normative": "津教规"})
        self.assertContains(response, "代字“津教规”已被其他序列使用")

    def test_a_series_with_issued_numbers_keeps_its_prefix(self) -> None:
        from fazhi.core.numbering import issue_number

        series = NumberSeries.objects.get(prefix="津教规")
        issue_number(series, year=2026, title="某文件", actor=self.commission.reviewer)
        with self.assertRaises(ValidationError) as caught:
            actions.set_number_series(
                self.commission.agency, actor=self.city_admin, prefixes={"normative": "津教新规"}
            )
        self.assertIn("已编发文号", str(caught.exception))

    def test_neither_a_department_administrator_nor_the_superuser_administers_the_city(self) -> None:
        for user in (self.admin_user, self.superuser, self.director):
            with self.subTest(user=user.username):
                self.login(user)
                self.assertEqual(self.client.get("/work/admin/departments/").status_code, 404)
                self.assertEqual(self.client.get("/work/admin/departments/new/").status_code, 404)
                self.assertEqual(
                    self.client.get(f"/work/admin/departments/{self.bureau.pk}/edit/").status_code, 404
                )
        with self.assertRaises(PermissionDenied):
            actions.create_department(actor=self.admin_user, name="某局", code="mj")


class DepartmentAdministratorTests(AdministrationTestCase):
    def test_the_department_administrator_sees_their_own_department(self) -> None:
        self.login(self.admin_user)
        response = self.client.get("/work/admin/department/")
        self.assertContains(response, "天津市科学技术局")
        self.assertContains(response, "政策法规处")
        self.assertContains(response, 'data-menu="core:department_home"')
        self.assertNotContains(response, "edit/")  # the settings are the city administrator's

    def test_another_departments_pages_are_not_found(self) -> None:
        self.login(self.admin_user)
        c = self.commission
        for path in (
            f"/work/admin/departments/{c.agency.pk}/",
            f"/work/admin/departments/{c.agency.pk}/divisions/new/",
            f"/work/admin/departments/{c.agency.pk}/users/new/",
            f"/work/admin/divisions/{c.division.pk}/",
            f"/work/admin/users/{c.drafter.pk}/",
            f"/work/admin/users/{self.city_admin.pk}/",
        ):
            with self.subTest(path=path):
                self.assertEqual(self.client.get(path).status_code, 404)
                self.assertEqual(self.client.post(path, {"step": "deactivate"}).status_code, 404)
        c.drafter.refresh_from_db()
        self.assertTrue(c.drafter.is_active)
        for call in (
            lambda: actions.create_division(c.agency, actor=self.admin_user, name="新处"),
            lambda: actions.set_active(c.drafter, actor=self.admin_user, active=False),
            lambda: actions.reset_password(c.drafter, actor=self.admin_user),
            lambda: actions.set_roles(c.drafter, actor=self.admin_user, roles=["system_admin"]),
        ):
            with self.assertRaises(PermissionDenied):
                call()

    def test_a_division_name_is_unique_in_its_department_only(self) -> None:
        self.login(self.commission.admin_user)
        response = self.client.post(
            f"/work/admin/departments/{self.commission.agency.pk}/divisions/new/", {"name": "基础研究处"}
        )
        self.assertContains(response, "名称不能重复")
        actions.create_division(self.bureau, actor=self.admin_user, name="法治督察处")
        response = self.client.post(
            f"/work/admin/departments/{self.commission.agency.pk}/divisions/new/", {"name": "法治督察处"}
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(Organization.objects.filter(name="法治督察处").count(), 2)
        self.assertTrue(AuditEvent.objects.filter(verb="org.division_create").exists())

    def test_exactly_one_legal_affairs_division(self) -> None:
        c = self.commission
        self.login(c.admin_user)
        response = self.client.post(f"/work/admin/divisions/{c.legal_division.pk}/", {"name": "政策法规处"})
        self.assertContains(response, "有且只有一个法制机构")
        response = self.client.post(
            f"/work/admin/divisions/{c.other_division.pk}/",
            {"name": c.other_division.name, "is_legal_affairs": "on"},
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(c.agency.legal_affairs_division(), c.other_division)
        self.assertEqual(Organization.objects.filter(parent=c.agency, is_legal_affairs=True).count(), 1)
        # The review letters' series follows the legal affairs division.
        self.assertEqual(NumberSeries.objects.get(prefix="津教法审").organization_id, c.other_division.pk)
        # The bureau's legal division is untouched.
        self.legal_division.refresh_from_db()
        self.assertTrue(self.legal_division.is_legal_affairs)

    def test_creating_a_user_shows_the_temporary_password_once(self) -> None:
        c = self.commission
        self.login(c.admin_user)
        response = self.client.post(
            f"/work/admin/departments/{c.agency.pk}/users/new/",
            {
                "username": "jw_new",
                "full_name": "新同事",
                "organization": c.division.pk,
                "title": "科员",
                "roles": ["division_staff"],
            },
        )
        self.assertContains(response, 'id="new-password"')
        password = response.context["new_password"]
        user = User.objects.get(username="jw_new")
        self.assertEqual(user.organization, c.division)
        self.assertEqual(user.role_codes(), {"division_staff"})
        self.assertTrue(user.check_password(password))
        event = AuditEvent.objects.filter(verb="account.user_create").get()
        self.assertNotIn(password, str(event.data))

    def test_a_user_cannot_be_placed_in_another_department_or_made_city_administrator(self) -> None:
        c = self.commission
        self.login(c.admin_user)
        response = self.client.post(
            f"/work/admin/departments/{c.agency.pk}/users/new/",
            {
                "username": "jw_x",
                "full_name": "某人",
                "organization": self.sci_division.pk,
                "roles": ["city_admin"],
            },
        )
        self.assertContains(response, "请选择本部门的处室")
        self.assertContains(response, "不能授予该角色")
        self.assertFalse(User.objects.filter(username="jw_x").exists())
        with self.assertRaises(ValidationError):
            actions.create_user(
                c.agency,
                actor=c.admin_user,
                username="jw_y",
                full_name="某人",
                organization=self.sci_division,
            )
        with self.assertRaises(ValidationError):
            actions.set_roles(c.drafter, actor=self.city_admin, roles=["city_admin"])

    def test_edit_roles_deactivate_and_reset_a_password(self) -> None:
        c = self.commission
        self.login(c.admin_user)
        path = f"/work/admin/users/{c.drafter.pk}/"
        response = self.client.post(
            path,
            {
                "step": "profile",
                "full_name": "教起草",
                "organization": c.other_division.pk,
                "title": "副处长",
                "roles": ["division_staff", "enforcement_officer"],
            },
        )
        self.assertRedirects(response, path)
        drafter = User.objects.get(pk=c.drafter.pk)
        self.assertEqual(drafter.organization, c.other_division)
        self.assertEqual(drafter.role_codes(), {"division_staff", "enforcement_officer"})
        response = self.client.post(path, {"step": "password"})
        password = response.context["new_password"]
        self.assertTrue(password)
        self.client.post(path, {"step": "deactivate"})
        drafter.refresh_from_db()
        self.assertFalse(drafter.is_active)
        self.assertTrue(drafter.check_password(password))
        verbs = set(AuditEvent.objects.values_list("verb", flat=True))
        self.assertTrue(
            {"account.user_update", "account.roles_set", "account.password_reset", "account.deactivate"}
            <= verbs
        )

    def test_an_administrator_cannot_drop_their_own_administrator_role(self) -> None:
        admin = self.commission.admin_user
        self.login(admin)
        response = self.client.post(
            f"/work/admin/users/{admin.pk}/",
            {"step": "profile", "full_name": "改名", "organization": self.commission.agency.pk, "roles": []},
        )
        self.assertContains(response, "不能取消自己的系统管理员角色")
        admin = User.objects.get(pk=admin.pk)
        self.assertEqual(admin.full_name, "教管理")  # the details were not saved either
        self.assertTrue(admin.has_role(Role.SYSTEM_ADMIN))

    def test_a_justice_bureaus_administrator_manages_the_bureau(self) -> None:
        bureau_admin = make_user("sfj_admin", org=self.justice_bureau, roles=[Role.SYSTEM_ADMIN])
        self.login(bureau_admin)
        response = self.client.get("/work/admin/department/")
        self.assertContains(response, "天津市司法局")
        self.assertContains(response, "吴备案")
        self.assertEqual(self.client.get(f"/work/admin/departments/{self.bureau.pk}/").status_code, 404)

    def test_the_city_administrators_own_department_page_is_the_city_list(self) -> None:
        self.login(self.city_admin)
        response = self.client.get("/work/admin/department/")
        self.assertContains(response, "全市部门管理")
        self.assertContains(response, "天津市教育委员会")

    def test_an_administrator_cannot_deactivate_themselves(self) -> None:
        with self.assertRaises(ValidationError):
            actions.set_active(self.admin_user, actor=self.admin_user, active=False)

    def test_the_city_administrator_manages_any_department(self) -> None:
        self.login(self.city_admin)
        c = self.commission
        self.assertEqual(self.client.get(f"/work/admin/departments/{c.agency.pk}/").status_code, 200)
        self.assertEqual(self.client.get(f"/work/admin/users/{self.drafter.pk}/").status_code, 200)
        actions.create_user(
            c.agency, actor=self.city_admin, username="jw_z", full_name="某人", roles=["system_admin"]
        )
        self.assertTrue(User.objects.get(username="jw_z").has_role(Role.SYSTEM_ADMIN))


class CityOverviewTests(AdministrationTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.justice_leader = make_user(
            "justice_leader", org=cls.justice_bureau, roles=[Role.LEADERSHIP], full_name="司法局领导"
        )

    def test_the_justice_bureau_sees_one_row_per_department(self) -> None:
        for user in (self.justice_leader, self.filing_officer):
            with self.subTest(user=user.username):
                self.login(user)
                response = self.client.get("/work/city/?year=2026")
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, "市科技局")
                self.assertContains(response, "市教委")
                self.assertContains(response, 'data-menu="core:city_overview"')
                self.assertGreaterEqual(len(response.context["columns"]), 8)

    def test_a_bad_year_is_noted(self) -> None:
        self.login(self.filing_officer)
        response = self.client.get("/work/city/?year=abc")
        self.assertContains(response, "不是有效的年份")

    def test_nobody_else_sees_it(self) -> None:
        for user in (self.city_admin, self.director, self.commission.director, self.reviewer, self.superuser):
            with self.subTest(user=user.username):
                self.login(user)
                self.assertEqual(self.client.get("/work/city/").status_code, 404)


class ScopedCorePagesTests(AdministrationTestCase):
    def test_the_audit_trail_lists_the_readers_own_agency_only(self) -> None:
        actions.create_division(self.bureau, actor=self.admin_user, name="法治督察处")
        actions.create_division(self.commission.agency, actor=self.commission.admin_user, name="督察处")
        self.login(self.commission.director)
        response = self.client.get("/work/audit/")
        names = {event.actor_name for event in response.context["page"] if event.actor_id}
        self.assertEqual(names, {"教管理"})
        self.login(self.director)
        response = self.client.get("/work/audit/")
        self.assertEqual(
            {event.actor_name for event in response.context["page"] if event.actor_id}, {"郑管理"}
        )

    def test_a_system_administrator_manages_tokens_of_their_own_agency_only(self) -> None:
        from fazhi.core.tokens import can_manage_tokens_of

        self.assertTrue(can_manage_tokens_of(self.admin_user, self.drafter))
        self.assertFalse(can_manage_tokens_of(self.admin_user, self.commission.drafter))
        self.assertFalse(can_manage_tokens_of(self.commission.admin_user, self.drafter))

    def test_the_accounts_api_names_the_users_agency(self) -> None:
        self.login(self.commission.reviewer)
        data = self.client.get("/api/v1/me").json()
        self.assertEqual(data["agency"]["code"], "tjjw")
        self.assertEqual(data["organization"]["name"], "政策法规处")

    def test_the_leaders_overview_is_their_own_agencys(self) -> None:
        self.login(self.commission.director)
        response = self.client.get("/work/overview/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["request"].user.pk, self.commission.director.pk)

    def test_the_staff_header_names_the_users_agency(self) -> None:
        self.login(self.commission.drafter)
        response = self.client.get("/work/")
        self.assertContains(response, "<small data-site-name>天津市教育委员会</small>", html=True)
        self.assertNotContains(response, "天津市科学技术局")

    def test_an_attachment_of_another_departments_record_is_out_of_reach(self) -> None:
        from fazhi.core.attachments import within_reach

        class Record:
            class _meta:
                @staticmethod
                def get_field(name: str) -> object:
                    return object()

            def __init__(self, agency_id: int) -> None:
                self.agency_id = agency_id

        bureau_record = Record(self.bureau.pk)
        self.assertTrue(within_reach(self.reviewer, bureau_record))  # type: ignore[arg-type]
        self.assertFalse(within_reach(self.commission.reviewer, bureau_record))  # type: ignore[arg-type]
        # The Justice Bureau: as far as the app's own rule lets it (the filings addressed to it).
        self.assertTrue(within_reach(self.filing_officer, bureau_record))  # type: ignore[arg-type]


class LoginTests(AdministrationTestCase):
    def test_a_deactivated_user_cannot_sign_in(self) -> None:
        actions.set_active(self.commission.drafter, actor=self.city_admin, active=False)
        response = self.client.post(
            "/accounts/login/", {"username": self.commission.drafter.username, "password": PASSWORD}
        )
        self.assertEqual(response.status_code, 200)  # the form again, not the redirect of a sign-in
        self.assertNotIn("_auth_user_id", self.client.session)
        actions.set_active(self.commission.drafter, actor=self.city_admin, active=True)
        self.assertTrue(AuditEvent.objects.filter(verb="account.activate").exists())
