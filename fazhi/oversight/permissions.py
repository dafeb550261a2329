"""Who may do what with evaluations and inspections received: the legal affairs division records
them, their findings (each put on the task ledger) and the rectification report; the leadership
reads them. The work on a finding is done in the ledger by its division."""

from __future__ import annotations

from typing import Any

from fazhi.core.agencies import same_agency
from fazhi.core.permissions import is_staff_member


def can_see(user: Any) -> bool:
    return is_staff_member(user) and user.has_perm("oversight.view_oversight")


def can_manage(user: Any, record: Any = None) -> bool:
    """The legal affairs division manages its own agency's evaluations and inspections
    (`record`: an oversight or an agency id; none: the pages of the user's agency)."""
    return (
        is_staff_member(user)
        and user.has_perm("oversight.manage_oversight")
        and (record is None or same_agency(user, record))
    )
