"""Who may do what with legal publicity: the legal affairs division keeps the plan and the
responsibility list; every division (and its enforcement officers: 谁执法谁普法) records its own
activities and completes its own list items; the leadership reads everything."""

from __future__ import annotations

from typing import Any

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


def can_record_for(user: Any, division_id: int | None) -> bool:
    return can_manage(user) or (is_division_member(user) and user.organization_id == division_id)


def can_view_plan(user: Any, plan: Any) -> bool:
    return can_open_area(user)


def can_attach_plan(user: Any, plan: Any) -> bool:
    return can_manage(user)


def can_view_activity(user: Any, activity: Any) -> bool:
    from fazhi.legal_publicity.models import Activity

    return Activity.objects.visible_to(user).filter(pk=activity.pk).exists()


def can_attach_activity(user: Any, activity: Any) -> bool:
    return can_record_for(user, activity.division_id)
