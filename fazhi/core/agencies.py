"""One installation for a whole city (issue 12): every department (机关) runs its own rule-of-law
work, walled off from the others, and the Justice Bureau sees the filings addressed to it.

Every top-level record carries `agency` (a ForeignKey to the `Organization` of kind agency that
owns it). The rules every app applies:

- a signed-in user works for exactly one agency: their organization's agency
  (`agency_id_of(user)`); a user with no organization (an external advisor) has none;
- `visible_to(user)` of every record starts from `scoped(queryset, user)`: the records of the
  user's agency only, for every role (reviewers, leaders and administrators included), and
  nothing for a user without an agency unless the app grants it by assignment (an advisor's
  assigned reviews);
- every permission predicate and every action asks `same_agency(user, record)` before anything
  else, so a person of one department can neither read nor act on another's record, through
  any page or API route;
- a record created by an action takes its agency from the acting user (`agency_for(user)`), or
  from the division it belongs to;
- the words a page or a refusal uses for an agency's head, leaders and meetings come from
  `wording(agency)`, never from a constant;
- the public pages show every department's published records, with the department as a filter
  (`?dept=<code>`, `public_department(request)`) and a column.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from django.db.models import Model, QuerySet

from fazhi.core.models import Organization

Q = TypeVar("Q", bound=QuerySet[Any])


def agency_id_of(user: Any) -> int | None:
    """The id of the agency `user` works for (their division's parent, or their agency itself);
    None for anonymous users and users with no organization. Cached on the user object."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    cached = getattr(user, "_agency_id", False)
    if cached is not False:
        return cached  # type: ignore[no-any-return]
    organization = user.organization if user.organization_id else None
    agency_id = organization.agency_id if organization is not None else None
    user._agency_id = agency_id
    return agency_id


def agency_of(user: Any) -> Organization | None:
    """The agency `user` works for, or None."""
    agency_id = agency_id_of(user)
    if agency_id is None:
        return None
    organization = user.organization
    return organization if organization.pk == agency_id else organization.parent


def agency_for(user: Any, division: Organization | None = None) -> Organization:
    """The agency a record created by `user` (for `division`, if given) belongs to. A division
    of another agency than the user's is refused by the caller's permission check, not here."""
    if division is not None:
        return division.agency
    agency = agency_of(user)
    if agency is None:
        raise ValueError("user has no agency")
    return agency


def record_agency_id(record: Model, field: str = "agency") -> int | None:
    return getattr(record, f"{field}_id", None)


def same_agency(user: Any, record: Model | int | None, field: str = "agency") -> bool:
    """Whether `record` (or an agency id) belongs to the agency `user` works for."""
    agency_id = agency_id_of(user)
    if agency_id is None or record is None:
        return False
    target = record if isinstance(record, int) else record_agency_id(record, field)
    return target == agency_id


def scoped(queryset: Q, user: Any, field: str = "agency") -> Q:
    """`queryset` limited to the records of the agency `user` works for (none without one).
    `field` is the lookup path to the record's agency, e.g. "document__agency"."""
    agency_id = agency_id_of(user)
    if agency_id is None:
        return queryset.none()
    return queryset.filter(**{f"{field}_id": agency_id})


# --- The agency's words -----------------------------------------------------------------------


@dataclass(frozen=True)
class Wording:
    """What a page or a refusal calls an agency and its people and meetings."""

    name: str
    short_name: str
    head: str  # 局长 / 主任
    leaders: str  # 局领导 / 委领导
    office_meeting: str  # 局长办公会 / 主任办公会
    party_meeting: str  # 局党委会 / 党组会


GENERIC = Wording(
    name="本机关",
    short_name="本机关",
    head="主要负责人",
    leaders="机关领导",
    office_meeting="行政办公会议",
    party_meeting="党组（党委）会议",
)


def wording(agency: Organization | None) -> Wording:
    """The words for `agency` (an agency or any of its divisions); the generic ones for None."""
    if agency is None:
        return GENERIC
    agency = agency.agency
    return Wording(
        name=agency.name,
        short_name=agency.short_name or agency.name,
        head=agency.head_title or GENERIC.head,
        leaders=agency.leaders_title or GENERIC.leaders,
        office_meeting=agency.office_meeting or GENERIC.office_meeting,
        party_meeting=agency.party_meeting or GENERIC.party_meeting,
    )


def wording_for(user: Any) -> Wording:
    return wording(agency_of(user))


# --- Agencies, filing authorities and the public portal ----------------------------------------


def agencies() -> QuerySet[Organization]:
    """Every department (机关) of the installation, in the portal's order."""
    return Organization.objects.filter(kind=Organization.Kind.AGENCY, parent__isnull=True).order_by(
        "sort_order", "id"
    )


def filing_authority_of(agency: Organization) -> Organization | None:
    """The Justice Bureau (city or district) to which `agency` files its normative documents:
    its own setting, or the installation's only justice bureau when it has exactly one."""
    agency = agency.agency
    if agency.filing_authority_id is not None:
        return agency.filing_authority
    bureaus = list(Organization.objects.filter(kind=Organization.Kind.JUSTICE_BUREAU)[:2])
    return bureaus[0] if len(bureaus) == 1 else None


def inspection_domains(agency: Organization | None) -> list[tuple[str, str]]:
    """The inspection and enforcement domains of `agency`: its own list, or the platform's
    default domains (`core.models.officers.Domain`) when it has none."""
    from fazhi.core.models.officers import Domain

    if agency is not None:
        own = [(str(code), str(label)) for code, label in (agency.agency.inspection_domains or [])]
        if own:
            return own
    return [(str(code), str(label)) for code, label in Domain.choices]


DEPARTMENT_PARAM = "dept"


def public_department(request: Any) -> Organization | None:
    """The department a public page is filtered to: `?dept=<code>`, or the `/d/<code>/` entry
    page's department kept in `request.fazhi_department`. An unknown code is no filter."""
    chosen = getattr(request, "fazhi_department", None)
    if chosen is not None:
        return chosen  # type: ignore[no-any-return]
    code = (request.GET.get(DEPARTMENT_PARAM) or "").strip()
    if not code:
        return None
    return agencies().filter(code=code).first()


def filter_public(queryset: Q, request: Any, field: str = "agency") -> Q:
    """A public list limited to the chosen department, if one is chosen."""
    department = public_department(request)
    if department is None:
        return queryset
    return queryset.filter(**{f"{field}_id": department.pk})


def context(request: Any) -> dict[str, Any]:
    """Template context: the signed-in user's agency and its words (`fazhi_agency`,
    `fazhi_words`), and the public portal's chosen department (`fazhi_department`)."""
    from django.utils.functional import SimpleLazyObject

    user = getattr(request, "user", None)

    def _agency() -> Organization | None:
        return agency_of(user) if user is not None else None

    # Lazy: a page that names no agency costs no query.
    return {
        "fazhi_agency": SimpleLazyObject(_agency),
        "fazhi_words": SimpleLazyObject(lambda: wording(_agency())),
        "fazhi_department": getattr(request, "fazhi_department", None),
        "fazhi_department_param": DEPARTMENT_PARAM,
    }


def department_choices() -> list[tuple[str, str]]:
    """(code, name) of every department, for the public lists' department filter."""
    return [(code, name) for code, name in agencies().values_list("code", "name")]
