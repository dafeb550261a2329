"""The item list and the registries through their pages: who may read and who may write, each
write with its audit event, a bad unified social credit code refused next to the field with
the reason, the entity list's search and filters with its query count pinned, certificates
that have expired shown in words, and conflicts added and removed with a reason."""

from __future__ import annotations

import datetime

from django.urls import reverse

from fazhi.core.models import AuditEvent, Inspector
from fazhi.inspections.models import Conflict, Entity, Expert, InspectionItem
from fazhi.inspections.tests.base import InspectionTestCase
from fazhi.inspections.tests.factories import HGR, LAB, make_entities, make_inspector, uscc

ITEMS = reverse("inspections:item_list")
ENTITIES = reverse("inspections:entity_list")
NEW_ENTITY = reverse("inspections:entity_create")
INSPECTORS = reverse("inspections:inspector_list")
NEW_INSPECTOR = reverse("inspections:inspector_create")
EXPERTS = reverse("inspections:expert_list")
CONFLICTS = reverse("inspections:conflict_list")
READERS_ONLY = ("director", "officer")
OUTSIDERS = ("drafter", "outsider", "advisor", "filing_officer", "division_head")


def entity_url(entity: Entity) -> str:
    return reverse("inspections:entity_detail", args=[entity.pk])


def entity_act(entity: Entity, action: str) -> str:
    return reverse("inspections:entity_action", args=[entity.pk, action])


ENTITY_POST = {
    "uscc": uscc(42),
    "name": "天津某生物医药研究院有限公司",
    "legal_representative": "刘某",
    "address": "天津市滨海新区华苑产业区海泰西路18号",
    "domain": LAB,
    "risk_level": "high",
}


class RegistryPermissionTests(InspectionTestCase):
    def test_anonymous_visitors_are_sent_to_log_in(self) -> None:
        for url in (ITEMS, ENTITIES, NEW_ENTITY, INSPECTORS, EXPERTS, CONFLICTS):
            response = self.client.get(url)
            self.assertEqual(response.status_code, 302, url)
            self.assertTrue(response["Location"].startswith("/accounts/login/"))

    def test_staff_outside_inspections_get_404(self) -> None:
        entity = make_entities(1)[0]
        for name in OUTSIDERS:
            self.login(getattr(self, name))
            for url in (ITEMS, ENTITIES, entity_url(entity), INSPECTORS, EXPERTS, CONFLICTS):
                self.assertEqual(self.client.get(url).status_code, 404, (name, url))

    def test_the_leadership_and_officers_read_but_do_not_write(self) -> None:
        entity = make_entities(1)[0]
        for name in READERS_ONLY:
            self.login(getattr(self, name))
            for url in (ITEMS, ENTITIES, entity_url(entity), INSPECTORS, EXPERTS, CONFLICTS):
                self.assertEqual(self.client.get(url).status_code, 200, (name, url))
            response = self.client.get(entity_url(entity))
            self.assertNotContains(response, 'id="step-edit"')
            for url in (NEW_ENTITY, NEW_INSPECTOR, reverse("inspections:item_create")):
                self.assertEqual(self.client.get(url).status_code, 404, (name, url))
            self.assertEqual(self.client.post(NEW_ENTITY, ENTITY_POST).status_code, 404)
            self.assertEqual(
                self.client.post(entity_act(entity, "deactivate"), {"active-reason": "x"}).status_code, 404
            )
            self.assertEqual(self.client.post(EXPERTS, {"add-code": "E1"}).status_code, 404)
            self.assertEqual(self.client.post(CONFLICTS, {"add-entity": entity.uscc}).status_code, 404)
        self.assertEqual(Entity.objects.count(), 1)
        self.assertTrue(Entity.objects.get().is_active)


