"""The published text is the reviewed text (issue 15). Every version of a draft has a SHA-256;
the legality review names the hash of the version it concerns, and deliberation, signing,
publication and filing each check and record that same hash. A new version after the review
sends the document back to review, with the change as a diff in the review package."""

from __future__ import annotations

import difflib

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from fazhi.core.attachments import attach_file
from fazhi.core.models import User
from fazhi.core.workflow import LegalGateClosed
from fazhi.documents.models import DocumentVersion, NormativeDocument
from fazhi.reviews import actions as review_actions
from fazhi.reviews.models import ReviewRequest, subject_key

# The chain the law sets: the text that passed legality review is the text deliberated, signed,
# published and filed (国办发〔2018〕115号: 未经合法性审核的不得提交集体审议; DOMAIN.md §5).
CHANGED_AFTER_REVIEW = (
    "文本在合法性审核后已修改（审核的文本 SHA-256 为 {reviewed}…，现行文本为 {current}…）："
    "修改后的文本须重新送请合法性审核，未经合法性审核的不得提交集体审议"
)
NOT_THE_ADOPTED_TEXT = (
    "现行文本不是集体审议通过的文本（审议通过的文本 SHA-256 为 {adopted}…）：印发、公布和报备的"
    "只能是经合法性审核、集体审议通过的文本"
)


def last_review(document: NormativeDocument) -> ReviewRequest | None:
    """The latest review of the document, whatever its state."""
    subject_type, subject_id = subject_key(document)
    return (
        ReviewRequest.objects.filter(subject_type=subject_type, subject_id=subject_id)
        .exclude(status=ReviewRequest.Status.WITHDRAWN)
        .order_by("-pk")
        .first()
    )


def latest_version(document: NormativeDocument) -> DocumentVersion:
    version = document.versions.order_by("-number").first()
    if version is None:
        raise LegalGateClosed("文件没有文本")
    return version


def text_file(document: NormativeDocument, version: DocumentVersion) -> SimpleUploadedFile:
    """The version's exact UTF-8 bytes as a file: its SHA-256 is the version's."""
    return SimpleUploadedFile(
        f"{document.title[:60]}（送审稿第{version.number}版）.txt",
        version.text.encode("utf-8"),
        content_type="text/plain",
    )


def unified_diff(old: DocumentVersion, new: DocumentVersion) -> str:
    """The change between two versions, line by line, as `diff -u` shows it."""
    lines = difflib.unified_diff(
        old.text.splitlines(),
        new.text.splitlines(),
        fromfile=f"第{old.number}版 sha256:{old.sha256}",
        tofile=f"第{new.number}版 sha256:{new.sha256}",
        lineterm="",
    )
    return "\n".join(lines) + "\n"


def send_to_review(
    document: NormativeDocument,
    *,
    actor: User,
    version: DocumentVersion,
    legal_basis: str,
    explanation: str,
    changed_from: DocumentVersion | None = None,
) -> ReviewRequest:
    """Create and submit the review of `version`: the request names its hash and holds the text
    (and, after a change, the diff from the reviewed version)."""
    with transaction.atomic():
        review = review_actions.create_review(
            actor=actor,
            title=document.title,
            subject_kind=ReviewRequest.SubjectKind.NORMATIVE_DOCUMENT,
            legal_basis=legal_basis,
            explanation=explanation,
            subject=document,
            text_sha256=version.sha256,
        )
        attach_file(review, text_file(document, version), actor=actor, purpose="送审稿")
        if changed_from is not None:
            diff = SimpleUploadedFile(
                f"{document.title[:60]}（第{changed_from.number}版与第{version.number}版修改对照）.txt",
                unified_diff(changed_from, version).encode("utf-8"),
                content_type="text/plain",
            )
            attach_file(review, diff, actor=actor, purpose="修改对照")
        review_actions.submit_review(review, actor=actor)
    return review


def require_reviewed_text(review: ReviewRequest, version: DocumentVersion) -> None:
    """The version going on must be the one the review cleared."""
    if review.text_sha256 != version.sha256:
        raise LegalGateClosed(
            CHANGED_AFTER_REVIEW.format(reviewed=review.text_sha256[:12] or "—", current=version.sha256[:12])
        )


def require_adopted_text(document: NormativeDocument) -> DocumentVersion:
    """Signing, publication and filing take the deliberated version, and only while it is still
    the latest (a later version would have sent the document back to review)."""
    adopted = document.adopted_version
    if adopted is None:
        raise LegalGateClosed("尚无集体审议通过的文本：印发、公布的只能是经集体审议通过的文本")
    if latest_version(document).pk != adopted.pk:
        raise LegalGateClosed(NOT_THE_ADOPTED_TEXT.format(adopted=adopted.sha256[:12]))
    return adopted
