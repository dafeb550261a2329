"""Reach each state of a normative document through the real actions, on fixed dates."""

from __future__ import annotations

import datetime

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.core.models import User
from fazhi.documents import actions
from fazhi.documents.models import NormativeDocument
from fazhi.reviews import actions as review_actions
from fazhi.reviews.models import LegalCounsel

TEXT = "第一条 为规范科技计划项目管理，制定本办法。\n第二条 本办法适用于市级科技计划项目的备案管理。"


def at(day: datetime.date | str) -> time_machine.travel:
    when = day if isinstance(day, str) else day.isoformat()
    return time_machine.travel(f"{when} 10:00 +08:00", tick=False)


def minutes() -> SimpleUploadedFile:
    return SimpleUploadedFile(
        "局长办公会纪要.pdf", b"%PDF-1.4\n% minutes\n%%EOF\n", content_type="application/pdf"
    )


def drafted(
    drafter: User,
    *,
    title: str = "天津市科技计划项目管理办法",
    start: str = "2026-04-01",
    market: bool = False,
    text: str = TEXT,
) -> NormativeDocument:
    with at(start):
        return actions.create_document(actor=drafter, title=title, text=text, concerns_market_actors=market)


def soliciting(drafter: User, **kwargs) -> NormativeDocument:  # type: ignore[no-untyped-def]
    start = datetime.date.fromisoformat(kwargs.get("start", "2026-04-01"))
    document = drafted(drafter, **kwargs)
    with at(start):
        actions.open_solicitation(document, actor=drafter, closes_on=start + datetime.timedelta(days=35))
    return document


def reviewed(drafter: User, reviewer: User, counsel: LegalCounsel, **kwargs) -> NormativeDocument:  # type: ignore[no-untyped-def]
    """Solicited, reviewed and concluded 合法, ready for deliberation (about 7 weeks after `start`)."""
    start = datetime.date.fromisoformat(kwargs.get("start", "2026-04-01"))
    document = soliciting(drafter, **kwargs)
    with at(start + datetime.timedelta(days=36)):
        review = actions.submit_for_review(
            document, actor=drafter, legal_basis="《中华人民共和国科学技术进步法》", explanation="起草说明"
        )
        review_actions.accept_review(review, actor=reviewer)
        review_actions.assign_review(review, actor=reviewer, reviewers=[reviewer], counsel=[counsel])
    with at(start + datetime.timedelta(days=48)):
        review_actions.conclude_review(review, actor=reviewer, conclusion="lawful")
    document.refresh_from_db()
    return document


def published(
    drafter: User,
    reviewer: User,
    counsel: LegalCounsel,
    *,
    on: str | None = None,
    effective_days: int = 0,
    **kwargs,
) -> NormativeDocument:  # type: ignore[no-untyped-def]
    """Deliberated, numbered, issued and published on `on` (default: 50 days after `start`)."""
    start = datetime.date.fromisoformat(kwargs.get("start", "2026-04-01"))
    document = reviewed(drafter, reviewer, counsel, **kwargs)
    day = datetime.date.fromisoformat(on) if on else start + datetime.timedelta(days=50)
    with at(day):
        actions.record_deliberation(
            document,
            actor=reviewer,
            meeting_name="局长办公会",
            meeting_on=day,
            outcome="passed",
            minutes=minutes(),
        )
        actions.issue_document(document, actor=reviewer, signed_by="陈局长")
        actions.publish_document(
            document,
            actor=reviewer,
            published_on=day,
            effective_on=day + datetime.timedelta(days=effective_days),
            channel="天津市科学技术局网站",
        )
    document.refresh_from_db()
    return document
