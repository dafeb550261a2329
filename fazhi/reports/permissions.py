"""Who may do what with the annual report: the legal affairs division assembles it (法制机构
汇总), the leadership approves it, divisions contribute their sections; staff with a role in the
bureau read it."""

from __future__ import annotations

from typing import Any

from fazhi.core.permissions import is_staff_member


def can_assemble(user: Any) -> bool:
    return is_staff_member(user) and user.has_perm("reports.assemble_report")


def can_approve(user: Any) -> bool:
    return is_staff_member(user) and user.has_perm("reports.approve_report")


def can_see(user: Any) -> bool:
    return is_staff_member(user) and (
        user.has_perm("reports.view_annualreport") or can_assemble(user) or can_approve(user)
    )


def can_contribute(user: Any, task: Any) -> bool:
    """A member of the division the task is given to."""
    return can_see(user) and user.organization_id is not None and user.organization_id == task.division_id
