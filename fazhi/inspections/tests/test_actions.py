"""Sampling plans, their publication (frozen pools, commitments) and the draw."""

from __future__ import annotations

import datetime
import json

import time_machine
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from fazhi.core.models import AuditEvent
from fazhi.core.workflow import DomainError, InvalidTransition, LegalGateClosed
from fazhi.inspections import actions, registry
from fazhi.inspections import draw as algorithm
from fazhi.inspections.models import (
    Conflict,
    Draw,
    FrozenPool,
    InspectionPlan,
    InspectionTask,
    PoolExclusion,
    RiskLevel,
)
from fazhi.inspections.tests.base import InspectionTestCase
from fazhi.inspections.tests.factories import (
    DRAW_ON,
    HGR,
    LAB,
    SECRETS,
    draft_plan,
    drawn,
    make_entities,
    make_inspector,
    make_item,
    on_draw_day,
    publish,
    uscc,
)

P = InspectionPlan.Status


class PlanTests(InspectionTestCase):
    def test_reviewer_creates_a_draft_plan_and_it_is_audited(self) -> None:
        plan = draft_plan(self.reviewer, self.item)
        self.assertEqual(plan.status, P.DRAFT)
        self.assertEqual(plan.title, "2026年第1批“实验动物生产和使用单位监督检查”随机抽查计划")
        self.assertEqual(AuditEvent.objects.filter(verb="inspection.plan_create").count(), 1)
        self.assertEqual([s.name for s in plan.strata.all()], ["实验动物/高风险"])

    def test_an_officer_or_outsider_cannot_make_plans(self) -> None:
        for person in (self.officer, self.outsider, self.director):
            with self.subTest(person=person.username), self.assertRaises(PermissionDenied):
                draft_plan(person, self.item)

    def test_fewer_than_two_inspectors_per_entity_is_refused_citing_the_plan_rule(self) -> None:
        """DOMAIN.md §8: "inspectors per entity ≥ 2" is the sampling plan's rule. 行政处罚法第四十二条
        (“执法人员不得少于两人”) governs the penalty procedure, not an inspection: not cited."""
        with self.assertRaisesMessage(
            LegalGateClosed, "至少选派两名执法检查人员（本机关“双随机、一公开”抽查计划规则）"
        ):
            actions.create_plan(
                actor=self.reviewer,
                year=2026,
                batch=1,
                item=self.item,
                draw_on=DRAW_ON,
                inspectors_per_entity=1,
            )

    def test_the_database_refuses_a_plan_with_one_inspector_per_entity(self) -> None:
        plan = draft_plan(self.reviewer, self.item)
        with self.assertRaises(IntegrityError), transaction.atomic():
            InspectionPlan.objects.filter(pk=plan.pk).update(inspectors_per_entity=1)

    def test_a_ratio_is_kept_exactly_as_written_and_must_be_a_decimal_in_0_1(self) -> None:
        plan = draft_plan(self.reviewer, self.item, strata={RiskLevel.HIGH: "0.030"})
        self.assertEqual(plan.strata.get().ratio, "0.030")
        for bad in ("3%", "0", "1.5", "abc", "1e-2", "0.12345678901"):
            with self.subTest(ratio=bad), self.assertRaises(DomainError):
                actions.add_stratum(
                    plan, actor=self.reviewer, domain=LAB, risk_level=RiskLevel.LOW, ratio=bad
                )

    def test_strata_of_a_plan_may_not_overlap(self) -> None:
        plan = draft_plan(self.reviewer, self.item, strata={RiskLevel.HIGH: "0.3"})
        with self.assertRaisesMessage(DomainError, "与分层“实验动物/高风险”的范围重叠"):
            actions.add_stratum(plan, actor=self.reviewer, domain=LAB, ratio="0.03")  # every level
        actions.add_stratum(plan, actor=self.reviewer, domain=LAB, risk_level=RiskLevel.LOW, ratio="0.01")

    def test_a_stratum_must_be_in_the_domain_of_the_item(self) -> None:
        plan = draft_plan(self.reviewer, self.item)
        with self.assertRaisesMessage(DomainError, "分层领域应与抽查事项的领域“实验动物”一致"):
            actions.add_stratum(plan, actor=self.reviewer, domain=HGR, ratio="0.03")

    def test_a_published_plan_can_no_longer_be_edited(self) -> None:
        make_entities(3)
        make_inspector(self.reviewer, 1)
        make_inspector(self.reviewer, 2)
        plan = publish(self.reviewer, draft_plan(self.reviewer, self.item))
        with self.assertRaises(PermissionDenied):
            actions.add_stratum(plan, actor=self.reviewer, domain=LAB, risk_level=RiskLevel.LOW, ratio="0.1")

    def test_a_redraw_is_a_new_plan_with_a_recorded_reason(self) -> None:
        make_entities(3)
        make_inspector(self.reviewer, 1)
        make_inspector(self.reviewer, 2)
        plan = publish(self.reviewer, draft_plan(self.reviewer, self.item))
        with self.assertRaisesMessage(DomainError, "只有已抽取的计划"):
            actions.create_plan(
                actor=self.reviewer, year=2026, batch=2, item=self.item, draw_on=DRAW_ON, redraw_of=plan
            )
        drawn(self.reviewer, plan)
        with self.assertRaisesMessage(DomainError, "请填写重新抽取的理由"):
            actions.create_plan(
                actor=self.reviewer, year=2026, batch=2, item=self.item, draw_on=DRAW_ON, redraw_of=plan
            )
        again = actions.create_plan(
            actor=self.reviewer,
            year=2026,
            batch=2,
            item=self.item,
            draw_on=DRAW_ON,
            redraw_of=plan,
            redraw_reason="抽中对象已整体搬迁出本市，经局务会研究另行抽取",
        )
        self.assertEqual(again.redraw_of, plan)


