"""One record of every kind for the bureau of `BaseTestCase`, made directly with the ORM (the
state a record is in does not matter to who may see it), for the two-department isolation
matrix (test_department_isolation.py).

Every record a page can list carries a marker in its title or name (`MARK` and a number), so a
list page of the other department can be searched for any of them. No record is published: a
public page must not show any of them either.
"""

from __future__ import annotations

import datetime
from types import SimpleNamespace
from typing import Any, TypeVar

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Model
from django.utils import timezone

from fazhi.core.agencies import inspection_domains
from fazhi.core.models import Organization

M = TypeVar("M", bound=Model)

MARK = "甲部门记录标记"
DAY = datetime.date(2026, 3, 2)
YEAR = 2026


class Marks:
    """Hands out the markers, one per record: 甲部门记录标记01, 甲部门记录标记02 …"""

    def __init__(self) -> None:
        self.given: dict[str, str] = {}

    def __call__(self, kind: str) -> str:
        mark = f"{MARK}{len(self.given) + 1:02d}"
        self.given[mark] = kind
        return mark


def create(model: type[M], agency: Organization, **fields: Any) -> M:
    """`model.objects.create(**fields)`, with `agency` when the model has that field (issue 12
    adds it app by app)."""
    if "agency" in {f.name for f in model._meta.fields}:
        fields.setdefault("agency", agency)
    return model._default_manager.create(**fields)


def first_choice(model: type[Model], field: str) -> Any:
    return model._meta.get_field(field).choices[0][0]  # type: ignore[index]


def make_bureau_records(case: Any) -> SimpleNamespace:
    """One record of every top-level kind of every app, and the child records the routes name,
    for the bureau of `case` (a BaseTestCase class in setUpTestData). `.marks` maps each marker
    to its kind."""
    mark = Marks()
    r = SimpleNamespace(marks=mark.given)
    bureau: Organization = case.bureau
    r.personnel_division = Organization.objects.create(
        name="人事处", code="rsc", kind="division", parent=bureau
    )
    # The administration pages (issue 12): the bureau itself, a division and a member of it.
    r.department = bureau
    r.member = case.drafter
    _reviews(r, case, mark)
    _documents(r, case, mark)
    _decisions(r, case, mark)
    _inspections(r, case, mark)
    _enforcement(r, case, mark)
    _disputes(r, case, mark)
    _publicity_and_ledger(r, case, mark)
    _services_and_complaints(r, case, mark)
    _reports_legislation_oversight(r, case, mark)
    _learning(r, case, mark)
    return r


def _reviews(r: SimpleNamespace, case: Any, mark: Marks) -> None:
    from fazhi.core.attachments import attach_file
    from fazhi.reviews.models import LegalCounsel, ReviewOpinion, ReviewRequest

    r.counsel = create(
        LegalCounsel,
        case.bureau,
        kind=first_choice(LegalCounsel, "kind"),
        name=mark("法律顾问"),
        firm="天津某律师事务所",
        certificate_number="11201200510999001",
        term_start=datetime.date(2025, 1, 1),
    )
    r.review = create(
        ReviewRequest,
        case.bureau,
        title=mark("合法性审核"),
        subject_kind=ReviewRequest.SubjectKind.NORMATIVE_DOCUMENT,
        division=case.sci_division,
        created_by=case.drafter,
    )
    r.opinion = ReviewOpinion.objects.create(
        review=r.review, number=1, kind=first_choice(ReviewOpinion, "kind"), text="意见", author=case.reviewer
    )
    r.attachment = attach_file(
        r.review, SimpleUploadedFile("送审稿.txt", "第一条".encode()), actor=case.drafter, purpose="送审稿"
    )


def _documents(r: SimpleNamespace, case: Any, mark: Marks) -> None:
    from fazhi.documents.models import CleanupCampaign, Comment, DocumentVersion, Filing, NormativeDocument

    def document(kind: str) -> NormativeDocument:
        return create(
            NormativeDocument,
            case.bureau,
            title=mark(kind),
            division=case.sci_division,
            created_by=case.drafter,
        )

    r.document = document("规范性文件")
    r.version = DocumentVersion.objects.create(
        document=r.document, number=1, text=f"第一条 {r.document.title}", created_by=case.drafter
    )
    r.comment = Comment.objects.create(
        document=r.document, source=first_choice(Comment, "source"), text="建议"
    )
    # Filed with the Justice Bureau: its filing officer sees the filing, nobody of the commission.
    r.filed_document = document("已报备规范性文件")
    r.filing = Filing.objects.create(
        document=r.filed_document,
        authority=case.justice_bureau,
        submitted_on=DAY,
        submitted_by=case.reviewer,
    )
    r.cleanup = create(
        CleanupCampaign,
        case.bureau,
        title=mark("文件清理"),
        reason="清理",
        scope="现行有效的规范性文件",
        created_by=case.reviewer,
    )


