"""Who may do what in core. Predicates are `can_<verb>(user, obj)`; views and menus share them."""

from __future__ import annotations

from typing import Any

from fazhi.core import agencies
from fazhi.core.roles import Role


def is_staff_member(user: Any) -> bool:
    """Any signed-in, active account: bureau staff, advisors, Justice Bureau officers."""
    return bool(user is not None and user.is_authenticated and user.is_active)


def is_system_admin(user: Any) -> bool:
    return is_staff_member(user) and (user.is_superuser or user.has_role(Role.SYSTEM_ADMIN))


def can_manage_rulebook(user: Any) -> bool:
    return is_staff_member(user) and user.has_perm("core.manage_rulebook")


def can_view_numbering(user: Any) -> bool:
    return is_staff_member(user) and user.has_perm("core.issue_number")


def can_issue_number(user: Any, series: Any = None) -> bool:
    """The legal affairs division numbers documents; a penalty decision's number is issued
    with the decision, by the head who makes it or the officers who enter it from the archive."""
    if not is_staff_member(user):
        return False
    if series is not None and not agencies.same_agency(user, series.organization.agency_id):
        # Issue 12: a department numbers from its own series only.
        return False
    if series is not None and getattr(series, "kind", "") == "penalty":
        return bool(user.has_perm("enforcement.decide_case") or user.has_perm("enforcement.handle_case"))
    if series is not None and getattr(series, "kind", "") == "review_letter":
        # The opinion letter is numbered when the legal affairs division issues its conclusion.
        return bool(user.has_perm("reviews.review_legality"))
    return bool(user.has_perm("core.issue_number"))


def can_view_audit_trail(user: Any) -> bool:
    return is_staff_member(user) and user.has_perm("core.view_audit_trail")


def can_manage_laws(user: Any) -> bool:
    """The legal affairs division keeps the register of laws (and the city administrator: the
    register is the whole city's, not a department's administrator's)."""
    return is_staff_member(user) and user.has_perm("core.manage_laws")


def can_see_laws(user: Any) -> bool:
    """Every member of staff may read the register: it is what they study and cite."""
    return is_staff_member(user)


def can_see_overview(user: Any) -> bool:
    """The leadership's overview (the agency's head and deputies: 机关领导)."""
    return is_staff_member(user) and user.has_role(Role.LEADERSHIP)


# --- Administering a city (issue 12) -------------------------------------------------------------
# Administration is not a legal role: these pages create departments, divisions, users and roles,
# and nothing else. The Django superuser is given none of it by being one (core.roles).


def can_manage_city(user: Any) -> bool:
    """The city administrator (全市系统管理员): every department and justice bureau."""
    return is_staff_member(user) and user.has_perm("core.manage_city")


def can_manage_department(user: Any, agency: Any = None) -> bool:
    """A department's administrator manages its divisions, users and roles; the city
    administrator any department's. Without `agency`: whether the user manages some department."""
    if not is_staff_member(user):
        return False
    if can_manage_city(user):
        return True
    if not user.has_perm("core.manage_department"):
        return False
    from fazhi.core.agencies import agency_id_of

    own = agency_id_of(user)
    if agency is None:
        return own is not None
    return own is not None and own == getattr(agency, "agency_id", agency)


def can_see_city_overview(user: Any) -> bool:
    """The Justice Bureau's city overview of every department's figures: the leaders and the
    filing officers of a justice bureau (not the city administrator: not a legal role)."""
    if not is_staff_member(user) or not user.has_role(Role.LEADERSHIP, Role.FILING_OFFICER):
        return False
    from fazhi.core.agencies import agency_of

    agency = agency_of(user)
    return agency is not None and agency.kind == "justice_bureau"