class PublishTests(InspectionTestCase):
    def setUp(self) -> None:
        make_entities(5, risk_level=RiskLevel.HIGH)
        make_entities(4, start=101, risk_level=RiskLevel.LOW)
        self.a = make_inspector(self.reviewer, 1)
        self.b = make_inspector(self.reviewer, 2)
        self.c = make_inspector(self.reviewer, 3)

    def test_publishing_freezes_the_four_canonical_texts_with_their_digests(self) -> None:
        registry.add_conflict(actor=self.reviewer, entity=self.entity(1), person=self.a, reason="近亲属任职")
        plan = publish(self.reviewer, draft_plan(self.reviewer, self.item))
        pools = {p.kind: p for p in plan.frozen_pools.all()}
        self.assertEqual(
            pools[FrozenPool.Kind.ENTITIES].text,
            "\n".join(f"实验动物/高风险\t{uscc(n)}" for n in range(1, 6)),
        )
        self.assertEqual(pools[FrozenPool.Kind.INSPECTORS].text, "120100001\n120100002\n120100003")
        self.assertEqual(pools[FrozenPool.Kind.EXPERTS].text, "")
        self.assertEqual(pools[FrozenPool.Kind.CONFLICTS].text, f"{uscc(1)}\t120100001")
        self.assertEqual(plan.pool_digest, algorithm.text_digest(pools[FrozenPool.Kind.ENTITIES].text))
        self.assertEqual(plan.expert_digest, algorithm.text_digest(""))
        event = AuditEvent.objects.get(verb="inspection.plan_publish")
        self.assertEqual(event.data["pool_digest"], plan.pool_digest)
        self.assertEqual(event.to_status, P.PUBLISHED)

    def test_the_commitments_are_recorded_in_contributor_order(self) -> None:
        plan = publish(self.reviewer, draft_plan(self.reviewer, self.item))
        self.assertEqual(
            list(plan.contributors.values_list("name", "commitment")),
            [
                ("政策法规处", algorithm.commitment_of(SECRETS[0])),
                ("科技监督与诚信建设处", algorithm.commitment_of(SECRETS[1])),
            ],
        )
        self.assertFalse(plan.contributors.exclude(secret="").exists())  # secrets come only at the draw

    def test_commitments_may_be_given_by_contributor_id(self) -> None:
        plan = draft_plan(self.reviewer, self.item)
        first, second = plan.contributors.order_by("order")
        actions.publish_plan(
            plan,
            actor=self.reviewer,
            commitments={
                second.pk: algorithm.commitment_of(SECRETS[1]),
                first.pk: algorithm.commitment_of(SECRETS[0]),
            },
        )
        self.assertEqual(plan.contributors.get(pk=first.pk).commitment, algorithm.commitment_of(SECRETS[0]))

    def test_a_malformed_or_repeated_commitment_is_refused_naming_the_contributor(self) -> None:
        plan = draft_plan(self.reviewer, self.item)
        with self.assertRaisesMessage(
            DomainError, "种子提供方“科技监督与诚信建设处”的承诺值应为 64 位十六进制字符"
        ):
            actions.publish_plan(plan, actor=self.reviewer, commitments=["a" * 64, "xyz"])
        with self.assertRaisesMessage(DomainError, "承诺值重复"):
            actions.publish_plan(plan, actor=self.reviewer, commitments=["a" * 64, "A" * 64])
        self.assertEqual(InspectionPlan.objects.get(pk=plan.pk).status, P.DRAFT)
        self.assertFalse(FrozenPool.objects.exists())

    def test_one_contributor_alone_may_not_decide_the_draw(self) -> None:
        plan = draft_plan(self.reviewer, self.item)
        actions.remove_contributor(plan.contributors.latest("order"), actor=self.reviewer)
        with self.assertRaisesMessage(DomainError, "至少应有 2 个种子提供方"):
            actions.publish_plan(plan, actor=self.reviewer, commitments=["a" * 64])

    def test_an_item_not_on_the_public_list_cannot_be_sampled(self) -> None:
        item = make_item(self.reviewer, published=False)
        plan = draft_plan(self.reviewer, item)
        with self.assertRaisesMessage(LegalGateClosed, "国办发〔2015〕58号"):
            publish(self.reviewer, plan)

    def test_an_inspector_whose_certificate_expires_before_the_draw_date_is_left_out_with_the_reason(
        self,
    ) -> None:
        make_inspector(self.reviewer, 4, expires=DRAW_ON - datetime.timedelta(days=1))
        make_inspector(self.reviewer, 5, expires=DRAW_ON)  # valid on the draw date itself
        plan = publish(self.reviewer, draft_plan(self.reviewer, self.item))
        self.assertEqual(
            plan.frozen_pools.get(kind=FrozenPool.Kind.INSPECTORS).lines(),
            ["120100001", "120100002", "120100003", "120100005"],
        )
        exclusion = PoolExclusion.objects.get(plan=plan)
        self.assertEqual(exclusion.person_id, "120100004")
        self.assertIn(
            "执法证有效期至 2026年4月9日，早于抽取日期 2026年4月10日，不得参与抽取", exclusion.reason
        )

    def test_inspectors_of_another_domain_and_inactive_ones_are_not_in_the_pool(self) -> None:
        make_inspector(self.reviewer, 6, domains=(HGR,))
        registry.set_inspector_active(self.c, actor=self.reviewer, active=False, reason="调离执法岗位")
        plan = publish(self.reviewer, draft_plan(self.reviewer, self.item))
        self.assertEqual(
            plan.frozen_pools.get(kind=FrozenPool.Kind.INSPECTORS).lines(), ["120100001", "120100002"]
        )

    def test_too_few_certified_inspectors_refuse_publication(self) -> None:
        for inspector in (self.b, self.c):
            registry.set_inspector_active(inspector, actor=self.reviewer, active=False, reason="退休")
        with self.assertRaisesMessage(LegalGateClosed, "执法证在抽取日期有效的执法人员只有 1 名"):
            publish(self.reviewer, draft_plan(self.reviewer, self.item))

    def test_a_cap_too_low_for_the_sample_refuses_publication(self) -> None:
        # 5 entities × 2 inspectors = 10 assignments; 3 inspectors × cap 3 = 9.
        with self.assertRaisesMessage(DomainError, "人数不足；请调整上限或比例"):
            publish(self.reviewer, draft_plan(self.reviewer, self.item, cap=3))

    def test_a_draw_date_in_the_past_refuses_publication(self) -> None:
        plan = draft_plan(self.reviewer, self.item)
        with time_machine.travel("2026-04-11 09:00 +08:00", tick=False):
            with self.assertRaisesMessage(DomainError, "抽取日期 2026年4月10日 已过"):
                publish(self.reviewer, plan)

    def entity(self, n: int):  # type: ignore[no-untyped-def]
        from fazhi.inspections.models import Entity

        return Entity.objects.get(uscc=uscc(n))


