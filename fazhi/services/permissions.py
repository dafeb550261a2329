"""Who may do what with government services: the staff who keep the catalog and handle
commitments (the legal affairs division in the usual set-up) and the leadership, who read.
Every predicate on a record first asks that it is a record of the user's own agency (issue 12):
a matter and a delegated power carry it, a commitment and a credit record reach it through
their matter."""

from __future__ import annotations

from typing import Any

from fazhi.core.agencies import same_agency
from fazhi.core.permissions import is_staff_member


def agency_id_of_record(record: Any) -> int | None:
    """The agency of a matter, delegated power, commitment or credit record."""
    if hasattr(record, "agency_id"):
        return record.agency_id  # type: ignore[no-any-return]
    if hasattr(record, "matter"):
        return record.matter.agency_id  # type: ignore[no-any-return]
    if hasattr(record, "commitment"):
        return record.commitment.matter.agency_id  # type: ignore[no-any-return]
    return None


def can_manage(user: Any, record: Any = None) -> bool:
    if not (is_staff_member(user) and user.has_perm("services.manage_services")):
        return False
    return record is None or same_agency(user, agency_id_of_record(record))


def can_see(user: Any, record: Any = None) -> bool:
    if not (is_staff_member(user) and user.has_perm("services.view_servicematter")):
        return False
    return record is None or same_agency(user, agency_id_of_record(record))
