"""The demo's 2021 against the seed report (市科技局 2021年法治政府建设情况报告): every figure the
report states that the platform records is counted from the demo's records, with the apps' own
statistics functions where they have them. The annual-report issue reads the same figures.

What the report states and the platform does not record (the three local regulations amended,
the 447 staff passing the law exam, the awards of the 七五 publicity, the third-party evaluation)
is left to the apps that will record it.
"""

from __future__ import annotations

import datetime

from django.test import TestCase

from fazhi.decisions.models import DecisionCatalog, MajorDecision
from fazhi.demo.data import load_demo
from fazhi.disputes.stats import dispute_figures
from fazhi.documents.models import NormativeDocument
from fazhi.documents.stats import filing_stats
from fazhi.enforcement.stats import year_figures
from fazhi.inspections.models import InspectionTask
from fazhi.ledger.stats import ledger_figures
from fazhi.legal_publicity.models import Activity
from fazhi.legal_publicity.stats import publicity_figures
from fazhi.reviews.models import ReviewRequest
from fazhi.reviews.stats import review_stats
from fazhi.services.stats import service_figures

D = datetime.date
YEAR = 2021
K = ReviewRequest.SubjectKind


def sixty_odd(n: int) -> bool:
    """“60余”: sixty and some (DOMAIN.md §12: 60 ≤ n < 70)."""
    return 60 <= n < 70


def nearly_two_hundred(n: int) -> bool:
    """“近200”: just under two hundred."""
    return 180 <= n < 200


