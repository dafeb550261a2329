"""The item list, the registries and the conflicts of interest."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied

from fazhi.core.models import AuditEvent, Inspector
from fazhi.core.workflow import DomainError
from fazhi.inspections import permissions, registry
from fazhi.inspections.models import Conflict, Entity, RiskLevel
from fazhi.inspections.tests.base import InspectionTestCase
from fazhi.inspections.tests.factories import HGR, LAB, make_entities, make_inspector, make_item


class ItemTests(InspectionTestCase):
    def test_the_item_names_its_legal_basis_and_can_be_taken_off_the_public_list(self) -> None:
        item = make_item(self.reviewer, domain=HGR, published=False)
        self.assertFalse(item.published)
        registry.set_item_published(item, actor=self.reviewer, published=True)
        item.refresh_from_db()
        self.assertTrue(item.published)
        self.assertEqual(AuditEvent.objects.filter(verb="inspection.item_publish").count(), 1)
        with self.assertRaisesMessage(DomainError, "请填写检查依据"):
            registry.create_item(
                actor=self.reviewer,
                name="x",
                legal_basis=" ",
                inspecting_body="市科技局",
                method="现场",
                domain=LAB,
            )

    def test_only_the_legal_affairs_division_keeps_the_registries(self) -> None:
        self.assertTrue(permissions.can_manage_registry(self.reviewer))
        for person in (self.officer, self.director, self.drafter, self.admin_user):
            with self.subTest(person=person.username), self.assertRaises(PermissionDenied):
                make_item(person)
        self.assertTrue(permissions.can_see_registries(self.officer))
        self.assertFalse(permissions.can_see_registries(self.drafter))


class EntityTests(InspectionTestCase):
    def create(self, code: str, **extra) -> Entity:  # type: ignore[no-untyped-def]
        fields: dict[str, Any] = {
            "name": "天津市某实验动物技术有限公司",
            "legal_representative": "刘某",
            "address": "天津市西青区学府工业区",
            "domain": LAB,
            "risk_level": RiskLevel.HIGH,
        }
        fields.update(extra)
        return registry.create_entity(actor=self.reviewer, uscc=code, **fields)

    def test_an_entity_with_a_valid_code_is_registered_normalised_and_audited(self) -> None:
        entity = self.create(" 91350100m000100y43 ")
        self.assertEqual(entity.uscc, "91350100M000100Y43")
        event = AuditEvent.objects.get(verb="inspection.entity_create")
        self.assertEqual(event.data["uscc"], "91350100M000100Y43")

    def test_a_bad_code_is_refused_with_its_reason(self) -> None:
        with self.assertRaisesMessage(DomainError, "第 18 位应为“3”，实为“4”"):
            self.create("91350100M000100Y44")
        self.assertFalse(Entity.objects.exists())

    def test_a_code_already_registered_is_refused(self) -> None:
        self.create("91350100M000100Y43")
        with self.assertRaisesMessage(DomainError, "91350100M000100Y43 已在名录库中"):
            self.create("91350100M000100Y43", name="另一家")

    def test_the_code_is_never_changed_but_other_particulars_are(self) -> None:
        entity = self.create("91350100M000100Y43")
        registry.update_entity(
            entity,
            actor=self.reviewer,
            name="改名后的公司",
            legal_representative="张某",
            address="天津市南开区",
            domain=LAB,
            risk_level=RiskLevel.LOW,
            is_natural_person=False,
        )
        entity.refresh_from_db()
        self.assertEqual(
            (entity.name, entity.risk_level, entity.uscc), ("改名后的公司", "low", "91350100M000100Y43")
        )

    def test_deactivating_needs_a_reason(self) -> None:
        entity = make_entities(1)[0]
        with self.assertRaisesMessage(DomainError, "请填写理由"):
            registry.set_entity_active(entity, actor=self.reviewer, active=False)
        registry.set_entity_active(entity, actor=self.reviewer, active=False, reason="已注销")
        self.assertFalse(Entity.objects.active().exists())


class InspectorTests(InspectionTestCase):
    def test_an_inspector_is_registered_with_certificate_and_domains(self) -> None:
        inspector = make_inspector(self.reviewer, 1, user=self.officer, domains=(LAB, HGR))
        self.assertEqual(inspector.domains, sorted([LAB, HGR]))
        self.assertEqual(inspector.domain_labels(), ["人类遗传资源", "实验动物"])
        self.assertEqual(self.officer.inspector, inspector)

    def test_certified_on_leaves_out_expired_certificates(self) -> None:
        make_inspector(self.reviewer, 1, expires=datetime.date(2026, 3, 31))
        valid = make_inspector(self.reviewer, 2)
        self.assertEqual(list(Inspector.objects.certified_on(datetime.date(2026, 4, 1))), [valid])

    def test_a_certificate_number_is_registered_once_and_has_no_spaces(self) -> None:
        make_inspector(self.reviewer, 1)
        with self.assertRaisesMessage(DomainError, "执法证号 120100001 已登记"):
            make_inspector(self.reviewer, 1)
        with self.assertRaisesMessage(DomainError, "不能含空格或控制字符"):
            registry.create_inspector(
                actor=self.reviewer,
                name="某",
                certificate_number="1201 0001",
                certificate_expires_on=datetime.date(2028, 1, 1),
                domains=[LAB],
            )

    def test_an_account_without_the_officer_role_cannot_be_linked(self) -> None:
        with self.assertRaisesMessage(DomainError, "没有执法人员角色"):
            make_inspector(self.reviewer, 1, user=self.drafter)
        make_inspector(self.reviewer, 2, user=self.officer)
        with self.assertRaisesMessage(DomainError, "已关联其他执法人员"):
            make_inspector(self.reviewer, 3, user=self.officer)

    def test_a_renewed_certificate_is_an_audited_update(self) -> None:
        inspector = make_inspector(self.reviewer, 1, expires=datetime.date(2026, 3, 31))
        registry.update_inspector(
            inspector,
            actor=self.reviewer,
            name=inspector.name,
            certificate_number="120109999",
            certificate_expires_on=datetime.date(2031, 3, 31),
            domains=[LAB],
        )
        event = AuditEvent.objects.get(verb="inspection.inspector_update")
        self.assertEqual(event.data["before"]["certificate_number"], "120100001")
        self.assertEqual(event.data["after"]["certificate_expires_on"], "2031-03-31")


class ConflictTests(InspectionTestCase):
    def test_a_conflict_is_recorded_once_with_its_reason_and_removed_with_a_reason(self) -> None:
        entity = make_entities(1)[0]
        inspector = make_inspector(self.reviewer, 1)
        expert = registry.create_expert(
            actor=self.reviewer, code="ZJ-001", name="孙专家", field="实验动物医学"
        )
        conflict = registry.add_conflict(
            actor=self.reviewer, entity=entity, person=inspector, reason="近亲属任职"
        )
        registry.add_conflict(actor=self.reviewer, entity=entity, person=expert, reason="曾受聘该单位")
        self.assertEqual(conflict.person_id_text, "120100001")
        with self.assertRaisesMessage(DomainError, "回避关系已登记"):
            registry.add_conflict(actor=self.reviewer, entity=entity, person=inspector, reason="又一次")
        with self.assertRaisesMessage(DomainError, "请填写撤销理由"):
            registry.remove_conflict(conflict, actor=self.reviewer, reason="")
        registry.remove_conflict(conflict, actor=self.reviewer, reason="近亲属已离职")
        self.assertEqual(Conflict.objects.count(), 1)
        event = AuditEvent.objects.get(verb="inspection.conflict_remove")
        self.assertEqual(event.data["person"], "120100001")
