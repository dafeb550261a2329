"""The second department of the city demo (issue 12): 天津市教育委员会 (市教委), with a small but
complete year 2026 of its own, made through the actions by its own people:

- three normative documents drafted by 基础教育处 and put out for comment, reviewed by the
  commission's own 政策法规处, deliberated at its 主任办公会, numbered 津教规〔2026〕1–3号,
  published and filed with 天津市司法局 — the first one decided 予以备案, the other two awaiting
  the Justice Bureau's decision;
- a contract reviewed by its 政策法规处 (an opinion, 修改后合法, the opinion adopted);
- its catalog of major administrative decisions of 2026, approved at its 党组会 and published.

Every step is taken on a fixed business date of 2026 (the day the actions read as today). Like
the enforcement demo, run on an earlier day the loader enters only what is complete by then, so
the demo loads on any date; loading again adds nothing."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from fazhi.core.agencies import wording
from fazhi.core.attachments import attach_file
from fazhi.core.models import Organization, User
from fazhi.decisions import actions as decision_actions
from fazhi.decisions.models import DecisionCatalog
from fazhi.demo.constants import COMMISSION
from fazhi.demo.documents import _business_day
from fazhi.documents import actions as document_actions
from fazhi.documents.models import Filing, NormativeDocument
from fazhi.reviews import actions as review_actions
from fazhi.reviews.counsel import save_counsel
from fazhi.reviews.models import LegalCounsel, ReviewOpinion, ReviewRequest

D = datetime.date
YEAR = 2026
BASIS = "《中华人民共和国教育法》《中华人民共和国义务教育法》《天津市中小学校管理条例》"
CHANNEL = "天津市教育委员会网站"
COUNSEL = {
    "kind": LegalCounsel.Kind.PUBLIC_LAWYER,
    "name": "唐公正",
    "firm": "天津市教育委员会政策法规处",
    "certificate_number": "31201202000000021",
    "term_start": D(2024, 1, 1),
    "fields": "教育法、行政法",
}


@dataclass(frozen=True)
class Document:
    title: str
    summary: str
    opened: datetime.date  # drafted and put out for comment (35 days)
    submitted: datetime.date  # sent for legality review, accepted and assigned that day
    concluded: datetime.date  # the review's conclusion: 合法
    published: datetime.date  # deliberated, numbered, signed and published; in force 30 days later
    filed: datetime.date  # submitted to the Justice Bureau
    decided: datetime.date | None = None  # 予以备案; None: awaiting the Justice Bureau

    @property
    def last_day(self) -> datetime.date:
        return self.decided or self.filed


DOCUMENTS = [
    Document(
        "天津市中小学校课后服务管理办法",
        "规范中小学校课后服务的内容、时间、收费和安全管理。",
        opened=D(2026, 1, 6),
        submitted=D(2026, 2, 11),
        concluded=D(2026, 3, 4),
        published=D(2026, 3, 10),
        filed=D(2026, 3, 17),
        decided=D(2026, 4, 14),
    ),
    Document(
        "天津市民办学校办学行为管理办法",
        "明确民办学校招生、收费、教学和信息公开的要求。",
        opened=D(2026, 3, 2),
        submitted=D(2026, 4, 8),
        concluded=D(2026, 4, 29),
        published=D(2026, 5, 12),
        filed=D(2026, 5, 19),
    ),
    Document(
        "天津市学校食品安全管理办法",
        "落实学校食品安全校长负责制和陪餐制度。",
        opened=D(2026, 5, 11),
        submitted=D(2026, 6, 16),
        concluded=D(2026, 7, 7),
        published=D(2026, 7, 14),
        filed=D(2026, 7, 21),
    ),
]

CONTRACT = "与天津师范大学共建教师发展中心合作协议"
CONTRACT_DAYS = (D(2026, 3, 16), D(2026, 3, 30), D(2026, 3, 31))  # submitted, concluded, answered

# title, reason, planned start, planned end
DECISIONS = [
    (
        "天津市基础教育扩优提质三年行动方案（2026—2028年）",
        "涉及全市中小学校布局调整和学位供给，与群众切身利益密切相关。",
        D(2026, 3, 1),
        D(2026, 12, 31),
    ),
    (
        "天津市义务教育学校招生入学实施办法（修订）",
        "涉及适龄儿童少年入学资格和划片招生，社会关注度高。",
        D(2026, 2, 1),
        D(2026, 6, 30),
    ),
]
CATALOG_DAYS = (D(2026, 1, 12), D(2026, 1, 20), D(2026, 1, 22))  # proposed and compiled, approved, published


def _body(title: str) -> str:
    subject = title.removeprefix("天津市").removesuffix("办法")
    return (
        f"第一条 为了规范{subject}工作，根据《中华人民共和国教育法》等有关法律、法规，结合本市实际，制定本办法。\n"
        f"第二条 本市行政区域内{subject}相关活动，适用本办法。\n"
        "第三条 市教育行政部门负责本办法的组织实施，各区教育行政部门按照职责做好相关工作。\n"
        "第四条 学校应当建立健全内部管理制度，依法履行报告义务，接受监督检查。\n"
        "第五条 本办法自施行之日起生效，有效期五年。"
    )


def _pdf(name: str, text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, f"%PDF-1.4\n% {text}\n%%EOF\n".encode(), content_type="application/pdf")


@dataclass(frozen=True)
class People:
    commission: Organization
    staff: User
    reviewer: User
    director: User
    filing: User
    counsel: LegalCounsel


def _people(commission: Organization) -> People:
    reviewer = User.objects.get(username="jw_reviewer")
    counsel = LegalCounsel.objects.filter(certificate_number=COUNSEL["certificate_number"]).first()
    if counsel is None:
        counsel = save_counsel(None, actor=reviewer, **COUNSEL)
    return People(
        commission=commission,
        staff=User.objects.get(username="jw_staff"),
        reviewer=reviewer,
        director=User.objects.get(username="jw_director"),
        filing=User.objects.get(username="filing"),
        counsel=counsel,
    )


def _document(spec: Document, people: People) -> None:
    """One document from the draft to the Justice Bureau, each step on its own business date."""
    staff, reviewer = people.staff, people.reviewer
    words = wording(people.commission)
    with _business_day(spec.opened):
        document = document_actions.create_document(
            actor=staff, title=spec.title, text=_body(spec.title), summary=spec.summary
        )
        document_actions.open_solicitation(
            document, actor=staff, closes_on=spec.opened + datetime.timedelta(days=35)
        )
    with _business_day(spec.submitted):
        review = document_actions.submit_for_review(
            document,
            actor=staff,
            legal_basis=BASIS,
            explanation="起草说明：按年度规范性文件制定计划起草，征求意见期间未收到意见。",
        )
        review_actions.accept_review(review, actor=reviewer)
        review_actions.assign_review(review, actor=reviewer, reviewers=[reviewer], counsel=[people.counsel])
    with _business_day(spec.concluded):
        review_actions.conclude_review(
            ReviewRequest.objects.get(pk=review.pk),
            actor=reviewer,
            conclusion="lawful",
            text="经审核，合法。",
        )
    document.refresh_from_db()
    with _business_day(spec.published):
        document_actions.record_deliberation(
            document,
            actor=reviewer,
            meeting_name=words.office_meeting,
            meeting_on=spec.published,
            outcome="passed",
            minutes=_pdf(f"{words.office_meeting}纪要.pdf", f"{spec.title} minutes"),
        )
        document_actions.issue_document(document, actor=reviewer, signed_by=people.director.display_name)
        document_actions.publish_document(
            document,
            actor=reviewer,
            published_on=spec.published,
            effective_on=spec.published + datetime.timedelta(days=30),
            channel=CHANNEL,
        )
    document.refresh_from_db()
    with _business_day(spec.filed):
        filing = document_actions.file_document(
            document,
            actor=reviewer,
            explanation=f"起草说明、合法性审核意见和{words.office_meeting}纪要",
        )
    if spec.decided is not None:
        with _business_day(spec.decided):
            document_actions.decide_filing(
                Filing.objects.get(pk=filing.pk), actor=people.filing, decision="filed"
            )


def _contract_review(people: People) -> None:
    """A contract reviewed by the commission's 政策法规处: an opinion, 修改后合法, adopted."""
    staff, reviewer = people.staff, people.reviewer
    submitted, concluded, answered = CONTRACT_DAYS
    with _business_day(submitted):
        review = review_actions.create_review(
            actor=staff,
            title=CONTRACT,
            subject_kind=ReviewRequest.SubjectKind.CONTRACT,
            legal_basis="《中华人民共和国民法典》合同编",
            explanation="双方共建教师发展中心，约定经费、场地和成果归属，已在处内讨论。",
        )
        attach_file(
            review,
            SimpleUploadedFile("送审稿.txt", f"{CONTRACT}（送审稿）\n第一条 ……".encode()),
            actor=staff,
            purpose="送审稿",
        )
        review_actions.submit_review(review, actor=staff)
        review_actions.accept_review(review, actor=reviewer)
        review_actions.assign_review(review, actor=reviewer, reviewers=[reviewer], counsel=[people.counsel])
        opinion = review_actions.add_opinion(
            review,
            actor=reviewer,
            text="第七条违约责任约定不明确，应当补充违约情形和责任承担方式",
            kind="must_change",
            legal_basis="《中华人民共和国民法典》第五百七十七条",
        )
    with _business_day(concluded):
        review_actions.conclude_review(
            ReviewRequest.objects.get(pk=review.pk),
            actor=reviewer,
            conclusion="lawful_with_changes",
            text="按意见修改后合法",
        )
    with _business_day(answered):
        review_actions.answer_opinion(
            ReviewOpinion.objects.get(pk=opinion.pk), actor=staff, response="adopted"
        )


