"""Normative-document demo data: the bureau's history since 2016 entered from the archive
(amended, repealed, expired and declared-invalid documents among them), the five documents of
2021 — every one filed on time — and drafts of the current year made through the actions."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from fazhi.core.calendar import CalendarNotCovered
from fazhi.core.models import User
from fazhi.documents import actions
from fazhi.documents.excel import ImportRow, import_rows
from fazhi.documents.models import NormativeDocument
from fazhi.reviews import actions as review_actions
from fazhi.reviews.models import ReviewRequest

D = datetime.date.fromisoformat

# number, title, published, effective, expires, status, status date, filed on, filing result
HISTORY: list[tuple[str, str, str, str, str | None, str, str | None, str, str]] = [
    (
        "津科规〔2016〕1号",
        "天津市科技计划项目管理暂行办法",
        "2016-03-15",
        "2016-04-15",
        "2018-04-15",
        "失效",
        None,
        "2016-04-08",
        "予以备案",
    ),
    (
        "津科规〔2016〕2号",
        "天津市科技项目验收管理办法",
        "2016-06-20",
        "2016-07-01",
        "2021-07-01",
        "废止",
        "2019-01-10",
        "2016-07-12",
        "予以备案",
    ),
    (
        "津科规〔2017〕1号",
        "天津市科学技术奖励办法实施细则",
        "2017-05-10",
        "2017-06-01",
        "2022-06-01",
        "已修改",
        "2019-09-02",
        "2017-05-31",
        "予以备案",
    ),
    (
        "津科规〔2018〕1号",
        "天津市众创空间认定管理办法",
        "2018-03-01",
        "2018-03-01",
        "2023-03-01",
        "宣布失效",
        "2020-12-30",
        "2018-03-20",
        "予以备案",
    ),
    (
        "津科规〔2019〕1号",
        "天津市科技项目验收规范",
        "2019-01-10",
        "2019-02-01",
        "2024-02-01",
        "失效",
        None,
        "2019-02-25",
        "予以备案",
    ),
    (
        "津科规〔2019〕2号",
        "关于修改《天津市科学技术奖励办法实施细则》的决定",
        "2019-09-02",
        "2019-09-02",
        "2024-09-02",
        "失效",
        None,
        "2019-09-20",
        "予以备案",
    ),
    (
        "津科规〔2020〕1号",
        "天津市科技企业孵化器管理办法",
        "2020-07-01",
        "2020-08-01",
        "2025-08-01",
        "失效",
        None,
        "2020-07-28",
        "予以备案",
    ),
    (
        "津科规〔2020〕2号",
        "天津市技术转移机构管理暂行办法",
        "2020-11-16",
        "2020-12-01",
        "2022-12-01",
        "失效",
        None,
        "2020-12-10",
        "予以备案",
    ),
    # 2021: five documents, each legality-reviewed, deliberated, numbered, published and filed on time.
    (
        "津科规〔2021〕1号",
        "天津市科技计划项目管理办法",
        "2021-03-01",
        "2021-04-01",
        "2026-04-01",
        "现行有效",
        None,
        "2021-03-18",
        "予以备案",
    ),
    (
        "津科规〔2021〕2号",
        "天津市科技创新券管理办法",
        "2021-05-14",
        "2021-06-15",
        "2026-06-15",
        "现行有效",
        None,
        "2021-06-04",
        "予以备案",
    ),
    (
        "津科规〔2021〕3号",
        "天津市新型研发机构认定管理办法",
        "2021-08-20",
        "2021-09-20",
        "2026-09-20",
        "现行有效",
        None,
        "2021-09-10",
        "予以备案",
    ),
    (
        "津科规〔2021〕4号",
        "天津市实验动物许可证管理办法",
        "2021-10-29",
        "2021-12-01",
        "2026-12-01",
        "现行有效",
        None,
        "2021-11-19",
        "予以备案",
    ),
    (
        "津科规〔2021〕5号",
        "天津市人类遗传资源管理工作规程",
        "2021-12-10",
        "2022-01-10",
        "2027-01-10",
        "现行有效",
        None,
        "2021-12-28",
        "予以备案",
    ),
    (
        "津科规〔2022〕1号",
        "天津市科技型企业评价办法",
        "2022-04-18",
        "2022-05-18",
        "2027-05-18",
        "现行有效",
        None,
        "2022-05-09",
        "予以备案",
    ),
    (
        "津科规〔2023〕1号",
        "天津市重大科技专项管理办法",
        "2023-06-05",
        "2023-07-01",
        "2028-07-01",
        "现行有效",
        None,
        "2023-06-26",
        "予以备案",
    ),
    (
        "津科规〔2023〕2号",
        "天津市科技成果评价试行办法",
        "2023-09-12",
        "2023-10-12",
        "2025-10-12",
        "失效",
        None,
        "2023-10-08",
        "予以备案",
    ),
    (
        "津科规〔2024〕1号",
        "天津市科研诚信管理办法",
        "2024-03-20",
        "2024-04-20",
        "2029-04-20",
        "现行有效",
        None,
        "2024-04-12",
        "予以备案",
    ),
    (
        "津科规〔2025〕1号",
        "天津市科技创新平台管理办法",
        "2025-02-28",
        "2025-04-01",
        "2030-04-01",
        "现行有效",
        None,
        "2025-03-21",
        "予以备案",
    ),
]


def _body(title: str) -> str:
    subject = title.removeprefix("天津市").removesuffix("办法").removesuffix("细则").removesuffix("规范")
    return (
        f"第一条 为了规范{subject}工作，根据《中华人民共和国科学技术进步法》等有关法律、法规，结合本市实际，制定本办法。\n"
        f"第二条 本市行政区域内{subject}相关活动，适用本办法。\n"
        "第三条 市科学技术局负责本办法的组织实施，各区科技主管部门按照职责做好相关工作。\n"
        "第四条 有关单位应当建立健全内部管理制度，依法履行备案、报告义务，接受监督检查。\n"
        "第五条 违反本办法规定的，由市科学技术局责令改正；依法应当给予行政处罚的，依照有关法律、法规处理。\n"
        "第六条 本办法自施行之日起生效，有效期五年。"
    )


def load_history(reviewer: User) -> int:
    if NormativeDocument.objects.filter(is_legacy=True).exists():
        return 0
    rows = [
        ImportRow(
            line=i,
            number=n,
            title=t,
            published_on=D(p),
            effective_on=D(e),
            expires_on=D(x) if x else None,
            status=s,
            status_on=D(sd) if sd else None,
            filed_on=D(f),
            filing_result=r,
            body=_body(t),
        )
        for i, (n, t, p, e, x, s, sd, f, r) in enumerate(HISTORY, start=2)
    ]
    return import_rows(rows, actor=reviewer, filename="历年规范性文件登记簿.xlsx")


def load_drafts(staff: User) -> list[str]:
    """Documents of the current year in progress, through the actions at today's date."""
    notes: list[str] = []
    if NormativeDocument.objects.filter(is_legacy=False).exists():
        return notes
    actions.create_document(
        actor=staff,
        title="天津市基础研究项目管理办法（修订）",
        text=_body("天津市基础研究项目管理办法"),
        summary="修订基础研究项目立项、评审和验收程序。",
    )
    soliciting = actions.create_document(
        actor=staff,
        title="天津市科技创新券管理办法（修订征求意见稿）",
        text=_body("天津市科技创新券管理办法"),
        summary="调整创新券兑付标准，明确服务机构备案要求。",
        concerns_market_actors=True,
    )
    today = timezone.localdate()
    try:
        actions.open_solicitation(soliciting, actor=staff, closes_on=today + datetime.timedelta(days=31))
        actions.add_comment(
            soliciting, text="建议将服务机构备案改为告知承诺制，减少企业负担。", author_name="某科技服务企业"
        )
        actions.add_comment(soliciting, text="兑付周期建议缩短至30个工作日以内。", author_name="市民")
    except CalendarNotCovered as exc:  # a gate that needs this year's own calendar, if it is missing
        notes.append(f"征求意见未能开始：{exc}")
    return notes


