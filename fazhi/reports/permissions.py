"""Who may do what with the annual report: the legal affairs division assembles it (法制机构
汇总), the leadership approves it, divisions contribute their sections; staff with a role in the
agency read it — of their own agency only."""

from __future__ import annotations

from typing import Any

from fazhi.core.agencies import same_agency
from fazhi.core.permissions import is_staff_member


def _own(user: Any, record: Any) -> bool:
    """No record given (the pages of the user's own agency), or a report (or an agency id) of
    the agency the user works for."""
    return record is None or same_agency(user, record)


def can_assemble(user: Any, report: Any = None) -> bool:
    return is_staff_member(user) and user.has_perm("reports.assemble_report") and _own(user, report)


def can_approve(user: Any, report: Any = None) -> bool:
    return is_staff_member(user) and user.has_perm("reports.approve_report") and _own(user, report)


def can_see(user: Any) -> bool:
    return is_staff_member(user) and (
        user.has_perm("reports.view_annualreport") or can_assemble(user) or can_approve(user)
    )


def can_contribute(user: Any, task: Any) -> bool:
    """A member of the division the task is given to (a division of the report's agency)."""
    return (
        can_see(user)
        and user.organization_id is not None
        and user.organization_id == task.division_id
        and same_agency(user, task.report)
    )
