"""Who may do what with complaints: the legal affairs division (which supervises enforcement)
registers them, decides to accept or to pass them on, names the handling division and links the
outcome; the division it names investigates and answers; the leadership reads every complaint —
each of them only the complaints addressed to their own agency (issue 12)."""

from __future__ import annotations

from typing import Any

from fazhi.complaints.models import Complaint
from fazhi.core.agencies import same_agency
from fazhi.core.permissions import is_staff_member
from fazhi.core.roles import Role


def can_open_area(user: Any) -> bool:
    return is_staff_member(user) and (
        user.has_perm("complaints.view_complaint") or user.has_role(Role.DIVISION_STAFF, Role.DIVISION_HEAD)
    )


def can_register(user: Any, complaint: Complaint | None = None) -> bool:
    """Register and decide complaints; on `complaint`, only one addressed to the user's own
    agency (issue 12)."""
    if not (is_staff_member(user) and user.has_perm("complaints.register_complaint")):
        return False
    return complaint is None or same_agency(user, complaint)


def can_see_all(user: Any) -> bool:
    return is_staff_member(user) and user.has_perm("complaints.view_complaint")


def is_handler(user: Any, complaint: Complaint) -> bool:
    """A member of the division the complaint was given to."""
    return (
        is_staff_member(user)
        and same_agency(user, complaint)
        and complaint.division_id is not None
        and user.organization_id == complaint.division_id
        and user.has_role(Role.DIVISION_STAFF, Role.DIVISION_HEAD)
    )