def link_reviews(reviewer: User) -> None:
    """Each 2021 document to its legality review from the reviews archive (concluded before it
    was published): the review and the document point at each other."""
    for document in NormativeDocument.objects.filter(is_legacy=True, published_on__year=2021):
        review = (
            ReviewRequest.objects.concluded_in(2021)
            .filter(
                subject_kind=ReviewRequest.SubjectKind.NORMATIVE_DOCUMENT, title=document.title, subject_id=""
            )
            .first()
        )
        if review is not None:
            review_actions.link_archived_review(review, document, actor=reviewer)


@contextmanager
def _business_day(day: datetime.date) -> Iterator[None]:
    """Take a demo step of the past weeks with its business date (the day the actions read as
    today); the audit chain records it at the real time. Demo loading only."""
    original = timezone.localdate

    def localdate(value: Any = None, timezone: Any = None) -> datetime.date:
        return day if value is None else original(value, timezone)

    timezone.localdate = localdate  # type: ignore[assignment]
    try:
        yield
    finally:
        timezone.localdate = original  # type: ignore[assignment]


IN_PROGRESS = [
    # title, how far it has gone
    ("天津市科技成果转化项目管理办法", "under_review"),
    ("天津市科学技术普及工作管理办法", "reviewed"),
    ("天津市科技企业孵化器管理办法（修订）", "filed"),
]


