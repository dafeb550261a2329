from __future__ import annotations

import datetime

import time_machine
from django.core.exceptions import PermissionDenied

from fazhi.core.models import AuditEvent
from fazhi.core.testing import BaseTestCase
from fazhi.core.workflow import DomainError, LegalGateClosed
from fazhi.legal_publicity import actions
from fazhi.legal_publicity.models import Activity, ResponsibilityItem
from fazhi.legal_publicity.stats import publicity_figures

D = datetime.date


@time_machine.travel("2026-05-20 10:00 +08:00", tick=False)
class LegalPublicityTests(BaseTestCase):
    def responsibility(self, **overrides: object) -> ResponsibilityItem:
        values: dict[str, object] = {
            "actor": self.reviewer,
            "year": 2026,
            "division": self.sci_division,
            "content": "《中华人民共和国科学技术进步法》",
            "audience": "科研人员、科技型企业",
            "standard": "全年开展专题宣讲不少于 2 次",
            "due_on": D(2026, 11, 30),
        }
        values.update(overrides)
        return actions.add_responsibility(**values)  # type: ignore[arg-type]

    def activity(self, **overrides: object) -> Activity:
        values: dict[str, object] = {
            "actor": self.drafter,
            "held_on": D(2026, 5, 18),
            "division": self.sci_division,
            "kind": "lecture",
            "audience": "public",
            "title": "科技进步法进企业",
            "laws": "《中华人民共和国科学技术进步法》",
            "reach": 120,
        }
        values.update(overrides)
        return actions.record_activity(**values)  # type: ignore[arg-type]

    def test_a_plan_drafted_in_one_year_and_adopted_the_next_is_in_force_only_from_adoption(self) -> None:
        """The seed report: 2021 “研究编制科技系统‘八五’普法规划”; its 2022 plan: “科学编制科技系统
        ‘八五’普法规划，并积极推动实施” — drafted in 2021, adopted in 2022."""
        with self.assertRaisesMessage(DomainError, "开始研究编制日期不能晚于印发日期"):
            actions.adopt_plan(
                actor=self.reviewer,
                title="科技系统“八五”普法规划",
                start_year=2021,
                end_year=2025,
                drafting_started_on=D(2022, 7, 1),
                adopted_on=D(2022, 6, 1),
                summary="……",
            )
        actions.adopt_plan(
            actor=self.reviewer,
            title="科技系统“八五”普法规划",
            start_year=2021,
            end_year=2025,
            drafting_started_on=D(2021, 6, 1),
            adopted_on=D(2022, 6, 1),
            summary="学习宣传习近平法治思想……",
        )
        drafted, adopted = publicity_figures(2021), publicity_figures(2022)
        self.assertEqual((drafted.plan, drafted.plan_drafting), ("", "科技系统“八五”普法规划"))
        self.assertEqual((adopted.plan, adopted.plan_drafting), ("科技系统“八五”普法规划", ""))

    def test_the_plan_the_list_and_the_activities_make_the_years_figures(self) -> None:
        actions.adopt_plan(
            actor=self.reviewer,
            title="科技系统“八五”普法规划",
            start_year=2021,
            end_year=2025,
            adopted_on=D(2021, 11, 1),
            summary="学习宣传习近平法治思想……",
        )
        item = self.responsibility()
        with self.assertRaisesMessage(LegalGateClosed, "尚无"):
            actions.complete_responsibility(item, actor=self.drafter, evaluation="已完成")
        self.activity(responsibility=item)
        self.activity(
            kind="case", audience="internal", reach=30, case_used="某公司未取得许可证从事动物实验被处罚案"
        )
        actions.complete_responsibility(item, actor=self.drafter, evaluation="开展宣讲 2 次")
        figures = publicity_figures(2026)
        self.assertEqual(
            (figures.activities, figures.internal, figures.public, figures.reach), (2, 1, 1, 150)
        )
        self.assertEqual((figures.cases_explained, figures.responsibilities_done_in_time), (1, 1))
        self.assertEqual(figures.plan, "")  # the 八五 plan ended in 2025
        self.assertEqual(publicity_figures(2024).plan, "科技系统“八五”普法规划")
        self.assertEqual(AuditEvent.objects.filter(verb="publicity.activity").count(), 2)

    def test_explaining_the_law_through_a_case_names_the_case(self) -> None:
        with self.assertRaisesMessage(DomainError, "所释案例"):
            self.activity(kind="case")

    def test_divisions_record_their_own_and_see_their_own(self) -> None:
        with self.assertRaises(PermissionDenied):
            self.activity(actor=self.outsider)
        mine = self.activity()
        self.assertEqual(list(Activity.objects.visible_to(self.drafter)), [mine])
        self.assertFalse(Activity.objects.visible_to(self.outsider).exists())
        self.assertEqual(list(Activity.objects.visible_to(self.director)), [mine])
        with self.assertRaises(PermissionDenied):
            self.responsibility(actor=self.drafter)

    def test_bad_input_is_refused(self) -> None:
        with self.assertRaisesMessage(DomainError, "不能晚于今天"):
            self.activity(held_on=D(2026, 5, 21))
        with self.assertRaisesMessage(DomainError, "覆盖人次"):
            self.activity(reach=-1)
        with self.assertRaisesMessage(DomainError, "处室不正确"):
            self.responsibility(division=self.bureau)
        other = self.responsibility(division=self.other_division)
        with self.assertRaisesMessage(DomainError, "不属于该处室"):
            self.activity(responsibility=other)

    def test_a_list_item_belongs_to_its_year(self) -> None:
        with self.assertRaisesMessage(DomainError, "2026 年内"):
            self.responsibility(due_on=D(2027, 1, 15))
        item = self.responsibility()
        with self.assertRaisesMessage(DomainError, "活动当年"):
            self.activity(held_on=D(2025, 12, 1), responsibility=item)
