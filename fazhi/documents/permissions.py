"""Who may do what with normative documents."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from fazhi.core.agencies import agency_id_of, same_agency
from fazhi.core.permissions import is_staff_member
from fazhi.core.roles import Role
from fazhi.documents.models import CleanupCampaign, Filing, NormativeDocument
from fazhi.reviews.models import ReviewRequest, subject_key

S = NormativeDocument.Status


def is_drafter_of(user: Any, document: NormativeDocument) -> bool:
    return (
        is_staff_member(user)
        and same_agency(user, document)
        and user.organization_id == document.division_id
        and user.has_role(Role.DIVISION_STAFF, Role.DIVISION_HEAD)
    )


def can_draft(user: Any) -> bool:
    return (
        is_staff_member(user)
        and user.organization_id is not None
        and user.has_role(Role.DIVISION_STAFF, Role.DIVISION_HEAD)
    )


def can_issue(user: Any) -> bool:
    """Unified registration, numbering and issuance (三统一) by the legal affairs division."""
    return is_staff_member(user) and user.has_perm("documents.issue_document")


def can_manage_cleanup(user: Any) -> bool:
    return is_staff_member(user) and user.has_perm("documents.manage_cleanup")


def can_review_filings(user: Any) -> bool:
    return is_staff_member(user) and user.has_perm("documents.review_filing")


def can_see_filings(user: Any) -> bool:
    """The filing list: the Justice Bureau (the filings addressed to it) and the legal affairs
    division (its own agency's)."""
    return can_review_filings(user) or can_issue(user)


def can_see_city_filings(user: Any) -> bool:
    """The city view of filing by department: a justice bureau's filing officers and leaders."""
    if not is_staff_member(user) or agency_id_of(user) is None:
        return False
    if not (can_review_filings(user) or user.has_role(Role.LEADERSHIP)):
        return False
    return bool(user.organization.agency.kind == "justice_bureau")


def is_authority_of(user: Any, filing: Filing) -> bool:
    """A filing officer of the justice bureau the filing is addressed to."""
    return can_review_filings(user) and same_agency(user, filing, field="authority")


def filings_visible_to(user: Any) -> QuerySet[Filing]:
    """The filings addressed to the user's justice bureau (its filing officers) and those of
    the user's own agency (its legal affairs division); nothing for anyone else."""
    agency_id = agency_id_of(user)
    if agency_id is None:
        return Filing.objects.none()
    scope = Q(pk__in=[])
    if can_review_filings(user):
        scope |= Q(authority_id=agency_id)
    if can_issue(user):
        scope |= Q(document__agency_id=agency_id)
    return Filing.objects.filter(scope)


def can_see_filing(user: Any, filing: Filing) -> bool:
    return is_authority_of(user, filing) or (can_issue(user) and same_agency(user, filing.document))


def can_see_documents(user: Any) -> bool:
    return can_draft(user) or can_issue(user) or (is_staff_member(user) and user.has_role(Role.LEADERSHIP))


def can_edit(user: Any, document: NormativeDocument) -> bool:
    """The drafter revises the text before the review, and after the review's conclusion (a new
    version then goes back to review: actions.add_version), never while it is being reviewed."""
    if not is_drafter_of(user, document):
        return False
    if document.status in {S.DRAFTING, S.SOLICITING, S.DELIBERATED}:
        return True
    if document.status != S.UNDER_REVIEW:
        return False
    subject_type, subject_id = subject_key(document)
    latest = (
        ReviewRequest.objects.filter(subject_type=subject_type, subject_id=subject_id)
        .exclude(status=ReviewRequest.Status.WITHDRAWN)
        .order_by("-pk")
        .values_list("status", flat=True)
        .first()
    )
    return latest in {ReviewRequest.Status.CONCLUDED, ReviewRequest.Status.CLOSED}


def can_open_solicitation(user: Any, document: NormativeDocument) -> bool:
    return document.status == S.DRAFTING and is_drafter_of(user, document)


def can_answer_comments(user: Any, document: NormativeDocument) -> bool:
    return document.status in {S.SOLICITING, S.UNDER_REVIEW} and is_drafter_of(user, document)


def can_submit_for_review(user: Any, document: NormativeDocument) -> bool:
    return document.status == S.SOLICITING and is_drafter_of(user, document)


def issues_for(user: Any, document: NormativeDocument) -> bool:
    """The legal affairs division of the document's own agency (三统一 is each agency's own)."""
    return can_issue(user) and same_agency(user, document)


def can_record_deliberation(user: Any, document: NormativeDocument) -> bool:
    return (
        document.status == S.UNDER_REVIEW
        and same_agency(user, document)
        and (can_issue(user) or (is_staff_member(user) and user.has_role(Role.LEADERSHIP)))
    )


def can_issue_document(user: Any, document: NormativeDocument) -> bool:
    return document.status == S.DELIBERATED and issues_for(user, document)


def can_publish(user: Any, document: NormativeDocument) -> bool:
    return document.status == S.ISSUED and issues_for(user, document)


def can_file(user: Any, document: NormativeDocument) -> bool:
    return (
        document.status == S.PUBLISHED
        and (issues_for(user, document) or is_drafter_of(user, document))
        and not Filing.objects.filter(document=document).exists()
    )


def can_abandon(user: Any, document: NormativeDocument) -> bool:
    return document.status in {S.DRAFTING, S.SOLICITING, S.UNDER_REVIEW} and is_drafter_of(user, document)


def can_record_validity(user: Any, document: NormativeDocument) -> bool:
    return document.published_on is not None and can_manage_cleanup(user) and same_agency(user, document)


def can_decide_filing(user: Any, filing: Filing) -> bool:
    return filing.status in {Filing.Status.SUBMITTED, Filing.Status.CORRECTED} and is_authority_of(
        user, filing
    )


def can_answer_correction(user: Any, filing: Filing) -> bool:
    return filing.status == Filing.Status.DEFERRED and (
        issues_for(user, filing.document) or is_drafter_of(user, filing.document)
    )


def can_manage_campaign(user: Any, campaign: CleanupCampaign) -> bool:
    return can_manage_cleanup(user) and same_agency(user, campaign)


def can_edit_campaign(user: Any, campaign: CleanupCampaign) -> bool:
    return campaign.status == CleanupCampaign.Status.DRAFT and can_manage_campaign(user, campaign)


def available_actions(user: Any, document: NormativeDocument) -> set[str]:
    checks = {
        "edit": can_edit,
        "open_solicitation": can_open_solicitation,
        "answer_comments": can_answer_comments,
        "submit_for_review": can_submit_for_review,
        "record_deliberation": can_record_deliberation,
        "issue": can_issue_document,
        "publish": can_publish,
        "file": can_file,
        "abandon": can_abandon,
        "record_validity": can_record_validity,
    }
    return {name for name, check in checks.items() if check(user, document)}
