"""Generating the enforcement instruments (执法文书) of a case: each generated .docx is a written
record of its step in the full-process record (执法全过程记录, a CaseRecord), attached with its
SHA-256 (core.attachments.attach_file) and audited (`enforcement.instrument`).

Who: the case's officers and whoever filed it (permissions.can_handle). When: only once the step
exists — no notice before the party was told, no hearing notice before a hearing was scheduled,
no decision or service receipt before the decision — and while the case is open (a closed file
takes no more records). The builders are in instrument_docx.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fazhi.core.attachments import attach_file
from fazhi.core.audit import record_event
from fazhi.core.models import Attachment, User
from fazhi.core.workflow import DomainError, LegalGateClosed, require
from fazhi.enforcement import permissions
from fazhi.enforcement.instrument_docx import BUILDERS, DECISION, HEARING, NOTICE, RECEIPT, decision_title
from fazhi.enforcement.models import CaseRecord, EnforcementCase

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PENALTY_ONLY = "行政处罚事先告知书、行政处罚决定书适用于行政处罚案件"


@dataclass(frozen=True)
class Instrument:
    kind: str
    title: str  # the instrument's name, also the attachment's purpose (how it is found again)
    name: Any  # the instrument's name on the page (translated)
    label: Any  # the button's label (translated)
    step: str  # the step of the full-process record it belongs to


INSTRUMENTS = {
    NOTICE: Instrument(
        NOTICE,
        "行政处罚事先告知书",
        _("行政处罚事先告知书"),
        _("生成行政处罚事先告知书"),
        CaseRecord.Step.NOTICE,
    ),
    HEARING: Instrument(HEARING, "听证通知书", _("听证通知书"), _("生成听证通知书"), CaseRecord.Step.HEARING),
    DECISION: Instrument(
        DECISION, "行政处罚决定书", _("行政处罚决定书"), _("生成行政处罚决定书"), CaseRecord.Step.DECISION
    ),
    RECEIPT: Instrument(RECEIPT, "送达回证", _("送达回证"), _("生成送达回证"), CaseRecord.Step.SERVICE),
}


def refusal(case: EnforcementCase, kind: str) -> str | None:
    """Why the instrument cannot be generated now (None: it can), with the rule in Chinese."""
    if kind not in INSTRUMENTS:
        return "文书种类不正确"
    if not case.is_open:
        return "案件已结案或已移送，全过程记录不再增加；已生成的文书可以下载"
    penalty = case.category == EnforcementCase.Category.PENALTY
    if kind == NOTICE:
        if not case.notified_on:
            return "尚未告知当事人：告知后方可生成行政处罚事先告知书（《行政处罚法》第四十四条）"
        if not penalty:
            return PENALTY_ONLY
    if kind == HEARING and not (case.hearing_on and case.hearing_notified_on):
        return "尚未安排听证：安排听证后方可生成听证通知书（《行政处罚法》第六十四条）"
    if kind in (DECISION, RECEIPT):
        if not (case.decided_on and case.decision_number):
            return "尚未作出决定：作出决定后方可生成决定书和送达回证"
        if kind == DECISION and not penalty:
            return PENALTY_ONLY
    return None


def available(case: EnforcementCase) -> list[Instrument]:
    return [i for kind, i in INSTRUMENTS.items() if refusal(case, kind) is None]


def title_of(case: EnforcementCase, kind: str) -> str:
    return decision_title(case) if kind == DECISION else INSTRUMENTS[kind].title


def filename(case: EnforcementCase, kind: str) -> str:
    return f"{title_of(case, kind)}-{case.code}.docx"


def generated(case: EnforcementCase) -> dict[str, Attachment]:
    """The latest generated document of each kind, by kind."""
    by_purpose = {i.title: kind for kind, i in INSTRUMENTS.items()}
    by_purpose["不予行政处罚决定书"] = DECISION
    latest: dict[str, Attachment] = {}
    records = [str(pk) for pk in case.records.values_list("pk", flat=True)]
    if not records:
        return latest
    found = (
        Attachment.objects.filter(
            content_type__app_label="enforcement",
            content_type__model="caserecord",
            object_id__in=records,
            purpose__in=list(by_purpose),
        )
        .select_related("uploaded_by")
        .order_by("uploaded_at", "pk")
    )
    for attachment in found:
        latest[by_purpose[attachment.purpose]] = attachment
    return latest


def generate(case: EnforcementCase, *, actor: User, kind: str) -> Attachment:
    """Generate the instrument, add it to the full-process record with its SHA-256, audit it."""
    require(permissions.can_handle(actor, case))
    if kind not in INSTRUMENTS:
        raise DomainError("文书种类不正确")
    problem = refusal(case, kind)
    if problem:
        raise LegalGateClosed(problem)
    instrument = INSTRUMENTS[kind]
    title = title_of(case, kind)
    content = BUILDERS[kind](case)
    upload = SimpleUploadedFile(filename(case, kind), content, content_type=DOCX)
    with transaction.atomic():
        record = CaseRecord.objects.create(
            case=case,
            step=instrument.step,
            kind=CaseRecord.Kind.TEXT,
            title=title,
            note="系统按案件信息生成的执法文书",
            recorded_on=timezone.localdate(),
            recorded_by=actor,
        )
        attachment = attach_file(record, upload, actor=actor, purpose=title)
        record_event(
            "enforcement.instrument",
            actor=actor,
            obj=case,
            data={
                "kind": kind,
                "title": title,
                "record_id": record.pk,
                "attachment_id": attachment.pk,
                "sha256": attachment.sha256,
                "decision_number": case.decision_number if kind in (DECISION, RECEIPT) else "",
            },
        )
    return attachment