def _decisions(r: SimpleNamespace, case: Any, mark: Marks) -> None:
    from fazhi.core.models import DeadlineRule
    from fazhi.decisions.models import (
        Consultation,
        DecisionCatalog,
        DecisionComment,
        DecisionExpert,
        MajorDecision,
    )

    r.decision = create(
        MajorDecision,
        case.bureau,
        year=YEAR,
        title=mark("重大行政决策"),
        lead_division=case.sci_division,
        legal_basis="《中华人民共和国科学技术进步法》",
        reason="理由",
        proposed_by=case.drafter,
    )
    r.catalog = create(DecisionCatalog, case.bureau, year=YEAR, created_by=case.reviewer)
    r.consultation = Consultation.objects.create(
        decision=r.decision,
        draft_text="草案",
        explanation="说明",
        # Not yet open: an open consultation is public, on every department's portal.
        opens_on=datetime.date(2030, 1, 2),
        closes_on=datetime.date(2030, 2, 2),
        rule=DeadlineRule.objects.order_by("pk")[0],
    )
    r.decision_comment = DecisionComment.objects.create(consultation=r.consultation, text="意见")
    r.decision_expert = create(
        DecisionExpert, case.bureau, name=mark("决策专家"), organization="天津大学", field="法学"
    )


def _inspections(r: SimpleNamespace, case: Any, mark: Marks) -> None:
    from fazhi.core.models import Inspector
    from fazhi.inspections.models import (
        Conflict,
        Entity,
        Expert,
        InspectionItem,
        InspectionPlan,
        InspectionTask,
    )
    from fazhi.inspections.tests.factories import uscc

    domain = inspection_domains(case.bureau)[0][0]
    r.item = create(
        InspectionItem,
        case.bureau,
        name=mark("抽查事项"),
        legal_basis="《实验动物管理条例》第五条",
        inspecting_body=case.bureau.name,
        method="现场检查",
        domain=domain,
    )
    r.entity = create(
        Entity,
        case.bureau,
        name=mark("检查对象"),
        uscc=uscc(9901),
        legal_representative="法人",
        address="天津市南开区",
        domain=domain,
    )
    r.inspector = create(
        Inspector,
        case.bureau,
        name=mark("执法检查人员"),
        certificate_number="JZ-9901",
        certificate_expires_on=datetime.date(2030, 1, 1),
    )
    r.expert = create(Expert, case.bureau, code="ZJ-9901", name=mark("抽查专家"), field="实验动物")
    r.conflict = create(
        Conflict, case.bureau, entity=r.entity, inspector=r.inspector, reason="回避", created_by=case.reviewer
    )
    r.plan = create(
        InspectionPlan,
        case.bureau,
        title=mark("抽查计划"),
        year=YEAR,
        item=r.item,
        draw_on=DAY,
        created_by=case.reviewer,
    )
    r.task = InspectionTask.objects.create(plan=r.plan, entity=r.entity, stratum="全部", sequence=1)


def _enforcement(r: SimpleNamespace, case: Any, mark: Marks) -> None:
    from fazhi.enforcement.models import EnforcementCase

    r.case = create(
        EnforcementCase,
        case.bureau,
        title=mark("执法案件"),
        division=case.other_division,
        party_name="天津某公司",
        party_kind=first_choice(EnforcementCase, "party_kind"),
        facts="事实",
        discovered_on=DAY,
        filed_on=DAY,
        filed_by=case.officer,
    )