class Seed2021Tests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        load_demo()

    def test_the_decision_catalog_holds_five_matters_approved_by_the_party_committee_and_published(
        self,
    ) -> None:
        """“将编制科技创新‘十四五’规划等5个事项纳入局机关2021年度重大行政决策事项目录，经局党委会审议
        通过后，及时向社会公布。”"""
        catalog = DecisionCatalog.objects.get(year=YEAR)
        self.assertEqual(catalog.status, DecisionCatalog.Status.PUBLISHED)
        self.assertIn("局党委会", catalog.approval_meeting)
        self.assertEqual(catalog.entries.count(), 5)
        titles = set(MajorDecision.objects.filter(year=YEAR).values_list("title", flat=True))
        self.assertEqual(len(titles), 5)
        self.assertIn("天津市科技创新“十四五”规划", titles)
        # “落实全过程记录和档案管理、执行跟踪、决策后评估等制度”.
        for decision in MajorDecision.objects.filter(year=YEAR):
            self.assertEqual(decision.stage, MajorDecision.Stage.PUBLISHED, decision.title)
            self.assertIsNotNone(decision.archived_on, decision.title)

    def test_counsel_gave_nearly_two_hundred_opinions_on_sixty_odd_matters_of_the_named_subjects(
        self,
    ) -> None:
        """“全年吸收法律顾问和公职律师对60余个事项提出的近200条法审意见” — on normative documents,
        major decisions, contracts and other matters; none on a major penalty, as 2021 had none
        (“我局未发生重大行政处罚”)."""
        stats = review_stats(YEAR)
        self.assertTrue(sixty_odd(stats["matters"]), stats["matters"])
        self.assertTrue(nearly_two_hundred(stats["opinions"]), stats["opinions"])
        kinds = {row["kind"] for row in stats["by_kind"] if row["matters"]}
        self.assertEqual(kinds, {K.NORMATIVE_DOCUMENT, K.MAJOR_DECISION, K.CONTRACT, K.OTHER})
        concluded = ReviewRequest.objects.concluded_in(YEAR)
        self.assertFalse(concluded.filter(subject_kind=K.MAJOR_ENFORCEMENT).exists())
        self.assertFalse(concluded.filter(title__contains="行政处罚").exists())
        # Legal advisors and public lawyers were heard on every matter.
        self.assertFalse(concluded.filter(counsel__isnull=True).exists())
        # The five catalogued decisions were reviewed (Art 25).
        decisions = set(MajorDecision.objects.filter(year=YEAR).values_list("title", flat=True))
        self.assertEqual(
            set(concluded.filter(subject_kind=K.MAJOR_DECISION).values_list("title", flat=True)), decisions
        )

    def test_five_normative_documents_were_issued_reviewed_first_and_all_filed(self) -> None:
        """“经合法性审核后提请局长办公会集体审议……2021年度，我局共出台5个规范性文件，全部按规定程序
        向市司法局备案，报备率100%。”"""
        stats = filing_stats(YEAR)
        self.assertEqual((stats.issued, stats.filed), (5, 5))
        self.assertEqual(stats.filing_rate, 1)  # 报备率 100%
        documents = NormativeDocument.objects.filter(published_on__year=YEAR)
        self.assertEqual(
            sorted(documents.values_list("number", flat=True)), [f"津科规〔2021〕{n}号" for n in range(1, 6)]
        )
        reviews = ReviewRequest.objects.concluded_in(YEAR).filter(subject_kind=K.NORMATIVE_DOCUMENT)
        concluded = dict(reviews.values_list("title", "concluded_on"))
        self.assertEqual(set(concluded), set(documents.values_list("title", flat=True)))
        for document in documents:
            assert document.published_on is not None
            self.assertLess(concluded[document.title], document.published_on, document.title)
            review = reviews.get(title=document.title)
            self.assertEqual(review.subject_id, str(document.pk), document.title)

    def test_thirty_eight_units_were_inspected_in_both_duties_with_experts_and_no_violation(self) -> None:
        """“围绕实验动物管理和人类遗传资源管理两项行政执法职责，组织行政执法人员和相关专家深入……等38家
        单位进行‘双随机、一公开’现场检查，未发现违规违法行为。相关执法检查信息……按程序向社会公开。”"""
        tasks = InspectionTask.objects.filter(plan__year=YEAR)
        self.assertEqual(tasks.values("entity").distinct().count(), 38)
        self.assertEqual(
            set(tasks.values_list("plan__item__domain", flat=True)),
            {"lab_animals", "human_genetic_resources"},
        )
        self.assertEqual(set(tasks.values_list("result", flat=True)), {InspectionTask.Result.NO_PROBLEM})
        self.assertEqual(set(tasks.values_list("status", flat=True)), {"published"})
        self.assertFalse(tasks.filter(experts__isnull=True).exists())

    def test_no_major_penalty_no_transfer_no_reconsideration_and_no_lawsuit(self) -> None:
        """“我局未发生重大行政处罚、行政复议和执法投诉等案件，未发生……需移交司法机关的行政执法刑事案件。
        ……2021年度，我局无新发生行政诉讼和行政复议案件。……组织机关干部旁听庭审”; “积极主动做好矛盾纠纷
        排查”."""
        enforcement = year_figures(YEAR, today=D(YEAR, 12, 31))
        self.assertEqual((enforcement.major, enforcement.transferred), (0, 0))
        disputes = dispute_figures(YEAR)
        self.assertEqual((disputes.reconsiderations, disputes.litigations), (0, 0))
        self.assertGreater(disputes.observations, 0)
        self.assertGreater(disputes.observers, 0)
        self.assertGreater(disputes.screenings, 0)

    def test_the_leading_group_is_the_principal_leader_three_deputies_and_eighteen_divisions(self) -> None:
        """“局党政主要负责人担任组长，3 位局领导担任副组长，局机关 18 个处室主要负责同志担任办公室成员”."""
        figures = ledger_figures(YEAR, today=D(YEAR, 12, 31))
        self.assertEqual(
            (figures.group_head, figures.group_deputies, figures.group_members), ("陈局长", 3, 18)
        )

    def test_the_publicity_plan_was_drafted_not_adopted_and_the_activities_the_report_names_were_held(
        self,
    ) -> None:
        """“研究编制科技系统‘八五’普法规划” (2021) and, for 2022, “科学编制科技系统‘八五’普法规划，并
        积极推动实施”; “在‘天津科技’官网开设‘习近平法治思想’专栏……编印习近平法治思想、民法典宣传折页，
        结合科技创新政策宣讲、科普宣传……开展多层次普法宣传”; “推进以案释法”."""
        figures = publicity_figures(YEAR)
        self.assertEqual(figures.plan, "")
        self.assertEqual(figures.plan_drafting, "科技系统“八五”普法规划（2021—2025年）")
        self.assertEqual(publicity_figures(2022).plan, "科技系统“八五”普法规划（2021—2025年）")
        held = Activity.objects.filter(held_on__year=YEAR)
        self.assertTrue(held.filter(kind="web", title__contains="习近平法治思想").exists())
        self.assertTrue(held.filter(kind="materials", title__contains="民法典").exists())
        self.assertTrue(held.filter(kind="lecture").exists())
        self.assertGreater(figures.cases_explained, 0)
        self.assertGreater(figures.public, 0)

    def test_five_matters_approved_on_commitment_have_supervision_rules_and_powers_were_delegated(
        self,
    ) -> None:
        """“制定了5个承诺审批事项的事中事后监管细则”; “落实向滨海新区和功能区下放市级权力”."""
        figures = service_figures(YEAR, today=D(YEAR, 12, 31))
        self.assertEqual((figures.commitment_matters, figures.with_supervision_rules), (5, 5))
        self.assertGreater(figures.delegated_powers, 0)
