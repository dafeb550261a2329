"""Who may do what in law study and exams. The personnel division (人事处) keeps the bank, sets
the exams, imports results, sets the exam rules and confirms appointments; scores are read by
the candidate, the personnel division and the leadership; every member of staff takes the exams
they are on the roster of and reads the study records."""

from __future__ import annotations

from typing import Any

from fazhi.core.agencies import same_agency
from fazhi.core.permissions import is_staff_member
from fazhi.core.roles import Role

__all__ = ["can_manage", "can_read_scores", "can_take_exams", "is_staff_member"]


def can_manage(user: Any, record: Any = None) -> bool:
    """The personnel division manages its own agency's exams, roster, promotions and study
    records (`record`: one of them, or an agency id; none: the pages of the user's agency)."""
    return (
        is_staff_member(user)
        and user.has_perm("learning.manage_exams")
        and (record is None or same_agency(user, record))
    )


def can_read_scores(user: Any) -> bool:
    """Everyone's scores: the personnel division and the leadership (a candidate reads their own)."""
    return can_manage(user) or (is_staff_member(user) and user.has_role(Role.LEADERSHIP))


def can_take_exams(user: Any) -> bool:
    """ "My exams": any member of an agency's staff (an outside advisor or the Justice Bureau
    takes no exam of a department)."""
    return (
        is_staff_member(user)
        and user.organization_id is not None
        and (user.organization.kind in ("agency", "division"))
    )


def can_view_study(user: Any) -> bool:
    return can_take_exams(user) or can_read_scores(user)


def can_view_session(user: Any, session: Any) -> bool:
    return can_view_study(user)


def can_attach_session(user: Any, session: Any) -> bool:
    return can_manage(user)
