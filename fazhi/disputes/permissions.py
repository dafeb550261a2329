"""Who may do what with reconsideration, litigation and mediation: the legal affairs division
handles them (respondent's reply, defence, mediation); the leadership reads them and appears."""

from __future__ import annotations

from typing import Any

from fazhi.core.permissions import is_staff_member


def can_handle(user: Any) -> bool:
    return is_staff_member(user) and user.has_perm("disputes.handle_dispute")


def can_see(user: Any) -> bool:
    return is_staff_member(user) and (user.has_perm("disputes.view_reconsideration"))


def can_view_litigation(user: Any, case: Any) -> bool:
    return can_see(user)


def can_attach_litigation(user: Any, case: Any) -> bool:
    return can_handle(user)