class ItemPageTests(InspectionTestCase):
    def test_the_legal_affairs_division_adds_an_item_and_publishes_it(self) -> None:
        self.login(self.reviewer)
        response = self.client.post(
            reverse("inspections:item_create"),
            {
                "name": "人类遗传资源保藏活动监督检查",
                "legal_basis": "《中华人民共和国人类遗传资源管理条例》第三十六条",
                "inspecting_body": "天津市科学技术局",
                "method": "现场检查",
                "domain": HGR,
            },
        )
        self.assertRedirects(response, ITEMS)
        item = InspectionItem.objects.get(domain=HGR)
        self.assertFalse(item.published)
        self.client.post(reverse("inspections:item_action", args=[item.pk, "publish"]))
        item.refresh_from_db()
        self.assertTrue(item.published)
        verbs = list(
            AuditEvent.objects.filter(
                object_id=str(item.pk), object_type="inspections.inspectionitem"
            ).values_list("verb", flat=True)
        )
        self.assertEqual(verbs, ["inspection.item_create", "inspection.item_publish"])
        self.assertEqual(
            self.client.post(reverse("inspections:item_action", args=[item.pk, "remove"])).status_code, 404
        )

    def test_an_empty_item_form_says_what_is_missing(self) -> None:
        self.login(self.reviewer)
        response = self.client.post(reverse("inspections:item_create"), {})
        self.assertEqual(response.context["form"].errors["legal_basis"], ["请填写此项"])
        self.assertEqual(InspectionItem.objects.count(), 1)

    def test_an_item_is_edited_with_its_event(self) -> None:
        self.login(self.reviewer)
        url = reverse("inspections:item_edit", args=[self.item.pk])
        post = {
            "name": "实验动物生产和使用单位监督检查（含动物福利）",
            "legal_basis": self.item.legal_basis,
            "inspecting_body": self.item.inspecting_body,
            "method": self.item.method,
            "domain": LAB,
        }
        self.assertRedirects(self.client.post(url, post), ITEMS)
        self.item.refresh_from_db()
        self.assertEqual(self.item.name, post["name"])
        self.assertTrue(AuditEvent.objects.filter(verb="inspection.item_update").exists())


class EntityPageTests(InspectionTestCase):
    def test_an_entity_is_registered_through_the_form_with_its_event(self) -> None:
        self.login(self.reviewer)
        response = self.client.post(
            NEW_ENTITY, {**ENTITY_POST, "uscc": uscc(42).lower()[:9] + " " + uscc(42)[9:]}
        )
        entity = Entity.objects.get()
        self.assertRedirects(response, entity_url(entity))
        self.assertEqual(entity.uscc, uscc(42))
        event = AuditEvent.objects.get(verb="inspection.entity_create")
        self.assertEqual(event.data["uscc"], uscc(42))

    def test_a_bad_code_is_refused_next_to_the_field_with_the_reason(self) -> None:
        self.login(self.reviewer)
        good = uscc(42)
        wrong_check = good[:17] + ("0" if good[17] != "0" else "1")
        cases = {
            "91120104MA0000": "统一社会信用代码应为 18 位，实为 14 位",
            good[:5] + "I" + good[6:]: "统一社会信用代码第 6 位“I”不是有效字符",
            wrong_check: f"统一社会信用代码校验位错误：第 18 位应为“{good[17]}”",
        }
        for code, reason in cases.items():
            response = self.client.post(NEW_ENTITY, {**ENTITY_POST, "uscc": code})
            self.assertEqual(response.status_code, 200)
            errors = response.context["form"].errors["uscc"]
            self.assertTrue(errors[0].startswith(reason), (code, errors))
            self.assertContains(response, reason)
        self.assertFalse(Entity.objects.exists())
        self.assertFalse(AuditEvent.objects.filter(verb="inspection.entity_create").exists())

    def test_a_code_already_registered_is_refused_next_to_the_field(self) -> None:
        make_entities(1, start=42)
        self.login(self.reviewer)
        response = self.client.post(NEW_ENTITY, ENTITY_POST)
        self.assertEqual(
            response.context["form"].errors["uscc"], [f"统一社会信用代码 {uscc(42)} 已在名录库中"]
        )
        self.assertEqual(Entity.objects.count(), 1)

    def test_the_list_finds_by_code_prefix_name_and_filters(self) -> None:
        make_entities(3, start=1)
        make_entities(2, start=101, domain=HGR, risk_level="low")
        Entity.objects.filter(uscc=uscc(2)).update(is_active=False)
        self.login(self.officer)

        def found(**params: str) -> set[str]:
            response = self.client.get(ENTITIES, params)
            return {e.uscc for e in response.context["page"]}

        self.assertEqual(len(found()), 5)
        self.assertEqual(found(q=uscc(3)), {uscc(3)})
        self.assertEqual(found(q=uscc(101)[:17].lower()), {uscc(101)})
        self.assertEqual(found(q="中心10"), {uscc(101), uscc(102)})
        self.assertEqual(found(domain=HGR), {uscc(101), uscc(102)})
        self.assertEqual(found(domain=LAB, active="1"), {uscc(1), uscc(3)})
        self.assertEqual(found(active="0"), {uscc(2)})
        self.assertEqual(found(risk_level="low"), {uscc(101), uscc(102)})
        response = self.client.get(ENTITIES, {"domain": "space"})
        self.assertEqual(len(response.context["page"]), 5)
        self.assertIn("已忽略无效的筛选条件“领域”", " ".join(response.context["notes"]))

    def test_the_entity_list_takes_the_same_few_queries_however_large_the_registry(self) -> None:
        self.login(self.reviewer)
        make_entities(3)
        self.client.get(ENTITIES)
        # Session, user, permissions (two), the count and the page, the roles and the unit of
        # the menu and the header, and the unit's agency (its inspection domains: issue 12).
        with self.assertNumQueries(9):
            self.client.get(ENTITIES)
        make_entities(60, start=100)
        with self.assertNumQueries(9):
            response = self.client.get(
                ENTITIES, {"domain": LAB, "risk_level": "high", "active": "1", "page": "2"}
            )
        self.assertEqual(len(response.context["page"]), 25)
        with self.assertNumQueries(9):
            self.client.get(ENTITIES, {"q": "91120104MA00001"})

    def test_an_entity_is_edited_deactivated_with_a_reason_and_reactivated(self) -> None:
        entity = make_entities(1)[0]
        self.login(self.reviewer)
        response = self.client.post(entity_act(entity, "deactivate"), {"active-reason": ""}, follow=True)
        self.assertEqual(response.context["forms"]["deactivate"].errors["reason"], ["请填写理由"])
        self.assertTrue(Entity.objects.get().is_active)
        response = self.client.post(entity_act(entity, "deactivate"), {"active-reason": "已注销"})
        self.assertRedirects(response, entity_url(entity))
        self.assertFalse(Entity.objects.get().is_active)
        event = AuditEvent.objects.get(verb="inspection.entity_deactivate")
        self.assertEqual(event.data["reason"], "已注销")
        self.client.post(entity_act(entity, "activate"), {"active-reason": ""})
        self.assertTrue(Entity.objects.get().is_active)
        edit = {
            "edit-name": "天津某实验动物中心（更名）",
            "edit-legal_representative": "法人1",
            "edit-address": "天津市南开区科研西路1号",
            "edit-domain": LAB,
            "edit-risk_level": "low",
        }
        self.assertRedirects(self.client.post(entity_act(entity, "edit"), edit), entity_url(entity))
        entity.refresh_from_db()
        self.assertEqual((entity.name, entity.risk_level), ("天津某实验动物中心（更名）", "low"))
        self.assertEqual(self.client.post(entity_act(entity, "delete")).status_code, 404)


