"""The records of an archived matter, as the archive gives them."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.files.uploadedfile import UploadedFile

from fazhi.core.models import Organization
from fazhi.decisions.actions import Statement
from fazhi.decisions.models import DecisionExpert
from fazhi.reviews.models import ReviewRequest

# --- the records of an archived matter ------------------------------------------------------


@dataclass(frozen=True)
class ArchivedComment:
    text: str
    submitted_on: datetime.date
    adoption: str
    answer: str = ""
    author_name: str = ""
    # The position (0-based) of an earlier comment in the same list that this one repeats.
    duplicate_of: int | None = None


@dataclass(frozen=True)
class ArchivedConsultation:
    opens_on: datetime.date
    closes_on: datetime.date
    report: str
    report_published_on: datetime.date
    short_reason: str = ""
    comments: Sequence[ArchivedComment] = ()


@dataclass(frozen=True)
class ArchivedHearing:
    held_on: datetime.date
    place: str
    notice_published_on: datetime.date
    participants: str
    record: str = ""
    # The day the materials reached the participants (713号 Art 16 ¶3); the notice's day if the
    # archive gives none (the materials are published with the notice).
    materials_delivered_on: datetime.date | None = None


@dataclass(frozen=True)
class ArchivedExpertOpinion:
    expert: DecisionExpert
    signed_on: datetime.date
    opinion: str = ""
    signed_copy: UploadedFile | None = None
    # An expert who declared a direct interest was excluded and gave no opinion (713号 Art 20).
    declared_interest: bool = False
    interest_note: str = ""


@dataclass(frozen=True)
class ArchivedRiskAssessment:
    assessor: str
    level: str
    risk_points: str
    mitigations: str
    assessed_on: datetime.date
    report: UploadedFile
    revised_draft: bool = False


@dataclass(frozen=True)
class ArchivedMeeting:
    name: str
    held_on: datetime.date
    attendees: str
    statements: Sequence[Statement]
    decision_text: str
    minutes: UploadedFile
    dissent: str = ""


@dataclass(frozen=True)
class ArchivedDecision:
    """A matter of an archived catalog carried through to publication."""

    lead_division: Organization
    title: str
    legal_basis: str
    reason: str
    draft_text: str
    explanation: str
    review: ReviewRequest
    meeting: ArchivedMeeting
    published_on: datetime.date
    publication_channel: str
    planned_start: datetime.date | None = None
    planned_end: datetime.date | None = None
    waivers: dict[str, str] = field(default_factory=dict)
    consultation: ArchivedConsultation | None = None
    hearings: Sequence[ArchivedHearing] = ()
    expert_opinions: Sequence[ArchivedExpertOpinion] = ()
    risk_assessment: ArchivedRiskAssessment | None = None
