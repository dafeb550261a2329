"""Who may do what with the task ledger: the legal affairs division and the leadership keep it;
a division reports on the tasks it owns and its head submits them for sign-off; the leader in
charge (or any bureau leader) signs off, returns and supervises; the leadership assesses."""

from __future__ import annotations

from typing import Any

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


def is_owner(user: Any, item: LedgerItem) -> bool:
    return (
        is_staff_member(user)
        and user.organization_id == item.division_id
        and user.has_role(Role.DIVISION_STAFF, Role.DIVISION_HEAD)
    )


def is_owner_head(user: Any, item: LedgerItem) -> bool:
    return is_owner(user, item) and user.has_role(Role.DIVISION_HEAD)
