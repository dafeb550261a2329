"""Attachments: upload with a size limit, a type allow-list and a check of the content
(core.content_checks), the SHA-256 written into the
audit event, and access only for those who may see the record the file belongs to.

A model that takes attachments registers who may see and who may attach:

    register_attachable(CalendarYear, can_view=..., can_attach=...)
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction

from fazhi.core.agencies import agency_id_of
from fazhi.core.audit import record_event
from fazhi.core.content_checks import content_problem
from fazhi.core.models import Attachment, Organization, User
from fazhi.core.models.attachments import attachment_path
from fazhi.core.workflow import DomainError


class AttachmentRejected(DomainError):
    status_code = 422


# Extension → (media type, accepted leading bytes). Office Open XML and OFD files are zip
# containers; legacy Office files are OLE2 compound documents.
ZIP = (b"PK\x03\x04",)
OLE2 = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)
ALLOWED_TYPES: dict[str, tuple[str, tuple[bytes, ...] | None]] = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".ofd": ("application/ofd", ZIP),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ZIP),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ZIP),
    ".doc": ("application/msword", OLE2),
    ".xls": ("application/vnd.ms-excel", OLE2),
    ".wps": ("application/vnd.ms-works", OLE2),
    ".zip": ("application/zip", ZIP),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".txt": ("text/plain", None),
}


@dataclass(frozen=True)
class Attachable:
    can_view: Callable[[Any, Any], bool]
    can_attach: Callable[[Any, Any], bool]


_registry: dict[str, Attachable] = {}


def register_attachable(
    model: type[models.Model], *, can_view: Callable[[Any, Any], bool], can_attach: Callable[[Any, Any], bool]
) -> None:
    _registry[model._meta.label_lower] = Attachable(can_view, can_attach)


def _rules_for(subject: models.Model) -> Attachable | None:
    return _registry.get(subject._meta.label_lower)


def subject_agency_id(subject: models.Model) -> int | None:
    """The agency a record belongs to, when it has its own `agency` (issue 12: every top-level
    record does); None for a record without one (a child reaches it through its parent, and
    its app's rule decides)."""
    try:
        subject._meta.get_field("agency")
    except FieldDoesNotExist:
        return None
    return getattr(subject, "agency_id", None)


def within_reach(user: Any, subject: models.Model) -> bool:
    """The wall between departments, before any app's rule: a record with an agency is reached
    only by the people of that agency, and by a justice bureau's people as far as the app's
    rule lets them (the filings addressed to their bureau). Another department's attachment is
    therefore not found, whatever an app's rule says."""
    target = subject_agency_id(subject)
    if target is None:
        return True
    own = agency_id_of(user)
    if own is None:
        # An external advisor, without an agency: the app's rule (assignment) decides.
        return True
    if own == target:
        return True
    organization = getattr(user, "organization", None)
    return organization is not None and organization.kind == Organization.Kind.JUSTICE_BUREAU


def can_view_attachment(user: Any, attachment: Attachment) -> bool:
    subject = attachment.subject
    if subject is None:
        return False
    rules = _rules_for(subject)
    return bool(rules and within_reach(user, subject) and rules.can_view(user, subject))


def can_attach_to(user: Any, subject: models.Model) -> bool:
    rules = _rules_for(subject)
    return bool(rules and within_reach(user, subject) and rules.can_attach(user, subject))


def _check_content(name: str, head: bytes, size: int) -> str:
    suffix = PurePath(name).suffix.lower()
    allowed = ALLOWED_TYPES.get(suffix)
    if allowed is None:
        kinds = "、".join(sorted(ALLOWED_TYPES))
        raise AttachmentRejected(f"不接受 {suffix or '无扩展名'} 类型的文件；允许的类型：{kinds}")
    media_type, magics = allowed
    if size == 0:
        raise AttachmentRejected("文件为空")
    if size > settings.FAZHI_MAX_UPLOAD_BYTES:
        limit = settings.FAZHI_MAX_UPLOAD_BYTES / 1024 / 1024
        raise AttachmentRejected(f"文件大小 {size / 1024 / 1024:.1f} MB 超过上限 {limit:g} MB")
    if magics is None:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as exc:
            # A multi-byte character may be cut at the end of the sniffed block.
            if exc.start < len(head) - 3:
                raise AttachmentRejected("文本文件须为 UTF-8 编码") from exc
    elif not any(head.startswith(m) for m in magics):
        raise AttachmentRejected(f"文件内容与扩展名 {suffix} 不符")
    return media_type


def attach_file(subject: models.Model, upload: UploadedFile, *, actor: User, purpose: str = "") -> Attachment:
    """Store `upload` as an attachment of `subject` and audit it with its SHA-256."""
    if not can_attach_to(actor, subject):
        raise PermissionDenied
    name = PurePath(upload.name or "file").name[:255]
    size = upload.size or 0
    upload.seek(0)
    head = upload.read(2048)
    media_type = _check_content(name, head, size)
    # Beyond the first bytes: script or files inside a PDF, zip bombs and programs inside zip
    # containers (issue 15).
    problem = content_problem(upload, suffix=PurePath(name).suffix.lower())
    if problem:
        raise AttachmentRejected(problem)
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    sha256 = digest.hexdigest()
    upload.seek(0)
    with transaction.atomic():
        attachment = Attachment(
            content_type=ContentType.objects.get_for_model(subject),
            object_id=str(subject.pk),
            purpose=purpose[:60],
            original_name=name,
            media_type=media_type,
            size=size,
            sha256=sha256,
            uploaded_by=actor,
        )
        # Files are stored under their hash: the same bytes uploaded twice are kept once, and a
        # rolled-back upload leaves only bytes that a later upload of the same file reuses.
        stored_name = attachment_path(attachment, name)
        if attachment.file.storage.exists(stored_name):
            attachment.file.name = stored_name
        else:
            attachment.file.save(name, upload, save=False)
        attachment.save()
        record_event(
            "attachment.upload",
            actor=actor,
            obj=subject,
            data={
                "attachment_id": attachment.pk,
                "name": name,
                "size": size,
                "sha256": sha256,
                "media_type": media_type,
                "purpose": attachment.purpose,
            },
        )
    return attachment


def attachments_of(subject: models.Model) -> models.QuerySet[Attachment]:
    return Attachment.objects.filter(
        content_type=ContentType.objects.get_for_model(subject), object_id=str(subject.pk)
    ).select_related("uploaded_by")