class PeoplePageTests(InspectionTestCase):
    def test_an_inspector_is_registered_linked_to_an_officer_account(self) -> None:
        self.login(self.reviewer)
        response = self.client.post(
            NEW_INSPECTOR,
            {
                "name": "周执法",
                "certificate_number": "12010009",
                "certificate_expires_on": "2028-06-30",
                "domains": [LAB, HGR],
                "user": str(self.officer.pk),
            },
        )
        inspector = Inspector.objects.get()
        self.assertRedirects(response, reverse("inspections:inspector_detail", args=[inspector.pk]))
        self.assertEqual((inspector.user, sorted(inspector.domains)), (self.officer, sorted([LAB, HGR])))
        self.assertTrue(AuditEvent.objects.filter(verb="inspection.inspector_create").exists())

    def test_an_account_without_the_officer_role_cannot_be_linked(self) -> None:
        self.login(self.reviewer)
        response = self.client.post(
            NEW_INSPECTOR,
            {
                "name": "张起草",
                "certificate_number": "12010010",
                "certificate_expires_on": "2028-06-30",
                "domains": [LAB],
                "user": str(self.drafter.pk),
            },
        )
        self.assertEqual(response.context["form"].errors["user"], ["所选账户不能关联"])
        response = self.client.post(
            NEW_INSPECTOR,
            {"name": "无证", "certificate_number": "A B", "certificate_expires_on": "2028年1月1日"},
        )
        form = response.context["form"]
        self.assertEqual(form.errors["certificate_expires_on"], ["日期格式应为 2026-01-01"])
        self.assertEqual(form.errors["domains"], ["请至少选择一个执法领域"])
        self.assertFalse(Inspector.objects.exists())

    def test_an_expired_certificate_is_shown_with_a_badge_in_words(self) -> None:
        make_inspector(self.reviewer, 1, expires=datetime.date(2026, 3, 31))
        make_inspector(self.reviewer, 2, expires=datetime.date(2026, 5, 1))
        make_inspector(self.reviewer, 3)
        self.login(self.officer)
        response = self.client.get(INSPECTORS)
        self.assertContains(response, '<span class="badge badge-bad">执法证已过期</span>', count=1)
        self.assertContains(response, '<span class="badge badge-warn">即将到期</span>', count=1)
        inspector = Inspector.objects.get(certificate_number="120100001")
        response = self.client.get(reverse("inspections:inspector_detail", args=[inspector.pk]))
        self.assertContains(response, "执法证过期的人员不得参与抽取")

    def test_a_renewed_certificate_and_a_deactivation_go_through_the_inspector_page(self) -> None:
        inspector = make_inspector(self.reviewer, 1, expires=datetime.date(2026, 3, 31))
        self.login(self.reviewer)
        url = reverse("inspections:inspector_action", args=[inspector.pk, "edit"])
        post = {
            "edit-name": inspector.name,
            "edit-certificate_number": "12010099",
            "edit-certificate_expires_on": "2031-03-31",
            "edit-domains": [LAB],
            "edit-user": "",
        }
        self.client.post(url, post)
        inspector.refresh_from_db()
        self.assertEqual(
            (inspector.certificate_number, inspector.certificate_expires_on),
            ("12010099", datetime.date(2031, 3, 31)),
        )
        self.client.post(
            reverse("inspections:inspector_action", args=[inspector.pk, "deactivate"]),
            {"active-reason": "调离执法岗位"},
        )
        self.assertFalse(Inspector.objects.get().is_active)

    def test_an_expert_is_added_on_the_pool_page_and_a_duplicate_code_is_refused(self) -> None:
        self.login(self.reviewer)
        post = {"add-code": "EXP-001", "add-name": "孙专家", "add-field": "实验动物学"}
        self.assertRedirects(self.client.post(EXPERTS, post), EXPERTS)
        response = self.client.post(EXPERTS, post)
        self.assertEqual(response.context["form"].errors["code"], ["专家库编号 EXP-001 已登记"])
        self.assertEqual(Expert.objects.count(), 1)
        expert = Expert.objects.get()
        self.client.post(
            reverse("inspections:expert_action", args=[expert.pk, "deactivate"]), {"active-reason": "退休"}
        )
        self.assertFalse(Expert.objects.get().is_active)


