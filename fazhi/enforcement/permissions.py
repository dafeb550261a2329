"""Who may do what with enforcement cases. Views, the API and actions share these.

Enforcement officers file and handle the cases they are on; the agency's head (the
leadership) makes the decision (DOMAIN.md §11: the head's decision); the legal affairs division
reads every case, and checks the major ones through a legality review request. Every predicate
on a case first asks that it is a case of the user's own agency (issue 12).
"""

from __future__ import annotations

from typing import Any

from fazhi.core.agencies import same_agency
from fazhi.core.permissions import is_staff_member
from fazhi.enforcement.models import CaseRecord, EnforcementCase


def can_open_area(user: Any) -> bool:
    """The enforcement pages: officers, the leadership and the legal affairs division."""
    return is_staff_member(user) and (
        user.has_perm("enforcement.handle_case")
        or user.has_perm("enforcement.decide_case")
        or user.has_perm("enforcement.view_enforcementcase")
    )


def can_file(user: Any) -> bool:
    return is_staff_member(user) and user.has_perm("enforcement.handle_case")


def can_view_stats(user: Any) -> bool:
    """The year's figures: the leadership and the legal affairs division (every case)."""
    return is_staff_member(user) and user.has_perm("enforcement.view_enforcementcase")


def can_view(user: Any, case: EnforcementCase) -> bool:
    if not same_agency(user, case):
        return False
    return EnforcementCase.objects.visible_to(user).filter(pk=case.pk).exists()


def can_handle(user: Any, case: EnforcementCase) -> bool:
    """The officers of the case (and whoever filed it) take its steps."""
    if not (is_staff_member(user) and user.has_perm("enforcement.handle_case")):
        return False
    if not same_agency(user, case):
        return False
    return case.filed_by_id == user.pk or case.officers.filter(user=user).exists()


def can_decide(user: Any, case: EnforcementCase) -> bool:
    return is_staff_member(user) and user.has_perm("enforcement.decide_case") and same_agency(user, case)


def can_view_record(user: Any, record: CaseRecord) -> bool:
    return can_view(user, record.case)


def can_attach(user: Any, record: CaseRecord) -> bool:
    return can_handle(user, record.case) and record.case.is_open
