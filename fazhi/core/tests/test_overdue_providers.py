"""Every system with deadlines puts what is late on the leadership's overview (core.overdue):
each provider with hand-built records and a fixed "today" (no clock involved), a pending due
date (none stored yet) never overdue, a record done in time never listed."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from fazhi.complaints.models import Complaint
from fazhi.complaints.overdue import overdue_complaints
from fazhi.core.overdue import OverdueItem, by_division, overdue_items
from fazhi.core.testing import BaseTestCase
from fazhi.decisions.models import MajorDecision
from fazhi.decisions.overdue import overdue_decisions
from fazhi.disputes.models import Litigation, Reconsideration
from fazhi.disputes.overdue import overdue_disputes
from fazhi.documents.models import Filing, NormativeDocument
from fazhi.documents.overdue import overdue_documents
from fazhi.inspections.models import InspectionTask
from fazhi.inspections.overdue import overdue_tasks as overdue_inspection_tasks
from fazhi.legal_publicity.models import ResponsibilityItem
from fazhi.legal_publicity.overdue import overdue_responsibilities
from fazhi.legislation.models import LegislativeProject
from fazhi.legislation.overdue import overdue_projects
from fazhi.reports.models import AnnualReport, ContributionTask, ReportSection
from fazhi.reports.overdue import overdue_contributions
from fazhi.reviews.models import ReviewRequest
from fazhi.reviews.overdue import overdue_reviews
from fazhi.services.models import Commitment, ServiceMatter
from fazhi.services.overdue import overdue_commitments

D = datetime.date
TODAY = D(2024, 6, 14)
LATE = D(2024, 6, 3)
AHEAD = D(2024, 6, 20)


class ProviderTestCase(BaseTestCase):
    def titles(self, items: Any) -> list[str]:
        return [item.title for item in items]

    def assert_one(self, items: Any, *, words: str, due: D, division: Any) -> OverdueItem:
        items = list(items)
        self.assertEqual(len(items), 1, self.titles(items))
        item = items[0]
        self.assertIn(words, item.title)
        self.assertEqual(item.due_on, due)
        self.assertEqual(item.division_id, division.pk if division else None)
        self.assertEqual(item.division_name, division.name if division else "")
        self.assertTrue(item.url.startswith("/work/"), item.url)
        return item


class ReviewTests(ProviderTestCase):
    def review(self, title: str, status: str, due: D | None) -> ReviewRequest:
        return ReviewRequest.objects.create(
            title=title,
            subject_kind=ReviewRequest.SubjectKind.OTHER,
            division=self.sci_division,
            status=status,
            due_on=due,
            created_by=self.drafter,
        )

    def test_a_review_past_its_limit_is_the_legal_affairs_divisions(self) -> None:
        self.review("逾期审核", ReviewRequest.Status.UNDER_REVIEW, LATE)
        self.review("未到期", ReviewRequest.Status.UNDER_REVIEW, AHEAD)
        self.review("期限待定", ReviewRequest.Status.UNDER_REVIEW, None)
        self.review("已出具意见", ReviewRequest.Status.CONCLUDED, LATE)
        self.assert_one(
            overdue_reviews(self.bureau, TODAY), words="逾期审核", due=LATE, division=self.legal_division
        )


class DocumentTests(ProviderTestCase):
    def document(self, title: str, **fields: Any) -> NormativeDocument:
        return NormativeDocument.objects.create(
            title=title, agency=self.bureau, division=self.sci_division, created_by=self.drafter, **fields
        )

    def test_a_published_document_not_sent_for_filing_in_time_and_a_closed_window(self) -> None:
        S = NormativeDocument.Status
        self.document("逾期未备案", status=S.PUBLISHED, published_on=D(2024, 4, 1))
        self.document("刚公布", status=S.PUBLISHED, published_on=D(2024, 6, 10))
        filed = self.document("已报送", status=S.PUBLISHED, published_on=D(2024, 4, 1))
        Filing.objects.create(
            document=filed,
            authority=self.justice_bureau,
            submitted_on=D(2024, 4, 20),
            submitted_by=self.reviewer,
        )
        self.document("征求意见已截止", status=S.SOLICITING, comment_closes_on=LATE)
        self.document("征求意见中", status=S.SOLICITING, comment_closes_on=AHEAD)
        items = list(overdue_documents(self.bureau, TODAY))
        self.assertEqual(len(items), 2, self.titles(items))
        filing, window = sorted(items, key=lambda i: i.due_on)
        self.assertIn("逾期未备案", filing.title)
        self.assertIn("备案", filing.kind)
        # 30 days after publication by the seeded rule book: in May, well before today.
        self.assertTrue(D(2024, 5, 1) <= filing.due_on < TODAY)
        self.assertIn("征求意见已截止", window.title)
        self.assertEqual(window.due_on, LATE)
        self.assertEqual({filing.division_id, window.division_id}, {self.sci_division.pk})


class DecisionTests(ProviderTestCase):
    def test_a_published_decision_not_archived_in_time(self) -> None:
        base = {
            "agency": self.bureau,
            "year": 2023,
            "lead_division": self.sci_division,
            "proposed_by": self.drafter,
        }
        MajorDecision.objects.create(
            title="逾期未归档", published_on=D(2024, 1, 2), archive_due_on=LATE, **base
        )
        MajorDecision.objects.create(
            title="已归档", published_on=D(2024, 1, 2), archive_due_on=LATE, archived_on=LATE, **base
        )
        MajorDecision.objects.create(title="归档期限待定", published_on=D(2024, 1, 2), **base)
        MajorDecision.objects.create(
            title="尚未到期", published_on=D(2024, 1, 2), archive_due_on=AHEAD, **base
        )
        self.assert_one(
            overdue_decisions(self.bureau, TODAY), words="逾期未归档", due=LATE, division=self.sci_division
        )


class DisputeTests(ProviderTestCase):
    def test_a_late_reply_a_late_correction_report_and_a_late_defence(self) -> None:
        base = {"division": self.other_division, "created_by": self.reviewer}
        Reconsideration.objects.create(
            applicant="甲公司", received_on=D(2024, 5, 1), reply_due_on=LATE, **base
        )
        Reconsideration.objects.create(
            applicant="乙公司", received_on=D(2024, 5, 1), reply_due_on=LATE, replied_on=LATE, **base
        )
        Reconsideration.objects.create(
            applicant="丙公司",
            received_on=D(2024, 3, 1),
            reply_due_on=D(2024, 3, 11),
            replied_on=D(2024, 3, 8),
            correction_due_on=LATE,
            **base,
        )
        Reconsideration.objects.create(applicant="丁公司", received_on=D(2024, 6, 10), **base)
        Litigation.objects.create(
            plaintiff="戊公司",
            court="和平区人民法院",
            complaint_received_on=D(2024, 5, 1),
            defence_due_on=LATE,
            **base,
        )
        Litigation.objects.create(
            plaintiff="己公司",
            court="和平区人民法院",
            complaint_received_on=D(2024, 6, 1),
            defence_due_on=AHEAD,
            **base,
        )
        items = list(overdue_disputes(self.bureau, TODAY))
        self.assertEqual(
            sorted(i.title for i in items),
            sorted(
                [
                    "超过行政复议答复期限：甲公司申请行政复议（2024-05-01）",
                    "超过行政复议意见书整改报告期限：丙公司申请行政复议（2024-03-01）",
                    "超过行政诉讼答辩期限：戊公司诉本局（一审，和平区人民法院）",
                ]
            ),
        )
        self.assertTrue(all(i.due_on == LATE and i.division_id == self.other_division.pk for i in items))
        self.assertTrue(all(i.open_permission == "disputes.view_reconsideration" for i in items))


class ServiceTests(ProviderTestCase):
    def test_a_commitment_not_verified_in_time(self) -> None:
        matter = ServiceMatter.objects.create(
            code="120000-XK-001",
            name="技术合同登记",
            kind=ServiceMatter.Kind.GOVERNMENT,
            division=self.sci_division,
            basis="《技术合同认定登记管理办法》",
        )
        base = {
            "matter": matter,
            "applicant_code": "91120000MA05000000",
            "signed_on": D(2024, 3, 1),
            "created_by": self.drafter,
        }
        Commitment.objects.create(applicant="甲公司", verification_due_on=LATE, **base)
        Commitment.objects.create(applicant="乙公司", verification_due_on=AHEAD, **base)
        Commitment.objects.create(
            applicant="丙公司",
            verification_due_on=LATE,
            verified_on=LATE,
            status=Commitment.Status.VERIFIED,
            **base,
        )
        self.assert_one(
            overdue_commitments(self.bureau, TODAY), words="甲公司", due=LATE, division=self.sci_division
        )


class ComplaintTests(ProviderTestCase):
    def complaint(self, subject: str, **fields: Any) -> Complaint:
        return Complaint.objects.create(
            kind=Complaint.Kind.COMPLAINT,
            channel=Complaint.Channel.LETTER,
            subject=subject,
            received_on=D(2024, 5, 1),
            receipt_digest=subject.encode().hex()[:64],
            **fields,
        )

    def test_a_late_acceptance_decision_and_a_late_reply(self) -> None:
        S = Complaint.Status
        self.complaint("待决定超期", status=S.REGISTERED, registered_on=D(2024, 5, 2), decision_due_on=LATE)
        self.complaint("待答复超期", status=S.ACCEPTED, division=self.other_division, reply_due_on=LATE)
        self.complaint("待答复未到期", status=S.ACCEPTED, division=self.other_division, reply_due_on=AHEAD)
        self.complaint("已答复", status=S.ANSWERED, division=self.other_division, reply_due_on=LATE)
        items = {i.division_id: i for i in overdue_complaints(self.bureau, TODAY)}
        self.assertEqual(set(items), {self.legal_division.pk, self.other_division.pk})
        self.assertIn("待决定超期", items[self.legal_division.pk].title)
        self.assertIn("待答复超期", items[self.other_division.pk].title)


class LegislationTests(ProviderTestCase):
    def test_a_draft_whose_comment_window_closed_and_that_did_not_move_on(self) -> None:
        base = {
            "law_kind": LegislativeProject.LawKind.GOVERNMENT_RULE,
            "change": LegislativeProject.Change.NEW,
            "plan_year": 2024,
            "plan_kind": LegislativeProject.PlanKind.FORMAL,
            "part": LegislativeProject.Part.LEAD,
            "division": self.sci_division,
            "created_by": self.reviewer,
        }
        G = LegislativeProject.Stage
        LegislativeProject.objects.create(
            title="征求意见已截止", stage=G.PUBLIC_COMMENT, comment_closes_on=LATE, **base
        )
        LegislativeProject.objects.create(
            title="征求意见中", stage=G.PUBLIC_COMMENT, comment_closes_on=AHEAD, **base
        )
        LegislativeProject.objects.create(
            title="已报送审查", stage=G.LEGALITY_REVIEW, comment_closes_on=LATE, **base
        )
        self.assert_one(
            overdue_projects(self.bureau, TODAY), words="征求意见已截止", due=LATE, division=self.sci_division
        )


class ReportTests(ProviderTestCase):
    def test_a_contribution_not_sent_by_its_due_date(self) -> None:
        report = AnnualReport.objects.create(
            agency=self.bureau, year=2023, title="2023年法治政府建设年度报告", created_by=self.reviewer
        )
        section = ReportSection.objects.create(report=report, part="measures", heading="推进依法行政")
        ContributionTask.objects.create(
            report=report, section=section, division=self.sci_division, due_on=LATE
        )
        ContributionTask.objects.create(
            report=report, section=section, division=self.other_division, due_on=AHEAD
        )
        ContributionTask.objects.create(
            report=report,
            section=section,
            division=self.legal_division,
            due_on=LATE,
            submitted_at=timezone.now(),
            submitted_by=self.reviewer,
        )
        self.assert_one(
            overdue_contributions(self.bureau, TODAY),
            words="推进依法行政",
            due=LATE,
            division=self.sci_division,
        )


class PublicityTests(ProviderTestCase):
    def test_a_responsibility_item_not_done_by_its_due_date(self) -> None:
        base = {
            "year": 2024,
            "audience": "科研人员",
            "standard": "全年不少于两次",
            "created_by": self.reviewer,
        }
        ResponsibilityItem.objects.create(
            division=self.sci_division, content="科学技术进步法", due_on=LATE, **base
        )
        ResponsibilityItem.objects.create(
            division=self.sci_division, content="促进科技成果转化法", due_on=AHEAD, **base
        )
        ResponsibilityItem.objects.create(
            division=self.other_division, content="科研诚信", due_on=LATE, done_on=D(2024, 6, 1), **base
        )
        self.assert_one(
            overdue_responsibilities(self.bureau, TODAY),
            words="科学技术进步法",
            due=LATE,
            division=self.sci_division,
        )


class InspectionTests(ProviderTestCase):
    def test_a_result_not_published_by_its_publicity_date(self) -> None:
        from fazhi.inspections.tests.factories import draft_plan, make_entities, make_item

        planner = self.reviewer
        item = make_item(planner)
        entities = make_entities(3)
        plan = draft_plan(planner, item)
        T = InspectionTask.Status
        InspectionTask.objects.create(
            plan=plan,
            entity=entities[0],
            stratum="全部",
            sequence=1,
            status=T.RECORDED,
            publicity_due_on=LATE,
        )
        InspectionTask.objects.create(
            plan=plan,
            entity=entities[1],
            stratum="全部",
            sequence=2,
            status=T.RECORDED,
            publicity_due_on=AHEAD,
        )
        InspectionTask.objects.create(
            plan=plan,
            entity=entities[2],
            stratum="全部",
            sequence=3,
            status=T.PUBLISHED,
            publicity_due_on=LATE,
        )
        found = self.assert_one(
            overdue_inspection_tasks(self.bureau, TODAY),
            words=entities[0].name,
            due=LATE,
            division=self.legal_division,
        )
        self.assertEqual(found.open_permission, "inspections.manage_plan")


class OverviewTests(ProviderTestCase):
    def test_every_system_is_registered_and_grouped_by_division(self) -> None:
        ReviewRequest.objects.create(
            title="逾期审核",
            subject_kind=ReviewRequest.SubjectKind.OTHER,
            division=self.sci_division,
            status=ReviewRequest.Status.UNDER_REVIEW,
            due_on=LATE,
            created_by=self.drafter,
        )
        ResponsibilityItem.objects.create(
            year=2024,
            audience="科研人员",
            standard="两次",
            created_by=self.reviewer,
            division=self.sci_division,
            content="科学技术进步法",
            due_on=LATE,
        )
        items = overdue_items(self.bureau, TODAY)
        groups = {g.name: len(g.items) for g in by_division(items)}
        self.assertEqual(groups, {"政策法规处": 1, "基础研究处": 1})
        self.assertEqual(overdue_items(self.bureau, LATE), [])
        # Another agency's records are not this agency's.
        other = type(self.bureau).objects.create(name="天津市教育委员会", code="tjjw", kind="agency")
        self.assertEqual(overdue_items(other, TODAY), [])
