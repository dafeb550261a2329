"""The archive package of a decision (全过程记录与归档, 713号 Art 33): a zip with every record
as JSON and every attached file, and a manifest listing each with its SHA-256 and, for each
file, the audit event that recorded the same hash when it was uploaded."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.forms.models import model_to_dict
from django.utils import timezone

from fazhi.core.attachments import attachments_of
from fazhi.core.audit import record_event
from fazhi.core.models import AuditEvent, User
from fazhi.core.workflow import DomainError, InvalidTransition, require
from fazhi.decisions import permissions
from fazhi.decisions.models import MajorDecision
from fazhi.reviews.models import ReviewRequest

MANIFEST = "manifest.json"


def _json(data: Any) -> bytes:
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, sort_keys=True, indent=2).encode(
        "utf-8"
    )


def _plain(obj: models.Model) -> dict[str, Any]:
    """A row as JSON-ready data; many-to-many values as lists of ids."""
    data = model_to_dict(obj)
    for key, value in data.items():
        if isinstance(value, list):
            data[key] = sorted(v.pk if isinstance(v, models.Model) else v for v in value)
    return {"id": obj.pk, **data}


def _rows(queryset: models.QuerySet[Any]) -> list[dict[str, Any]]:
    return [_plain(obj) for obj in queryset]


def _reviews(decision: MajorDecision) -> models.QuerySet[ReviewRequest]:
    return ReviewRequest.objects.filter(
        subject_type=ContentType.objects.get_for_model(MajorDecision), subject_id=str(decision.pk)
    )


def build_package(decision: MajorDecision) -> tuple[bytes, dict[str, Any]]:
    """The zip and its manifest. Refused when a stored file no longer matches the hash the
    audit chain recorded at upload."""
    reviews = list(_reviews(decision))
    consultation = getattr(decision, "consultation", None)
    records: dict[str, Any] = {
        "records/decision.json": _plain(decision),
        "records/catalog_entries.json": _rows(decision.entries.all()),
        "records/consultation.json": {"id": consultation.pk, **model_to_dict(consultation)}
        if consultation
        else None,
        "records/comments.json": _rows(consultation.comments.all()) if consultation else [],
        "records/hearings.json": _rows(decision.hearings.all()),
        "records/expert_opinions.json": _rows(decision.expert_opinions.all()),
        "records/risk_assessments.json": _rows(decision.risk_assessments.all()),
        "records/legality_reviews.json": [
            {**_plain(r), "opinions": _rows(r.opinions.all())} for r in reviews
        ],
        "records/execution_reports.json": _rows(decision.execution_reports.all()),
        "records/post_evaluations.json": _rows(decision.evaluations.all()),
        "records/adjustments.json": _rows(decision.adjustments.all()),
    }
    subjects: list[models.Model] = [decision, *reviews]
    labels = [(s._meta.label_lower, str(s.pk)) for s in subjects]
    events = list(
        AuditEvent.objects.filter(
            models.Q(*[models.Q(object_type=t, object_id=i) for t, i in labels], _connector=models.Q.OR)
        ).order_by("seq")
    )
    uploads = {e.data.get("sha256"): e.seq for e in events if e.verb == "attachment.upload"}
    out = io.BytesIO()
    manifest: dict[str, Any] = {
        "decision_id": decision.pk,
        "title": decision.title,
        "generated_at": timezone.now().isoformat(),
        "records": [],
        "files": [],
        "audit_events": [
            {"seq": e.seq, "hash": e.hash, "verb": e.verb, "at": e.at.isoformat()} for e in events
        ],
    }
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for path, data in records.items():
            body = _json(data)
            zf.writestr(path, body)
            manifest["records"].append(
                {"path": path, "sha256": hashlib.sha256(body).hexdigest(), "size": len(body)}
            )
        for subject in subjects:
            for attachment in attachments_of(subject):
                with attachment.file.open("rb") as fh:
                    body = fh.read()
                digest = hashlib.sha256(body).hexdigest()
                if digest != attachment.sha256 or digest not in uploads:
                    raise DomainError(f"附件“{attachment.original_name}”与上传时记录的哈希不符，不能归档")
                path = f"files/{attachment.pk}-{attachment.original_name}"
                zf.writestr(path, body)
                manifest["files"].append(
                    {
                        "path": path,
                        "sha256": digest,
                        "size": len(body),
                        "purpose": attachment.purpose,
                        "audit_seq": uploads[digest],
                    }
                )
        zf.writestr(MANIFEST, _json(manifest))
    return out.getvalue(), manifest


def archive_decision(decision: MajorDecision, *, actor: User) -> bytes:
    """Hand the package over to the archive; the package's own hash goes into the audit chain."""
    require(permissions.can_run(actor, decision))
    if decision.stage != MajorDecision.Stage.PUBLISHED:
        raise InvalidTransition("决策公布后方可归档")
    package, manifest = build_package(decision)
    digest = hashlib.sha256(package).hexdigest()
    today = timezone.localdate()
    with transaction.atomic():
        MajorDecision.objects.filter(pk=decision.pk).update(archived_on=today, archive_sha256=digest)
        record_event(
            "decision.archive",
            actor=actor,
            obj=decision,
            data={
                "sha256": digest,
                "files": len(manifest["files"]),
                "records": len(manifest["records"]),
                "due_on": decision.archive_due_on.isoformat() if decision.archive_due_on else None,
                "on_time": bool(decision.archive_due_on and today <= decision.archive_due_on),
            },
        )
    decision.archived_on, decision.archive_sha256 = today, digest
    return package