class ConflictPageTests(InspectionTestCase):
    def test_a_conflict_is_added_and_removed_with_reasons_and_events(self) -> None:
        entity = make_entities(1)[0]
        inspector = make_inspector(self.reviewer, 1)
        self.login(self.reviewer)
        response = self.client.post(
            CONFLICTS,
            {"add-entity": entity.uscc, "add-person": f"i{inspector.pk}", "add-reason": "配偶在该单位任职"},
        )
        self.assertRedirects(response, CONFLICTS + f"?entity={entity.uscc}")
        conflict = Conflict.objects.get()
        self.assertEqual((conflict.entity, conflict.inspector), (entity, inspector))
        self.assertContains(self.client.get(entity_url(entity)), "配偶在该单位任职")
        remove = reverse("inspections:conflict_remove", args=[conflict.pk])
        response = self.client.post(remove, {f"remove-{conflict.pk}-reason": ""})
        self.assertContains(response, "请填写此项")
        self.assertTrue(Conflict.objects.exists())
        response = self.client.post(remove, {f"remove-{conflict.pk}-reason": "配偶已离职"})
        self.assertRedirects(response, CONFLICTS)
        self.assertFalse(Conflict.objects.exists())
        event = AuditEvent.objects.get(verb="inspection.conflict_remove")
        self.assertEqual(event.data["removal_reason"], "配偶已离职")

    def test_a_bad_or_unknown_code_and_a_duplicate_are_refused_in_chinese(self) -> None:
        entity = make_entities(1)[0]
        inspector = make_inspector(self.reviewer, 1)
        self.login(self.reviewer)
        base = {"add-person": f"i{inspector.pk}", "add-reason": "曾在该单位工作"}
        response = self.client.post(CONFLICTS, {**base, "add-entity": "91120104MA0000"})
        self.assertEqual(
            response.context["form"].errors["entity"], ["统一社会信用代码应为 18 位，实为 14 位"]
        )
        response = self.client.post(CONFLICTS, {**base, "add-entity": uscc(9)})
        self.assertEqual(
            response.context["form"].errors["entity"], ["名录库中没有该统一社会信用代码的检查对象"]
        )
        self.client.post(CONFLICTS, {**base, "add-entity": entity.uscc})
        response = self.client.post(CONFLICTS, {**base, "add-entity": entity.uscc})
        self.assertEqual(
            response.context["form"].errors["person"], [f"{inspector.name} 与 {entity.name} 的回避关系已登记"]
        )
        self.assertEqual(Conflict.objects.count(), 1)
