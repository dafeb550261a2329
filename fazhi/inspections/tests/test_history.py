"""Plans of past years entered from the archive (history.py): the plan as published with its
frozen pools, its draw recomputed by `fazhi-draw-v1` (so that its bundle verifies), and its
results with their own dates; each step checked, permission-checked and audited."""

from __future__ import annotations

import dataclasses
import datetime
from typing import Any

from django.core.exceptions import PermissionDenied

from fazhi.core.models import AuditEvent
from fazhi.core.workflow import DomainError, LegalGateClosed
from fazhi.inspections import history, registry
from fazhi.inspections.draw import commitment_of
from fazhi.inspections.models import Draw, InspectionPlan, InspectionTask
from fazhi.inspections.tests.base import InspectionTestCase
from fazhi.inspections.tests.factories import (
    LAB,
    make_entities,
    make_inspector,
    uscc,
    verify,
)

D = datetime.date
P = InspectionPlan.Status
T = InspectionTask.Status
R = InspectionTask.Result
ARCHIVED_SECRETS = ["2" * 64, "cd" * 32]


class HistoryTestCase(InspectionTestCase):
    """Five entities and three inspectors (one whose certificate expired in 2024, valid at a
    2023 draw) and an expert; the archived 2023 plan samples two of the five (ratio 0.4)."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        make_entities(5)
        for n in (1, 2):
            make_inspector(cls.reviewer, n)
        make_inspector(cls.reviewer, 3, expires=D(2024, 6, 30))
        cls.expert = registry.create_expert(
            actor=cls.reviewer, code="ZJ-01", name="许专家", field="实验动物医学"
        )

    def record(self, **changes: object) -> history.ArchivedPlan:
        record = history.ArchivedPlan(
            year=2023,
            batch=1,
            item=self.item,
            published_on=D(2023, 4, 3),
            draw_on=D(2023, 4, 10),
            strata=[history.ArchivedStratum(domain=LAB, risk_level="high", ratio="0.4")],
            contributors=[
                ("政策法规处", commitment_of(ARCHIVED_SECRETS[0])),
                ("科技监督与诚信建设处", commitment_of(ARCHIVED_SECRETS[1])),
            ],
            entities=[("实验动物/高风险", uscc(n)) for n in range(1, 6)],
            inspectors=["120100001", "120100002", "120100003"],
            experts=["ZJ-01"],
            conflicts=[(uscc(1), "120100001")],
            experts_per_entity=1,
            public_value_source="某期开奖号码",
        )
        return dataclasses.replace(record, **changes)  # type: ignore[arg-type]

    def imported(self) -> tuple[InspectionPlan, Draw]:
        plan = history.import_plan(self.record(), actor=self.reviewer)
        made = history.import_draw(
            plan,
            actor=self.reviewer,
            secrets=ARCHIVED_SECRETS,
            drawn_on=D(2023, 4, 10),
            public_value="01 02 03",
        )
        return plan, made


class ImportPlanTests(HistoryTestCase):
    def test_the_plan_is_entered_as_published_with_its_pools_commitments_and_dates(self) -> None:
        plan = history.import_plan(self.record(), actor=self.reviewer)
        self.assertEqual(plan.status, P.PUBLISHED)
        self.assertEqual(plan.published_at.date(), D(2023, 4, 3))  # type: ignore[union-attr]
        self.assertEqual(plan.title, f"2023年第1批“{self.item.name}”随机抽查计划")
        self.assertEqual(
            list(plan.contributors.values_list("name", "commitment", "secret")),
            [
                ("政策法规处", commitment_of(ARCHIVED_SECRETS[0]), ""),
                ("科技监督与诚信建设处", commitment_of(ARCHIVED_SECRETS[1]), ""),
            ],
        )
        sizes = dict(plan.frozen_pools.values_list("kind", "size"))
        self.assertEqual(sizes, {"entities": 5, "inspectors": 3, "experts": 1, "conflicts": 1})
        digests = dict(plan.frozen_pools.values_list("kind", "digest"))
        self.assertEqual(
            plan.digests(),
            {
                "pool_digest": digests["entities"],
                "inspector_digest": digests["inspectors"],
                "expert_digest": digests["experts"],
                "conflict_digest": digests["conflicts"],
            },
        )
        event = AuditEvent.objects.get(verb="inspection.plan_import")
        self.assertEqual(
            (event.to_status, event.actor, event.data["published_on"]),
            (P.PUBLISHED, self.reviewer, "2023-04-03"),
        )
        self.assertEqual(event.data["strata"], {"实验动物/高风险": {"size": 5, "ratio": "0.4"}})
        # Public like any published plan.
        self.assertEqual(self.client.get(f"/inspections/plans/{plan.pk}/").status_code, 200)

    def test_only_a_planner_enters_the_archive(self) -> None:
        with self.assertRaises(PermissionDenied):
            history.import_plan(self.record(), actor=self.officer)

    def test_an_archived_plan_is_checked_like_a_live_one(self) -> None:
        cases = {
            "档案记录的日期不能晚于今天": self.record(published_on=D(2026, 5, 1), draw_on=D(2026, 5, 8)),
            "计划应当在抽取日期之前公布": self.record(published_on=D(2023, 4, 11)),
            "不在名录库中": self.record(entities=[("实验动物/高风险", uscc(99))]),
            "所属分层": self.record(entities=[("其他分层", uscc(1))]),
            "执法证有效期至": self.record(draw_on=D(2024, 7, 1), year=2024),
            "至少应有 2 个种子提供方": self.record(contributors=[("政策法规处", commitment_of("1" * 64))]),
            "承诺值应为 64 位": self.record(contributors=[("甲", "abc"), ("乙", commitment_of("1" * 64))]),
            "范围重叠": self.record(
                strata=[
                    history.ArchivedStratum(domain=LAB, ratio="0.4"),
                    history.ArchivedStratum(domain=LAB, risk_level="high", ratio="0.1"),
                ]
            ),
            "抽查比例": self.record(
                strata=[history.ArchivedStratum(domain=LAB, risk_level="high", ratio="3%")]
            ),
            "不在本计划的名录中": self.record(conflicts=[(uscc(1), "ZJ-99")]),
            "至少选派两名执法检查人员": self.record(inspectors_per_entity=1),
        }
        for expected, record in cases.items():
            with self.subTest(expected), self.assertRaises(DomainError) as caught:
                history.import_plan(record, actor=self.reviewer)
            self.assertIn(expected, str(caught.exception))
        self.assertFalse(InspectionPlan.objects.exists())
        history.import_plan(self.record(), actor=self.reviewer)
        with self.assertRaisesMessage(DomainError, "已经录入"):
            history.import_plan(self.record(), actor=self.reviewer)


class ImportDrawTests(HistoryTestCase):
    def test_the_draw_is_recomputed_and_its_bundle_verifies(self) -> None:
        plan, made = self.imported()
        plan.refresh_from_db()
        self.assertEqual(plan.status, P.DRAWN)
        self.assertEqual(made.drawn_at.date(), D(2023, 4, 10))
        bundle = made.bundle
        self.assertEqual(len(verify(bundle)), 8)
        self.assertEqual(bundle["secrets"], ARCHIVED_SECRETS)
        self.assertEqual(bundle["public_value"], "01 02 03")
        self.assertEqual(len(bundle["selected"]), 2)  # ceil(5 × 0.4)
        tasks = list(plan.tasks.order_by("sequence"))
        self.assertEqual([t.entity.uscc for t in tasks], [e for _s, e in bundle["selected"]])
        for task in tasks:
            people = bundle["assignments"][task.entity.uscc]
            self.assertEqual(
                sorted(i.certificate_number for i in task.inspectors.all()), sorted(people["inspectors"])
            )
            self.assertEqual([x.code for x in task.experts.all()], people["experts"])
        self.assertEqual(list(plan.contributors.values_list("secret", flat=True)), ARCHIVED_SECRETS)
        event = AuditEvent.objects.get(verb="inspection.draw_import")
        self.assertEqual((event.from_status, event.to_status), (P.PUBLISHED, P.DRAWN))
        self.assertEqual(event.data["bundle_sha256"], made.bundle_sha256)

    def test_a_wrong_secret_a_wrong_date_or_a_second_draw_is_refused(self) -> None:
        plan = history.import_plan(self.record(), actor=self.reviewer)
        refused: dict[str, dict[str, Any]] = {
            "与其公布的承诺值不符": {"secrets": ["3" * 64, ARCHIVED_SECRETS[1]]},
            "应有 2 个秘密值": {"secrets": ARCHIVED_SECRETS[:1]},
            "之前进行": {"drawn_on": D(2023, 4, 11)},
            "计划公布的抽取日期为 2023年4月10日，未到该日不得抽取": {"drawn_on": D(2023, 4, 9)},
            "公开随机值应与计划约定一致": {"public_value": ""},
        }
        for expected, changes in refused.items():
            options = {
                "secrets": ARCHIVED_SECRETS,
                "drawn_on": D(2023, 4, 10),
                "public_value": "01",
            } | changes
            with self.subTest(expected), self.assertRaisesMessage(DomainError, expected):
                history.import_draw(plan, actor=self.reviewer, **options)
        self.assertFalse(Draw.objects.exists())
        history.import_draw(
            plan, actor=self.reviewer, secrets=ARCHIVED_SECRETS, drawn_on=D(2023, 4, 10), public_value="01"
        )
        with self.assertRaises(LegalGateClosed):
            history.import_draw(
                plan,
                actor=self.reviewer,
                secrets=ARCHIVED_SECRETS,
                drawn_on=D(2023, 4, 10),
                public_value="01",
            )


class ImportResultTests(HistoryTestCase):
    def test_a_result_is_entered_with_its_dates_and_the_deadline_of_the_rule_book(self) -> None:
        plan, _made = self.imported()
        task = plan.tasks.order_by("sequence").first()
        assert task is not None
        history.import_result(
            task,
            actor=self.reviewer,
            result=R.NO_PROBLEM,
            ended_on=D(2023, 4, 20),
            published_on=D(2023, 5, 10),
        )
        task.refresh_from_db()
        self.assertEqual(task.status, T.PUBLISHED)
        self.assertEqual((task.ended_on, task.published_on), (D(2023, 4, 20), D(2023, 5, 10)))
        # 20 working days after Thursday 20 April 2023: 21 April (1), Sunday 23 April a make-up
        # day (2), 24–28 April (3–7), Labour Day 29 April–3 May, 4–5 May (8–9), Saturday 6 May a
        # make-up day (10), 8–12 May (11–15), 15–19 May (16–20): due Friday 19 May.
        self.assertEqual(task.publicity_due_on, D(2023, 5, 19))
        self.assertEqual(task.publicity_rule.code, "inspection.result_publicity")  # type: ignore[union-attr]
        event = AuditEvent.objects.get(verb="inspection.result_import")
        self.assertEqual(
            (event.from_status, event.to_status, event.data["late"]), (T.ASSIGNED, T.PUBLISHED, False)
        )
        self.assertEqual(self.client.get("/inspections/results/").context["rows"][0]["id"], task.pk)

    def test_an_unpublished_result_stays_recorded_and_bad_dates_are_refused(self) -> None:
        plan, _made = self.imported()
        first, second = plan.tasks.order_by("sequence")
        refused: dict[str, dict[str, Any]] = {
            "不能早于抽取日期": {"ended_on": D(2023, 4, 9)},
            "公示日期不能早于检查结束日期": {"published_on": D(2023, 4, 19)},
            "晚于今天": {"published_on": D(2026, 5, 1)},
            "请填写问题描述": {"result": R.PROBLEMS_FOUND},
        }
        for expected, changes in refused.items():
            options: dict[str, Any] = {
                "result": R.NO_PROBLEM,
                "ended_on": D(2023, 4, 20),
                "published_on": None,
            }
            options |= changes
            with self.subTest(expected), self.assertRaisesMessage(DomainError, expected):
                history.import_result(first, actor=self.reviewer, **options)
        history.import_result(
            second,
            actor=self.reviewer,
            result=R.PROBLEMS_FOUND,
            ended_on=D(2023, 4, 20),
            published_on=None,
            description="台账不全",
        )
        second.refresh_from_db()
        self.assertEqual((second.status, second.published_on), (T.RECORDED, None))
        with self.assertRaises(PermissionDenied):
            history.import_result(
                first, actor=self.officer, result=R.NO_PROBLEM, ended_on=D(2023, 4, 20), published_on=None
            )
