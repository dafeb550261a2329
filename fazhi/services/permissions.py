"""Who may do what with government services: the staff who keep the catalog and handle
commitments (the legal affairs division in this bureau's set-up) and the leadership, who read."""

from __future__ import annotations

from typing import Any

from fazhi.core.permissions import is_staff_member


def can_manage(user: Any) -> bool:
    return is_staff_member(user) and user.has_perm("services.manage_services")


def can_see(user: Any) -> bool:
    return is_staff_member(user) and (user.has_perm("services.view_servicematter"))