def _catalog(people: People) -> None:
    """The commission's catalog of 2026: proposed by 基础教育处, compiled by 政策法规处, approved
    at the 党组会 and published; its matters then start drafting."""
    proposed, approved, published = CATALOG_DAYS
    words = wording(people.commission)
    with _business_day(proposed):
        decisions = [
            decision_actions.propose_decision(
                actor=people.staff,
                year=YEAR,
                title=title,
                legal_basis=BASIS,
                reason=reason,
                planned_start=start,
                planned_end=end,
            )
            for title, reason, start, end in DECISIONS
        ]
        catalog = decision_actions.create_catalog(actor=people.reviewer, agency=people.commission, year=YEAR)
        for decision in decisions:
            decision_actions.add_to_catalog(catalog, decision, actor=people.reviewer)
    with _business_day(approved):
        decision_actions.approve_catalog(
            catalog,
            actor=people.reviewer,
            meeting=f"{words.party_meeting}（{YEAR}年第1次）",
            approved_on=approved,
        )
    with _business_day(published):
        decision_actions.publish_catalog(DecisionCatalog.objects.get(pk=catalog.pk), actor=people.reviewer)


@transaction.atomic
def load_commission() -> list[str]:
    commission = Organization.objects.get(name=COMMISSION[0], parent=None)
    today = timezone.localdate()
    people = _people(commission)
    if (
        CATALOG_DAYS[-1] <= today
        and not DecisionCatalog.objects.filter(agency=commission, year=YEAR).exists()
    ):
        _catalog(people)
    for spec in DOCUMENTS:
        if (
            spec.last_day <= today
            and not NormativeDocument.objects.filter(agency=commission, title=spec.title).exists()
        ):
            _document(spec, people)
    if (
        CONTRACT_DAYS[-1] <= today
        and not ReviewRequest.objects.filter(title=CONTRACT, division__parent=commission).exists()
    ):
        _contract_review(people)
    return []