def load_in_progress(staff: User, reviewer: User) -> None:
    """Whatever the day, one document in legality review, one awaiting collective deliberation
    and one issued, published and awaiting the Justice Bureau's filing decision (so the `filing`
    user has work): their earlier steps are taken on the business dates of the past weeks."""
    if NormativeDocument.objects.filter(is_legacy=False, title__in=[t for t, _s in IN_PROGRESS]).exists():
        return
    from fazhi.reviews import actions as review_actions
    from fazhi.reviews.models import LegalCounsel, ReviewRequest

    today = timezone.localdate()
    start = today - datetime.timedelta(days=80)
    opened, submitted = start, start + datetime.timedelta(days=36)
    concluded, published_on = start + datetime.timedelta(days=60), start + datetime.timedelta(days=64)
    for title, stage in IN_PROGRESS:
        with _business_day(opened):
            document = actions.create_document(
                actor=staff, title=title, text=_body(title), summary="按年度立法工作计划起草。"
            )
            actions.open_solicitation(document, actor=staff, closes_on=opened + datetime.timedelta(days=35))
        with _business_day(submitted):
            review = actions.submit_for_review(
                document,
                actor=staff,
                legal_basis="《中华人民共和国科学技术进步法》",
                explanation="起草说明：征求意见期间未收到意见。",
            )
            if stage == "under_review":
                continue
            review_actions.accept_review(review, actor=reviewer)
            counsel = [c for c in LegalCounsel.objects.order_by("pk") if c.is_engaged_on(submitted)][:1]
            review_actions.assign_review(review, actor=reviewer, reviewers=[reviewer], counsel=counsel)
        with _business_day(concluded):
            review_actions.conclude_review(
                ReviewRequest.objects.get(pk=review.pk), actor=reviewer, conclusion="lawful"
            )
        if stage == "reviewed":
            continue
        document.refresh_from_db()
        with _business_day(published_on):
            actions.record_deliberation(
                document,
                actor=reviewer,
                meeting_name="局长办公会",
                meeting_on=published_on,
                outcome="passed",
                minutes=SimpleUploadedFile(
                    "局长办公会纪要.pdf", b"%PDF-1.4\n% minutes\n%%EOF\n", content_type="application/pdf"
                ),
            )
            actions.issue_document(document, actor=reviewer, signed_by="陈局长")
            actions.publish_document(
                document,
                actor=reviewer,
                published_on=published_on,
                effective_on=published_on + datetime.timedelta(days=30),
                channel="天津市科学技术局网站",
            )
        document.refresh_from_db()
        actions.file_document(document, actor=reviewer, explanation="起草说明、合法性审核意见和集体审议纪要")


@transaction.atomic
def load_documents() -> list[str]:
    reviewer = User.objects.get(username="reviewer")
    if load_history(reviewer):
        link_reviews(reviewer)
    notes = load_drafts(User.objects.get(username="staff"))
    load_in_progress(User.objects.get(username="staff"), reviewer)
    # What the daily scheduled command does: record 失效 for every document past its expiry.
    actions.expire_documents()
    return notes
