"""Who may do what with major decisions."""

from __future__ import annotations

from typing import Any

from fazhi.core.agencies import same_agency
from fazhi.core.permissions import is_staff_member
from fazhi.core.roles import Role
from fazhi.decisions.models import MajorDecision


def can_propose(user: Any) -> bool:
    return (
        is_staff_member(user)
        and user.organization_id is not None
        and user.has_role(Role.DIVISION_STAFF, Role.DIVISION_HEAD)
    )


def _own(user: Any, record: Any) -> bool:
    """No record given (a menu, a page of the user's own agency), or a record (or agency id)
    of the agency the user works for."""
    return record is None or same_agency(user, record)


def can_compile(user: Any, record: Any = None) -> bool:
    """The legal affairs division compiles the catalog and its adjustments — of its own
    agency's catalogs and matters only (`record`: a catalog, a matter or an agency id)."""
    return is_staff_member(user) and user.has_perm("decisions.compile_catalog") and _own(user, record)


def can_record_decision(user: Any, record: Any = None) -> bool:
    """The collective decision is recorded by the leadership or the legal affairs division of
    the matter's own agency."""
    return (
        is_staff_member(user)
        and (user.has_perm("decisions.decide") or can_compile(user))
        and _own(user, record)
    )


def is_lead(user: Any, decision: MajorDecision) -> bool:
    """A member of the lead division (承办处室) runs the procedures of its matter."""
    return (
        can_propose(user)
        and same_agency(user, decision)
        and user.organization_id == decision.lead_division_id
    )


def can_run(user: Any, decision: MajorDecision) -> bool:
    return same_agency(user, decision) and (is_lead(user, decision) or can_compile(user, decision))


def can_see_decisions(user: Any) -> bool:
    return (
        can_propose(user) or can_compile(user) or (is_staff_member(user) and user.has_role(Role.LEADERSHIP))
    )


def can_see_board(user: Any) -> bool:
    """The leadership's board of every matter and the procedure it is at."""
    return can_compile(user) or (is_staff_member(user) and user.has_role(Role.LEADERSHIP))
