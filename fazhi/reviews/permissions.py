"""Who may do what in legality review. Views, the API and actions share these predicates."""

from __future__ import annotations

from typing import Any

from fazhi.core.agencies import agency_id_of, same_agency
from fazhi.core.permissions import is_staff_member
from fazhi.core.roles import Role
from fazhi.reviews.models import ReviewRequest

S = ReviewRequest.Status


def is_reviewer(user: Any) -> bool:
    """A member of the legal affairs division who handles reviews."""
    return is_staff_member(user) and user.has_perm("reviews.review_legality")


def can_manage_counsel(user: Any) -> bool:
    """Each agency keeps its own register: only someone who works for one."""
    return (
        is_staff_member(user) and user.has_perm("reviews.manage_counsel") and agency_id_of(user) is not None
    )


def can_edit_counsel(user: Any, counsel: Any) -> bool:
    return can_manage_counsel(user) and same_agency(user, counsel)


def can_view_stats(user: Any) -> bool:
    """An agency's own figures: only for people who work for one."""
    return (
        is_staff_member(user)
        and user.has_perm("reviews.view_reviewrequest")
        and agency_id_of(user) is not None
    )


def can_create(user: Any) -> bool:
    """Divisions send their matters; enforcement officers send their major enforcement
    decisions (行政处罚法 Art 58)."""
    return (
        is_staff_member(user)
        and user.organization_id is not None
        and user.has_role(Role.DIVISION_STAFF, Role.DIVISION_HEAD, Role.ENFORCEMENT_OFFICER)
    )


def can_see_reviews(user: Any) -> bool:
    """The review pages: reviewers, the leadership, administrators, divisions and advisors."""
    return is_staff_member(user) and (
        can_view_stats(user) or can_create(user) or user.has_role(Role.LEGAL_ADVISOR)
    )


def can_see_counsel(user: Any) -> bool:
    """The counsel register is read by everyone who works with reviews; kept by reviewers."""
    return can_see_reviews(user)


def is_reviewer_of(user: Any, review: ReviewRequest) -> bool:
    """A reviewer of the review's own agency: only its legal affairs division handles it."""
    return is_reviewer(user) and same_agency(user, review)


def is_of_division(user: Any, review: ReviewRequest) -> bool:
    return can_create(user) and same_agency(user, review) and user.organization_id == review.division_id


def is_assigned_counsel(user: Any, review: ReviewRequest) -> bool:
    """Counsel engaged by the review's agency and assigned to it."""
    return is_staff_member(user) and review.counsel.filter(user=user, agency_id=review.agency_id).exists()


def can_view(user: Any, review: ReviewRequest) -> bool:
    return ReviewRequest.objects.visible_to(user).filter(pk=review.pk).exists()


def can_edit(user: Any, review: ReviewRequest) -> bool:
    return review.status in {S.DRAFT, S.RETURNED} and is_of_division(user, review)


def can_attach(user: Any, review: ReviewRequest) -> bool:
    return can_edit(user, review)


def can_submit(user: Any, review: ReviewRequest) -> bool:
    return can_edit(user, review)


def can_withdraw(user: Any, review: ReviewRequest) -> bool:
    return review.status in {S.DRAFT, S.SUBMITTED, S.RETURNED} and is_of_division(user, review)


def can_accept(user: Any, review: ReviewRequest) -> bool:
    return review.status == S.SUBMITTED and is_reviewer_of(user, review)


def can_return(user: Any, review: ReviewRequest) -> bool:
    return review.status == S.SUBMITTED and is_reviewer_of(user, review)


def can_assign(user: Any, review: ReviewRequest) -> bool:
    return review.status == S.UNDER_REVIEW and is_reviewer_of(user, review)


def can_add_opinion(user: Any, review: ReviewRequest) -> bool:
    return review.status == S.UNDER_REVIEW and (
        is_reviewer_of(user, review) or is_assigned_counsel(user, review)
    )


def can_conclude(user: Any, review: ReviewRequest) -> bool:
    return review.status == S.UNDER_REVIEW and is_reviewer_of(user, review)


def can_answer(user: Any, review: ReviewRequest) -> bool:
    return review.status == S.CONCLUDED and is_of_division(user, review)


def available_actions(user: Any, review: ReviewRequest) -> set[str]:
    checks = {
        "edit": can_edit,
        "submit": can_submit,
        "withdraw": can_withdraw,
        "accept": can_accept,
        "return": can_return,
        "assign": can_assign,
        "add_opinion": can_add_opinion,
        "conclude": can_conclude,
        "answer": can_answer,
    }
    return {name for name, check in checks.items() if check(user, review)}