def _disputes(r: SimpleNamespace, case: Any, mark: Marks) -> None:
    from fazhi.disputes.models import (
        CourtObservation,
        DisputeScreening,
        Litigation,
        Mediation,
        Reconsideration,
    )

    common = {"division": case.legal_division, "created_by": case.reviewer}
    r.reconsideration = create(
        Reconsideration,
        case.bureau,
        applicant=mark("行政复议申请人"),
        challenged_act=mark("行政复议被申请行为"),
        received_on=DAY,
        **common,
    )
    r.litigation = create(
        Litigation,
        case.bureau,
        plaintiff=mark("行政诉讼原告"),
        court="天津市第一中级人民法院",
        challenged_act=mark("行政诉讼被诉行为"),
        complaint_received_on=DAY,
        **common,
    )
    r.mediation = create(
        Mediation,
        case.bureau,
        kind=first_choice(Mediation, "kind"),
        parties=mark("调解当事人"),
        summary=mark("调解事由"),
        requested_on=DAY,
        **common,
    )
    r.observation = create(
        CourtObservation,
        case.bureau,
        held_on=DAY,
        court="天津市和平区人民法院",
        case_name=mark("旁听庭审案件"),
        attendees=5,
        created_by=case.reviewer,
    )
    r.screening = create(
        DisputeScreening, case.bureau, screened_on=DAY, scope=mark("矛盾纠纷排查范围"), **common
    )


def _publicity_and_ledger(r: SimpleNamespace, case: Any, mark: Marks) -> None:
    from fazhi.ledger.models import LeadingGroupMember, LedgerItem, Supervision
    from fazhi.legal_publicity.models import Activity, PublicityPlan, ResponsibilityItem

    r.publicity_plan = create(
        PublicityPlan,
        case.bureau,
        title=mark("普法规划"),
        start_year=2026,
        end_year=2030,
        adopted_on=DAY,
        summary="概要",
        created_by=case.reviewer,
    )
    r.responsibility = create(
        ResponsibilityItem,
        case.bureau,
        year=YEAR,
        division=case.sci_division,
        content=mark("普法责任清单"),
        audience="科技企业",
        standard="标准",
        due_on=datetime.date(2026, 12, 31),
        created_by=case.reviewer,
    )
    r.activity = create(
        Activity,
        case.bureau,
        held_on=DAY,
        division=case.sci_division,
        kind=first_choice(Activity, "kind"),
        audience="科技企业",
        title=mark("普法活动"),
        laws="《中华人民共和国科学技术进步法》",
        created_by=case.reviewer,
    )
    r.group_member = create(
        LeadingGroupMember,
        case.bureau,
        year=YEAR,
        position=LeadingGroupMember.Position.MEMBER,
        name=mark("领导小组成员"),
        organization=case.bureau,
    )
    r.ledger_item = create(
        LedgerItem,
        case.bureau,
        year=YEAR,
        title=mark("法治建设台账任务"),
        division=case.sci_division,
        lead=case.division_head,
        due_on=datetime.date(2026, 12, 31),
        created_by=case.reviewer,
    )
    r.supervision = Supervision.objects.create(
        item=r.ledger_item,
        issued_on=DAY,
        issued_by=case.director,
        instruction="督办",
        respond_by=DAY + datetime.timedelta(days=10),
    )


def _services_and_complaints(r: SimpleNamespace, case: Any, mark: Marks) -> None:
    from fazhi.complaints.models import Complaint
    from fazhi.services.models import Commitment, CreditRecord, DelegatedPower, ServiceMatter

    r.matter = create(
        ServiceMatter,
        case.bureau,
        code="FW-9901",
        name=mark("政务服务事项"),
        kind=first_choice(ServiceMatter, "kind"),
        division=case.sci_division,
        basis="依据",
    )
    r.commitment = Commitment.objects.create(
        matter=r.matter,
        applicant=mark("告知承诺申请人"),
        applicant_code="91120104MA09901XX",
        signed_on=DAY,
        created_by=case.reviewer,
    )
    r.credit = CreditRecord.objects.create(
        applicant=mark("失信申请人"),
        applicant_code="91120104MA09902XX",
        commitment=r.commitment,
        recorded_on=DAY,
    )
    r.power = create(
        DelegatedPower,
        case.bureau,
        name=mark("委托行政职权"),
        recipient=case.other_division,
        document="津科发〔2026〕1号",
        delegated_on=DAY,
        created_by=case.reviewer,
    )
    r.complaint = create(
        Complaint,
        case.bureau,
        receipt_digest="甲" * 8 + "9901",
        kind=first_choice(Complaint, "kind"),
        channel=first_choice(Complaint, "channel"),
        subject=mark("投诉举报"),
        content=mark("投诉举报内容"),
        received_on=DAY,
    )


