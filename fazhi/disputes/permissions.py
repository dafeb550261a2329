"""Who may do what with reconsideration, litigation and mediation: the legal affairs division
handles them (respondent's reply, defence, mediation); the leadership reads them and appears.
Every predicate on a record first asks that it is a record of the user's own agency (issue 12)."""

from __future__ import annotations

from typing import Any

from fazhi.core.agencies import same_agency
from fazhi.core.permissions import is_staff_member


def can_handle(user: Any, record: Any = None) -> bool:
    """Register and handle disputes; on `record`, only one of the user's own agency."""
    if not (is_staff_member(user) and user.has_perm("disputes.handle_dispute")):
        return False
    return record is None or same_agency(user, record)


def can_see(user: Any, record: Any = None) -> bool:
    if not (is_staff_member(user) and user.has_perm("disputes.view_reconsideration")):
        return False
    return record is None or same_agency(user, record)


def can_view_litigation(user: Any, case: Any) -> bool:
    return can_see(user, case)


def can_attach_litigation(user: Any, case: Any) -> bool:
    return can_handle(user, case)
