"""Who may do what with legal publicity: the legal affairs division keeps the plan and the
responsibility list; every division (and its enforcement officers: 谁执法谁普法) records its own
activities and completes its own list items; the leadership reads everything — all within
their own agency (issue 12)."""

from __future__ import annotations

from typing import Any

from fazhi.core.agencies import agency_id_of, same_agency
from fazhi.core.permissions import is_staff_member
from fazhi.core.roles import Role


def can_manage(user: Any) -> bool:
    return is_staff_member(user) and user.has_perm("legal_publicity.manage_publicity")


def is_division_member(user: Any) -> bool:
    return (
        is_staff_member(user)
        and user.organization_id is not None
        and user.has_role(Role.DIVISION_STAFF, Role.DIVISION_HEAD, Role.ENFORCEMENT_OFFICER)
    )


def can_open_area(user: Any) -> bool:
    return is_staff_member(user) and (
        can_manage(user) or user.has_role(Role.LEADERSHIP) or is_division_member(user)
    )


def is_own_division(user: Any, division_id: int | None) -> bool:
    """Whether `division_id` is a division of the user's agency."""
    from fazhi.core.models import Organization

    agency_id = agency_id_of(user)
    return (
        agency_id is not None
        and division_id is not None
        and Organization.objects.filter(
            pk=division_id, kind=Organization.Kind.DIVISION, parent_id=agency_id
        ).exists()
    )


def can_record_for(user: Any, division_id: int | None) -> bool:
    if is_division_member(user) and user.organization_id == division_id:
        return True
    return can_manage(user) and is_own_division(user, division_id)


def can_view_plan(user: Any, plan: Any) -> bool:
    return can_open_area(user) and same_agency(user, plan)


def can_attach_plan(user: Any, plan: Any) -> bool:
    return can_manage(user) and same_agency(user, plan)


def can_view_activity(user: Any, activity: Any) -> bool:
    from fazhi.legal_publicity.models import Activity

    return Activity.objects.visible_to(user).filter(pk=activity.pk).exists()


def can_attach_activity(user: Any, activity: Any) -> bool:
    return same_agency(user, activity) and can_record_for(user, activity.division_id)