class DrawTests(InspectionTestCase):
    def setUp(self) -> None:
        self.entities = make_entities(38, risk_level=RiskLevel.HIGH)
        self.inspectors = [make_inspector(self.reviewer, n) for n in range(1, 5)]

    def plan(self, **options):  # type: ignore[no-untyped-def]
        return publish(self.reviewer, draft_plan(self.reviewer, self.item, **options))

    def test_the_draw_selects_ceil_of_38_times_3_percent_and_creates_two_tasks(self) -> None:
        plan = self.plan(strata={RiskLevel.HIGH: "0.03"})
        made = drawn(self.reviewer, plan)
        plan.refresh_from_db()
        self.assertEqual(plan.status, P.DRAWN)
        self.assertEqual(made.selected_count, 2)
        tasks = list(plan.tasks.order_by("sequence"))
        self.assertEqual([t.entity.uscc for t in tasks], [e for _s, e in made.bundle["selected"]])
        for task in tasks:
            ids = sorted(task.inspectors.values_list("certificate_number", flat=True))
            self.assertEqual(ids, sorted(made.bundle["assignments"][task.entity.uscc]["inspectors"]))
            self.assertEqual(len(ids), 2)
        self.assertEqual(list(plan.contributors.values_list("secret", flat=True)), SECRETS)

    def test_the_stored_bundle_has_exactly_the_published_keys_and_reproduces(self) -> None:
        plan = self.plan(strata={RiskLevel.HIGH: "0.1"})
        made = drawn(self.reviewer, plan)
        bundle = Draw.objects.get(pk=made.pk).bundle
        self.assertEqual(set(bundle), set(algorithm.BUNDLE_KEYS))
        self.assertEqual(bundle["ratios"], {"实验动物/高风险": "0.1"})
        self.assertEqual(bundle["commitments"], [algorithm.commitment_of(s) for s in SECRETS])
        self.assertEqual(bundle["seed"], made.seed)
        self.assertEqual(len(bundle["selected"]), 4)  # ceil(3.8)
        event = AuditEvent.objects.get(verb="inspection.draw")
        self.assertEqual((event.from_status, event.to_status), (P.PUBLISHED, P.DRAWN))
        self.assertEqual(event.data["bundle_sha256"], made.bundle_sha256)

    def test_a_secret_that_does_not_match_its_commitment_is_refused_naming_the_contributor(self) -> None:
        plan = self.plan()
        with on_draw_day(plan):
            with self.assertRaisesMessage(
                DomainError, "种子提供方“科技监督与诚信建设处”提交的秘密值与其公布的承诺值不符"
            ):
                actions.draw(plan, actor=self.reviewer, secrets=[SECRETS[0], "cd" * 32])
            with self.assertRaisesMessage(DomainError, "应有 2 个秘密值"):
                actions.draw(plan, actor=self.reviewer, secrets=[SECRETS[0]])
        self.assertFalse(Draw.objects.exists())
        self.assertEqual(InspectionPlan.objects.get(pk=plan.pk).status, P.PUBLISHED)

    def test_secrets_may_be_given_by_contributor_name(self) -> None:
        plan = self.plan()
        with on_draw_day(plan):
            actions.draw(
                plan,
                actor=self.reviewer,
                secrets={"科技监督与诚信建设处": SECRETS[1], "政策法规处": SECRETS[0]},
            )
        self.assertEqual(InspectionPlan.objects.get(pk=plan.pk).status, P.DRAWN)

    def test_there_is_no_second_draw_of_the_same_plan(self) -> None:
        plan = self.plan()
        drawn(self.reviewer, plan)
        for copy in (plan, InspectionPlan.objects.get(pk=plan.pk)):
            with self.assertRaisesMessage(LegalGateClosed, actions.NO_REDRAW):
                drawn(self.reviewer, copy)
        stale = InspectionPlan.objects.get(pk=plan.pk)
        stale.status = P.PUBLISHED  # an old copy in another browser tab
        with self.assertRaisesMessage(LegalGateClosed, "不得重新抽取"):
            drawn(self.reviewer, stale)
        self.assertEqual(Draw.objects.count(), 1)

    def test_only_a_planner_may_draw(self) -> None:
        plan = self.plan()
        for person in (self.officer, self.director, self.outsider):
            with self.subTest(person=person.username), self.assertRaises(PermissionDenied):
                drawn(person, plan)

    def test_a_draft_plan_cannot_be_drawn(self) -> None:
        plan = draft_plan(self.reviewer, self.item)
        with self.assertRaises(PermissionDenied):
            drawn(self.reviewer, plan)

    def test_the_draw_may_not_take_place_after_the_planned_draw_date(self) -> None:
        plan = self.plan()
        with time_machine.travel("2026-04-11 09:00 +08:00", tick=False):
            with self.assertRaisesMessage(LegalGateClosed, "计划抽取日期为 2026年4月10日，已过"):
                actions.draw(plan, actor=self.reviewer, secrets=SECRETS)
        with time_machine.travel("2026-04-10 16:00 +08:00", tick=False):
            drawn(self.reviewer, plan)

    def test_the_draw_may_not_take_place_before_the_published_draw_date(self) -> None:
        plan = self.plan()
        for day in ("2026-04-01 10:30 +08:00", "2026-04-09 23:59 +08:00"):
            with self.subTest(day=day), time_machine.travel(day, tick=False):
                with self.assertRaisesMessage(
                    LegalGateClosed, "计划公布的抽取日期为 2026年4月10日，未到该日不得抽取"
                ):
                    actions.draw(plan, actor=self.reviewer, secrets=SECRETS)
        self.assertFalse(Draw.objects.exists())
        self.assertEqual(InspectionPlan.objects.get(pk=plan.pk).status, P.PUBLISHED)
        self.assertFalse(AuditEvent.objects.filter(verb="inspection.draw").exists())
        with time_machine.travel("2026-04-10 16:00 +08:00", tick=False):
            drawn(self.reviewer, plan)

    def test_the_agreed_public_value_is_required_and_enters_the_seed(self) -> None:
        plan = self.plan(public_value_source="2026年4月9日福彩3D开奖号码")
        with self.assertRaisesMessage(
            DomainError, "请填写公开随机值（事先约定的来源：2026年4月9日福彩3D开奖号码）"
        ):
            drawn(self.reviewer, plan)
        made = drawn(self.reviewer, plan, public_value="4 7 1")
        self.assertEqual(made.bundle["public_value"], "4 7 1")
        other = self.plan()
        with self.assertRaisesMessage(DomainError, "本计划未约定公开随机值"):
            drawn(self.reviewer, other, public_value="4 7 1")

    def test_a_conflicted_inspector_is_never_assigned_to_that_entity(self) -> None:
        first = self.inspectors[0]
        for entity in self.entities:
            registry.add_conflict(actor=self.reviewer, entity=entity, person=first, reason="曾在该单位任职")
        other_plan_entity = self.entities[0]
        plan = self.plan(strata={RiskLevel.HIGH: "1"})
        drawn(self.reviewer, plan)
        self.assertEqual(plan.tasks.count(), 38)
        self.assertFalse(InspectionTask.objects.filter(plan=plan, inspectors=first).exists())
        self.assertTrue(InspectionTask.objects.filter(plan=plan, entity=other_plan_entity).exists())

    def test_the_cap_limits_how_many_entities_an_inspector_gets(self) -> None:
        # 38 entities × 2 = 76 assignments over 4 inspectors with a cap of 19: all exactly 19.
        plan = self.plan(strata={RiskLevel.HIGH: "1"}, cap=19)
        drawn(self.reviewer, plan)
        for inspector in self.inspectors:
            self.assertEqual(inspector.tasks.filter(plan=plan).count(), 19)

    def test_too_few_eligible_inspectors_fail_the_draw_and_save_nothing(self) -> None:
        # The first entity conflicts with three of the four inspectors: one is left, two are needed.
        target = self.entities[0]
        for inspector in self.inspectors[:3]:
            registry.add_conflict(actor=self.reviewer, entity=target, person=inspector, reason="持有股份")
        plan = self.plan(strata={RiskLevel.HIGH: "1"})
        events = AuditEvent.objects.count()
        with self.assertRaisesMessage(DomainError, f"检查对象 {target.uscc} 可选派的执法人员只有 1 名"):
            drawn(self.reviewer, plan)
        self.assertFalse(Draw.objects.exists())
        self.assertFalse(InspectionTask.objects.exists())
        self.assertEqual(InspectionPlan.objects.get(pk=plan.pk).status, P.PUBLISHED)
        self.assertEqual(set(plan.contributors.values_list("secret", flat=True)), {""})
        self.assertEqual(AuditEvent.objects.count(), events)

    def test_registry_edits_after_publication_do_not_change_the_draw(self) -> None:
        conflict = registry.add_conflict(
            actor=self.reviewer, entity=self.entities[3], person=self.inspectors[1], reason="配偶任职"
        )
        plan = self.plan(strata={RiskLevel.HIGH: "0.5"})
        pools = {p.kind: p.text for p in plan.frozen_pools.all()}
        texts = algorithm.FrozenTexts(
            pool=pools["entities"],
            inspectors=pools["inspectors"],
            experts=pools["experts"],
            conflicts=pools["conflicts"],
        )
        expected = algorithm.run_draw(
            texts,
            digests=texts.digests(),
            ratios={"实验动物/高风险": "0.5"},
            inspectors_per_entity=2,
            experts_per_entity=0,
            inspector_cap=None,
            commitments=[algorithm.commitment_of(s) for s in SECRETS],
            secrets=SECRETS,
            public_value="",
        )
        # After publication: a new entity, a deleted conflict, a new and a retired inspector,
        # a changed risk level.
        registry.create_entity(
            actor=self.reviewer,
            name="新登记实验动物公司",
            uscc=uscc(900),
            legal_representative="钱新",
            address="天津市西青区",
            domain=LAB,
            risk_level=RiskLevel.HIGH,
        )
        registry.remove_conflict(conflict, actor=self.reviewer, reason="配偶已离职")
        make_inspector(self.reviewer, 9)
        registry.set_inspector_active(self.inspectors[2], actor=self.reviewer, active=False, reason="调离")
        registry.update_entity(
            self.entities[5],
            actor=self.reviewer,
            name=self.entities[5].name,
            legal_representative="法人6",
            address="天津市南开区",
            domain=LAB,
            risk_level=RiskLevel.LOW,
            is_natural_person=False,
        )
        made = drawn(self.reviewer, plan)
        self.assertEqual(made.bundle, json.loads(json.dumps(expected)))
        self.assertNotIn(uscc(900), [e for _s, e in made.bundle["pool"]])
        self.assertIn([self.entities[3].uscc, "120100002"], made.bundle["conflicts"])
        self.assertFalse(Conflict.objects.exists())

    def test_a_tampered_frozen_pool_stops_the_draw(self) -> None:
        plan = self.plan()
        FrozenPool.objects.filter(plan=plan, kind=FrozenPool.Kind.INSPECTORS).update(
            text="120100001\n120100002"
        )
        with self.assertRaisesMessage(DomainError, "冻结的名录与公布的摘要不符"):
            drawn(self.reviewer, plan)

    def test_the_draw_transition_is_guarded_against_a_concurrent_draw(self) -> None:
        plan = self.plan()
        InspectionPlan.objects.filter(pk=plan.pk).update(status=P.DRAFT)
        plan.status = P.PUBLISHED
        with self.assertRaises(InvalidTransition):
            drawn(self.reviewer, plan)
        self.assertFalse(Draw.objects.exists())


class ExpertDomainTests(InspectionTestCase):
    def setUp(self) -> None:
        make_entities(3, risk_level=RiskLevel.HIGH)
        make_inspector(self.reviewer, 1)
        make_inspector(self.reviewer, 2)

    def test_a_plan_draws_only_experts_of_its_domain_or_of_every_domain(self) -> None:
        from fazhi.inspections.tests.factories import HGR, LAB

        registry.create_expert(actor=self.reviewer, code="ZJ-1", name="许", field="实验动物", domains=[LAB])
        registry.create_expert(actor=self.reviewer, code="ZJ-2", name="傅", field="遗传资源", domains=[HGR])
        registry.create_expert(actor=self.reviewer, code="ZJ-3", name="沈", field="法学")
        with self.assertRaisesMessage(DomainError, "所选领域不正确"):
            registry.create_expert(actor=self.reviewer, code="ZJ-4", name="曾", field="x", domains=["astro"])
        plan = publish(self.reviewer, draft_plan(self.reviewer, self.item))
        pools = {p.kind: p for p in plan.frozen_pools.all()}
        self.assertEqual(pools[FrozenPool.Kind.EXPERTS].text, "ZJ-1\nZJ-3")
