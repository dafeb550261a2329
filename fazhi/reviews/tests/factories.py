"""Test helpers for legality review: reach each state through the real actions."""

from __future__ import annotations

import datetime

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from fazhi.core.agencies import agencies
from fazhi.core.attachments import attach_file
from fazhi.core.models import Organization, User
from fazhi.reviews import actions
from fazhi.reviews.models import LegalCounsel, ReviewRequest


def make_counsel(
    user: User | None = None,
    *,
    name: str = "赵律师",
    number: str = "11201200510123456",
    start: datetime.date = datetime.date(2025, 1, 1),
    end: datetime.date | None = datetime.date(2027, 12, 31),
    kind: str = LegalCounsel.Kind.LEGAL_ADVISOR,
    agency: Organization | None = None,
) -> LegalCounsel:
    """Counsel engaged by `agency` (by default the bureau of BaseTestCase)."""
    return LegalCounsel.objects.create(
        agency=agency or agencies().get(code="tjkjj"),
        kind=kind,
        name=name,
        firm="天津某律师事务所",
        certificate_number=number,
        term_start=start,
        term_end=end,
        fields="行政法",
        user=user,
    )


def draft_review(
    drafter: User,
    *,
    kind: str = ReviewRequest.SubjectKind.NORMATIVE_DOCUMENT,
    title: str = "天津市科技计划项目管理办法（送审稿）",
    subject=None,
    with_draft: bool = True,
) -> ReviewRequest:
    review = actions.create_review(
        actor=drafter,
        title=title,
        subject_kind=kind,
        legal_basis="《中华人民共和国科学技术进步法》",
        explanation="为规范科技计划项目管理，起草本办法。",
        subject=subject,
    )
    if with_draft:
        attach_file(
            review,
            SimpleUploadedFile("送审稿.txt", "第一条 为了规范……".encode()),
            actor=drafter,
            purpose="送审稿",
        )
    return review


def submitted_review(drafter: User, **kwargs) -> ReviewRequest:  # type: ignore[no-untyped-def]
    review = draft_review(drafter, **kwargs)
    actions.submit_review(review, actor=drafter)
    return review


def accepted_review(
    drafter: User,
    reviewer: User,
    counsel: LegalCounsel | None = None,
    *,  # type: ignore[no-untyped-def]
    days_ago: int = 30,
    **kwargs,
) -> ReviewRequest:
    """A request submitted, accepted and assigned `days_ago` days ago (by default long enough
    for every shortest review period to have run; 0 for today)."""
    with time_machine.travel(timezone.now() - datetime.timedelta(days=days_ago), tick=False):
        review = submitted_review(drafter, **kwargs)
        actions.accept_review(review, actor=reviewer)
        actions.assign_review(
            review, actor=reviewer, reviewers=[reviewer], counsel=[counsel] if counsel else []
        )
    return review
