"""Who may do what in legislation work: the legal affairs division runs the projects and keeps the
register of laws (`core.manage_laws`); the leadership reads; a division reads the projects it
drafts; every member of staff reads the register. A citation flag is checked by the drafter of
the document (or a colleague of the drafting division), a rule-book row's by its keepers."""

from __future__ import annotations

from typing import Any

from fazhi.core.agencies import same_agency
from fazhi.core.permissions import can_manage_laws, can_manage_rulebook, can_see_laws, is_staff_member
from fazhi.core.roles import Role
from fazhi.legislation.models import CitationFlag

__all__ = ["can_manage_laws", "can_see_laws"]


def can_manage(user: Any, record: Any = None) -> bool:
    """The legal affairs division manages its own agency's projects (`record`: a project, or
    an agency id; none given: the pages of the user's own agency)."""
    return (
        is_staff_member(user)
        and user.has_perm("legislation.manage_legislation")
        and (record is None or same_agency(user, record))
    )


def can_see_projects(user: Any) -> bool:
    return is_staff_member(user) and (
        user.has_perm("legislation.view_legislativeproject")
        or user.has_role(Role.DIVISION_STAFF, Role.DIVISION_HEAD)
    )


def can_check(user: Any, flag: CitationFlag) -> bool:
    if not is_staff_member(user):
        return False
    if flag.subject == CitationFlag.Subject.RULE:
        return can_manage_rulebook(user)
    if not same_agency(user, flag):
        return False
    if flag.owner_id == user.pk:
        return True
    return bool(
        flag.division_id
        and user.organization_id == flag.division_id
        and user.has_role(Role.DIVISION_STAFF, Role.DIVISION_HEAD)
    )


def can_see_flags(user: Any) -> bool:
    """The list of flags: the register's keepers see all, others those they may check."""
    return is_staff_member(user)