def _reports_legislation_oversight(r: SimpleNamespace, case: Any, mark: Marks) -> None:
    from fazhi.core.models import Law, LawVersion
    from fazhi.legislation.models import CitationFlag, DraftComment, LegislativeProject
    from fazhi.oversight.models import Finding, Oversight
    from fazhi.reports.models import AnnualReport, ContributionTask, ReportSection

    r.report = create(
        AnnualReport,
        case.bureau,
        year=YEAR,
        title=mark("法治政府建设年度报告"),
        signature=case.bureau.name,
        created_by=case.reviewer,
    )
    r.section = ReportSection.objects.create(
        report=r.report, part=first_choice(ReportSection, "part"), heading=mark("年度报告章节")
    )
    r.contribution = ContributionTask.objects.create(
        report=r.report, section=r.section, division=case.sci_division, due_on=datetime.date(2027, 1, 20)
    )
    r.project = create(
        LegislativeProject,
        case.bureau,
        title=mark("立法项目"),
        law_kind=first_choice(LegislativeProject, "law_kind"),
        change=first_choice(LegislativeProject, "change"),
        plan_year=YEAR,
        plan_kind=first_choice(LegislativeProject, "plan_kind"),
        part=first_choice(LegislativeProject, "part"),
        division=case.sci_division,
        created_by=case.reviewer,
    )
    r.draft_comment = DraftComment.objects.create(
        project=r.project, source=first_choice(DraftComment, "source"), text="意见"
    )
    # A flag on the bureau's document (a law it cites was revised): its drafter's to check.
    law = Law.objects.create(title="天津市科学技术进步条例（隔离测试）", kind=first_choice(Law, "kind"))
    version = LawVersion.objects.create(
        law=law, kind=first_choice(LawVersion, "kind"), adopted_on=DAY, effective_on=DAY
    )
    r.flag = CitationFlag.objects.create(
        version=version,
        subject=CitationFlag.Subject.DOCUMENT,
        subject_key=str(r.document.pk),
        title=mark("引用核对"),
        division=case.sci_division,
        owner=case.drafter,
    )
    r.oversight = create(
        Oversight,
        case.bureau,
        kind=first_choice(Oversight, "kind"),
        year=YEAR,
        title=mark("法治督察"),
        conducted_by="天津市委依法治市办",
        started_on=DAY,
        scope="范围",
        created_by=case.reviewer,
    )
    r.finding = Finding.objects.create(oversight=r.oversight, number=1, text="问题", task=r.ledger_item)


def _learning(r: SimpleNamespace, case: Any, mark: Marks) -> None:
    from fazhi.core.roles import Role
    from fazhi.core.testing import make_user
    from fazhi.learning.models import Attempt, Candidate, Employee, Exam, Promotion, Question, StudySession

    r.personnel = make_user("personnel", org=r.personnel_division, roles=[Role.PERSONNEL], full_name="钱人事")
    r.question = create(
        Question,
        case.bureau,
        code="TK-9901",
        kind=first_choice(Question, "kind"),
        category=first_choice(Question, "category"),
        stem="题干",
        answer="A",
        created_by=r.personnel,
    )
    now = timezone.now()
    r.exam = create(
        Exam,
        case.bureau,
        title=mark("法律知识考试"),
        kind=first_choice(Exam, "kind"),
        year=YEAR,
        opens_at=now - datetime.timedelta(days=1),
        closes_at=now + datetime.timedelta(days=1),
        time_limit_minutes=60,
        pass_mark=60,
        max_attempts=2,
        created_by=r.personnel,
    )
    # The bureau's drafter is a candidate of the exam, with an attempt of their own.
    r.employee = create(
        Employee,
        case.bureau,
        full_name=mark("国家工作人员"),
        unit=case.bureau.name,
        division=case.sci_division,
        user=case.drafter,
    )
    Candidate.objects.create(exam=r.exam, employee=r.employee)
    r.attempt = Attempt.objects.create(
        exam=r.exam, employee=r.employee, number=1, question_ids=[r.question.pk]
    )
    r.promotion = create(
        Promotion,
        case.bureau,
        employee=r.employee,
        post=mark("拟任职务"),
        appointed_on=DAY,
        created_by=r.personnel,
    )
    r.session = create(
        StudySession,
        case.bureau,
        kind=first_choice(StudySession, "kind"),
        held_on=DAY,
        topic=mark("学法活动"),
        attendees="全体干部",
        attendee_count=30,
        created_by=r.personnel,
    )
