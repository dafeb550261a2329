"""Who may do what with the task ledger: the legal affairs division and the leadership keep it;
a division reports on the tasks it owns and its head submits them for sign-off; the leader in
charge (or any leader of the agency) signs off, returns and supervises; the leadership assesses.
Every predicate about a task asks first whether it is of the user's agency (issue 12)."""

from __future__ import annotations

from typing import Any

from fazhi.core.agencies import same_agency
from fazhi.core.permissions import is_staff_member
from fazhi.core.roles import Role
from fazhi.ledger.models import LedgerItem


def can_open_area(user: Any) -> bool:
    return is_staff_member(user) and (
        user.has_perm("ledger.view_ledgeritem") or user.has_role(Role.DIVISION_STAFF, Role.DIVISION_HEAD)
    )


def can_manage(user: Any) -> bool:
    return is_staff_member(user) and user.has_perm("ledger.manage_ledger")


def is_leader(user: Any) -> bool:
    return is_staff_member(user) and user.has_role(Role.LEADERSHIP)


def can_manage_item(user: Any, item: LedgerItem) -> bool:
    return can_manage(user) and same_agency(user, item)


def is_item_leader(user: Any, item: LedgerItem) -> bool:
    """A leader of the task's agency."""
    return is_leader(user) and same_agency(user, item)


def is_owner(user: Any, item: LedgerItem) -> bool:
    return (
        is_staff_member(user)
        and same_agency(user, item)
        and user.organization_id == item.division_id
        and user.has_role(Role.DIVISION_STAFF, Role.DIVISION_HEAD)
    )


def is_owner_head(user: Any, item: LedgerItem) -> bool:
    return is_owner(user, item) and user.has_role(Role.DIVISION_HEAD)
