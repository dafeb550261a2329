"""Administering a city (issue 12): departments, justice bureaus, divisions, number series,
users and their roles. Every write is here: the permission check, the rule, the audit event,
in one transaction.

- the city administrator (`core.manage_city`) creates and edits departments (机关) and justice
  bureaus, their words and settings, and their number series, and does everything a
  department's administrator does, for any department;
- a department's administrator (`core.manage_department`, Role.SYSTEM_ADMIN) manages only the
  divisions, the users and the roles of their own department; another department's division
  or user is not found (the views answer 404);
- nobody grants the city administrator's role here (it is given by the installation's
  operator, through the accounts administration); a department's administrator may not touch
  the city administrator's account.
"""

from __future__ import annotations

import secrets
import string
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet

from fazhi.core.audit import record_event
from fazhi.core.models import NumberSeries, Organization, User
from fazhi.core.permissions import can_manage_city, can_manage_department
from fazhi.core.roles import Role

Kind = Organization.Kind
TOP_KINDS = (Kind.AGENCY, Kind.JUSTICE_BUREAU)
# The roles a department's or the city's administrator may give. The city administrator's own
# role is not among them.
GRANTABLE_ROLES = [role for role in Role if role != Role.CITY_ADMIN]
DEPARTMENT_FIELDS = (
    "name",
    "short_name",
    "code",
    "head_title",
    "leaders_title",
    "office_meeting",
    "party_meeting",
    "inspection_domains",
    "portal_intro",
    "sort_order",
)


# --- What an administrator sees ----------------------------------------------------------------


def managed_departments(user: Any) -> QuerySet[Organization]:
    """The top-level organizations (departments and justice bureaus) `user` administers."""
    top = Organization.objects.filter(parent__isnull=True, kind__in=TOP_KINDS).order_by(
        "kind", "sort_order", "id"
    )
    if can_manage_city(user):
        return top
    if not can_manage_department(user):
        return top.none()
    from fazhi.core.agencies import agency_id_of

    own = agency_id_of(user)
    return top.filter(pk=own) if own is not None else top.none()


def divisions_of(agency: Organization) -> QuerySet[Organization]:
    return Organization.objects.filter(parent=agency, kind=Kind.DIVISION).order_by("sort_order", "id")


def users_of(agency: Organization) -> QuerySet[User]:
    """Everyone who works for `agency`: in the agency itself or one of its divisions."""
    return (
        User.objects.filter(Q(organization=agency) | Q(organization__parent=agency))
        .select_related("organization")
        .prefetch_related("groups")
        .order_by("organization__sort_order", "organization_id", "username")
    )


def _require_city(actor: Any) -> None:
    if not can_manage_city(actor):
        raise PermissionDenied


def _require_department(actor: Any, agency: Organization) -> None:
    if not can_manage_department(actor, agency):
        raise PermissionDenied


def _snapshot(org: Organization) -> dict[str, Any]:
    data = {name: getattr(org, name) for name in DEPARTMENT_FIELDS}
    data["kind"] = org.kind
    authority = org.filing_authority if org.filing_authority_id else None
    data["filing_authority"] = authority.name if authority is not None else ""
    return data


def _check_unique_name(name: str, *, parent: Organization | None, exclude: int | None = None) -> None:
    others = Organization.objects.filter(parent=parent, name=name)
    if exclude is not None:
        others = others.exclude(pk=exclude)
    if others.exists():
        where = f"“{parent.name}”已有" if parent is not None else "已有"
        raise ValidationError({"name": f"{where}名为“{name}”的机构，名称不能重复。"})


def _check_unique_code(code: str, *, exclude: int | None = None) -> None:
    others = Organization.objects.filter(code=code)
    if exclude is not None:
        others = others.exclude(pk=exclude)
    if others.exists():
        raise ValidationError({"code": f"代码“{code}”已被使用，请换一个。"})


def _check_filing_authority(authority: Organization | None, kind: str) -> None:
    if authority is None:
        return
    if kind != Kind.AGENCY:
        raise ValidationError({"filing_authority": "只有部门（机关）需要设置备案审查机关。"})
    if authority.kind != Kind.JUSTICE_BUREAU:
        raise ValidationError({"filing_authority": "备案审查机关须为司法局（市或区）。"})


def _check_domains(domains: Any) -> list[list[str]]:
    if domains in (None, ""):
        return []
    if not isinstance(domains, list) or not all(
        isinstance(pair, list | tuple) and len(pair) == 2 and all(str(x).strip() for x in pair)
        for pair in domains
    ):
        raise ValidationError({"inspection_domains": "检查执法领域每行一项：代码、名称，用逗号分开。"})
    codes = [str(code).strip() for code, _label in domains]
    if len(set(codes)) != len(codes):
        raise ValidationError({"inspection_domains": "检查执法领域的代码不能重复。"})
    return [[str(code).strip(), str(label).strip()] for code, label in domains]


# --- Departments and justice bureaus (the city administrator) ----------------------------------


def create_department(*, actor: Any, kind: str = Kind.AGENCY, **fields: Any) -> Organization:
    """A new department (kind agency) or justice bureau, with its words and settings."""
    _require_city(actor)
    if kind not in TOP_KINDS:
        raise ValidationError({"kind": "只能创建部门（机关）或司法局。"})
    name = (fields.get("name") or "").strip()
    code = (fields.get("code") or "").strip()
    if not name:
        raise ValidationError({"name": "请填写名称。"})
    if not code:
        raise ValidationError({"code": "请填写代码（用于门户地址 /d/代码/）。"})
    authority = fields.pop("filing_authority", None)
    _check_filing_authority(authority, kind)
    domains = _check_domains(fields.pop("inspection_domains", []))
    with transaction.atomic():
        _check_unique_name(name, parent=None)
        _check_unique_code(code)
        org = Organization(kind=kind, parent=None, filing_authority=authority, inspection_domains=domains)
        for key in DEPARTMENT_FIELDS:
            if key in fields and key != "inspection_domains":
                value = fields[key]
                setattr(org, key, value.strip() if isinstance(value, str) else value)
        org.save()
        record_event("org.department_create", actor=actor, obj=org, data=_snapshot(org))
    return org


def update_department(org: Organization, *, actor: Any, **fields: Any) -> Organization:
    """Change a department's or justice bureau's name, words and settings."""
    _require_city(actor)
    if org.parent_id is not None or org.kind not in TOP_KINDS:
        raise PermissionDenied
    authority = fields.pop("filing_authority", org.filing_authority)
    _check_filing_authority(authority, org.kind)
    if "inspection_domains" in fields:
        fields["inspection_domains"] = _check_domains(fields["inspection_domains"])
    name = (fields.get("name", org.name) or "").strip()
    code = (fields.get("code", org.code) or "").strip()
    if not name:
        raise ValidationError({"name": "请填写名称。"})
    if not code:
        raise ValidationError({"code": "请填写代码。"})
    with transaction.atomic():
        _check_unique_name(name, parent=None, exclude=org.pk)
        _check_unique_code(code, exclude=org.pk)
        before = _snapshot(org)
        for key in DEPARTMENT_FIELDS:
            if key in fields:
                value = fields[key]
                setattr(org, key, value.strip() if isinstance(value, str) else value)
        org.filing_authority = authority
        org.save()
        after = _snapshot(org)
        changed = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
        if changed:
            record_event("org.department_update", actor=actor, obj=org, data={"changed": changed})
    return org


SERIES_KINDS = (
    ("normative", NumberSeries.Kind.NORMATIVE),
    ("ordinary", NumberSeries.Kind.ORDINARY),
    ("penalty", NumberSeries.Kind.PENALTY),
    ("review_letter", NumberSeries.Kind.REVIEW_LETTER),
)


def series_of(agency: Organization) -> dict[str, NumberSeries | None]:
    """The department's series by kind: its own three, and the review letters' series of its
    legal affairs division."""
    legal = agency.legal_affairs_division()
    found: dict[str, NumberSeries | None] = {}
    for key, kind in SERIES_KINDS:
        owner = legal if kind == NumberSeries.Kind.REVIEW_LETTER else agency
        found[key] = (
            NumberSeries.objects.filter(organization=owner, kind=kind).first() if owner is not None else None
        )
    return found


def set_number_series(agency: Organization, *, actor: Any, prefixes: dict[str, str]) -> dict[str, str]:
    """Create or rename the department's number series (代字): normative, ordinary, penalty, and
    the review letters' of its legal affairs division. A blank prefix leaves a series as it is;
    a series that has issued numbers keeps its prefix (its numbers are on record)."""
    _require_city(actor)
    if agency.kind != Kind.AGENCY or agency.parent_id is not None:
        raise ValidationError({"__all__": "只有部门（机关）有文号序列。"})
    current = series_of(agency)
    changes: dict[str, str] = {}
    with transaction.atomic():
        for key, kind in SERIES_KINDS:
            prefix = (prefixes.get(key) or "").strip()
            series = current[key]
            if not prefix or (series is not None and series.prefix == prefix):
                continue
            taken = NumberSeries.objects.filter(prefix=prefix)
            if series is not None:
                taken = taken.exclude(pk=series.pk)
            if taken.exists():
                raise ValidationError({key: f"代字“{prefix}”已被其他序列使用。"})
            if series is None:
                owner = agency
                if kind == NumberSeries.Kind.REVIEW_LETTER:
                    legal = agency.legal_affairs_division()
                    if legal is None:
                        raise ValidationError({key: "请先设置本部门的法制机构（负责合法性审核的处室）。"})
                    owner = legal
                NumberSeries.objects.create(organization=owner, kind=kind, prefix=prefix)
            else:
                if series.issued.exists():
                    raise ValidationError(
                        {key: f"序列“{series.prefix}”已编发文号，不能改代字；如需新代字请联系运维人员。"}
                    )
                series.prefix = prefix
                series.save(update_fields=["prefix"])
            changes[key] = prefix
        if changes:
            record_event("org.series_set", actor=actor, obj=agency, data={"prefixes": changes})
    return changes


# --- Divisions (a department's administrator, or the city's) ------------------------------------


def _division_code(agency: Organization) -> str:
    base = agency.code
    number = divisions_of(agency).count() + 1
    while Organization.objects.filter(code=f"{base}-d{number}").exists():
        number += 1
    return f"{base}-d{number}"


def _move_legal_flag(agency: Organization, division: Organization) -> None:
    """Exactly one legal affairs division: the flag moves to `division`. The review letters'
    series moves with it, so the department keeps one letter series."""
    previous = list(divisions_of(agency).filter(is_legal_affairs=True).exclude(pk=division.pk))
    Organization.objects.filter(pk__in=[p.pk for p in previous]).update(is_legal_affairs=False)
    NumberSeries.objects.filter(organization__in=previous, kind=NumberSeries.Kind.REVIEW_LETTER).update(
        organization=division
    )


def create_division(
    agency: Organization,
    *,
    actor: Any,
    name: str,
    is_legal_affairs: bool = False,
    code: str = "",
    sort_order: int = 0,
) -> Organization:
    _require_department(actor, agency)
    if agency.parent_id is not None or agency.kind not in TOP_KINDS:
        raise PermissionDenied
    name = name.strip()
    if not name:
        raise ValidationError({"name": "请填写处室名称。"})
    with transaction.atomic():
        _check_unique_name(name, parent=agency)
        code = code.strip() or _division_code(agency)
        _check_unique_code(code)
        division = Organization.objects.create(
            name=name,
            code=code,
            kind=Kind.DIVISION,
            parent=agency,
            is_legal_affairs=is_legal_affairs,
            sort_order=sort_order,
        )
        if is_legal_affairs:
            _move_legal_flag(agency, division)
        record_event(
            "org.division_create",
            actor=actor,
            obj=division,
            data={"agency": agency.name, "name": name, "code": code, "is_legal_affairs": is_legal_affairs},
        )
    return division


def update_division(
    division: Organization,
    *,
    actor: Any,
    name: str | None = None,
    is_legal_affairs: bool | None = None,
    sort_order: int | None = None,
) -> Organization:
    """Rename a division, set its place, or make it the legal affairs division. The flag cannot
    simply be taken away: the department must keep exactly one, set on another division."""
    agency = division.parent
    if division.kind != Kind.DIVISION or agency is None:
        raise PermissionDenied
    _require_department(actor, agency)
    before = {
        "name": division.name,
        "is_legal_affairs": division.is_legal_affairs,
        "sort_order": division.sort_order,
    }
    with transaction.atomic():
        if name is not None:
            name = name.strip()
            if not name:
                raise ValidationError({"name": "请填写处室名称。"})
            _check_unique_name(name, parent=agency, exclude=division.pk)
            division.name = name
        if is_legal_affairs is not None:
            if division.is_legal_affairs and not is_legal_affairs:
                raise ValidationError(
                    {
                        "is_legal_affairs": (
                            "本部门须有且只有一个法制机构：请在另一处室上勾选“法制机构”，本处室随之取消。"
                        )
                    }
                )
            if is_legal_affairs and not division.is_legal_affairs:
                division.is_legal_affairs = True
                _move_legal_flag(agency, division)
        if sort_order is not None:
            division.sort_order = sort_order
        division.save()
        after = {
            "name": division.name,
            "is_legal_affairs": division.is_legal_affairs,
            "sort_order": division.sort_order,
        }
        changed = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
        if changed:
            record_event("org.division_update", actor=actor, obj=division, data={"changed": changed})
    return division


# --- Users and roles -----------------------------------------------------------------------------


def user_agency(user: User) -> Organization | None:
    org = user.organization
    return org.agency if org is not None else None


def _require_user(actor: Any, user: User) -> Organization:
    """The agency of `user`, if `actor` administers it; the city administrator's account is
    touched only by a city administrator."""
    agency = user_agency(user)
    if agency is None or not can_manage_department(actor, agency):
        raise PermissionDenied
    if user.has_role(Role.CITY_ADMIN) and not can_manage_city(actor):
        raise PermissionDenied
    return agency


def _check_unit(agency: Organization, unit: Organization | None) -> Organization:
    """The user's unit: the agency itself or one of its divisions."""
    if unit is None:
        return agency
    if unit.pk != agency.pk and unit.parent_id != agency.pk:
        raise ValidationError({"organization": "所在处室须为本部门的处室。"})
    return unit


def _check_roles(actor: Any, roles: Iterable[str]) -> list[str]:
    codes = sorted({str(role) for role in roles})
    allowed = {str(role) for role in GRANTABLE_ROLES}
    refused = [code for code in codes if code not in allowed]
    if refused:
        raise ValidationError({"roles": "不能在此授予“全市系统管理员”或未知的角色。"})
    return codes


def temporary_password() -> str:
    """A password to hand over once: 14 characters of letters and digits, with each kind."""
    alphabet = string.ascii_letters + string.digits
    while True:
        word = "".join(secrets.choice(alphabet) for _ in range(14))
        if (
            any(c.isdigit() for c in word)
            and any(c.islower() for c in word)
            and any(c.isupper() for c in word)
        ):
            return word


def create_user(
    agency: Organization,
    *,
    actor: Any,
    username: str,
    full_name: str,
    organization: Organization | None = None,
    title: str = "",
    email: str = "",
    roles: Iterable[str] = (),
) -> tuple[User, str]:
    """A new account of `agency` (in the agency itself or one of its divisions) with its roles;
    returns the user and a temporary password, shown once."""
    _require_department(actor, agency)
    username = username.strip()
    if not username:
        raise ValidationError({"username": "请填写用户名。"})
    if not full_name.strip():
        raise ValidationError({"full_name": "请填写姓名。"})
    unit = _check_unit(agency, organization)
    codes = _check_roles(actor, roles)
    password = temporary_password()
    with transaction.atomic():
        if User.objects.filter(username__iexact=username).exists():
            raise ValidationError({"username": f"用户名“{username}”已被使用。"})
        user = User.objects.create_user(
            username=username,
            password=password,
            full_name=full_name.strip(),
            organization=unit,
            title=title.strip(),
            email=email.strip(),
        )
        user.groups.set(Group.objects.filter(name__in=codes))
        record_event(
            "account.user_create",
            actor=actor,
            obj=user,
            data={"username": username, "organization": unit.name, "agency": agency.name, "roles": codes},
        )
    return user, password


def update_user(
    user: User,
    *,
    actor: Any,
    full_name: str | None = None,
    organization: Organization | None = None,
    title: str | None = None,
    email: str | None = None,
) -> User:
    """Change a user's name, division (within the same department), title or e-mail."""
    agency = _require_user(actor, user)
    before = {
        "full_name": user.full_name,
        "organization": str(user.organization),
        "title": user.title,
        "email": user.email,
    }
    with transaction.atomic():
        if full_name is not None:
            if not full_name.strip():
                raise ValidationError({"full_name": "请填写姓名。"})
            user.full_name = full_name.strip()
        if organization is not None:
            user.organization = _check_unit(agency, organization)
        if title is not None:
            user.title = title.strip()
        if email is not None:
            user.email = email.strip()
        user.save()
        after = {
            "full_name": user.full_name,
            "organization": str(user.organization),
            "title": user.title,
            "email": user.email,
        }
        changed = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
        if changed:
            record_event("account.user_update", actor=actor, obj=user, data={"changed": changed})
    return user


def set_roles(user: User, *, actor: Any, roles: Iterable[str]) -> list[str]:
    """Give `user` exactly these roles (the city administrator's role is kept as it is)."""
    _require_user(actor, user)
    codes = _check_roles(actor, roles)
    if (
        user.pk == getattr(actor, "pk", None)
        and str(Role.SYSTEM_ADMIN) in user.role_codes()
        and str(Role.SYSTEM_ADMIN) not in codes
        and not can_manage_city(actor)
    ):
        raise ValidationError({"roles": "不能取消自己的系统管理员角色；请由另一位管理员办理。"})
    with transaction.atomic():
        before = sorted(user.role_codes())
        keep = [code for code in before if code == str(Role.CITY_ADMIN)]
        wanted = sorted(set(codes) | set(keep))
        user.groups.set(Group.objects.filter(name__in=wanted))
        user.__dict__.pop("_role_codes", None)
        if wanted != before:
            record_event("account.roles_set", actor=actor, obj=user, data={"before": before, "after": wanted})
    return wanted


def set_active(user: User, *, actor: Any, active: bool) -> User:
    """Deactivate an account (it can no longer sign in; its records stay) or activate it again."""
    _require_user(actor, user)
    if user.pk == getattr(actor, "pk", None) and not active:
        raise ValidationError({"__all__": "不能停用自己的账户。"})
    with transaction.atomic():
        moved = User.objects.filter(pk=user.pk, is_active=not active).update(is_active=active)
        user.is_active = active
        if moved:
            record_event(
                "account.activate" if active else "account.deactivate",
                actor=actor,
                obj=user,
                data={"username": user.username},
            )
    return user


def reset_password(user: User, *, actor: Any, password: str = "") -> str:
    """Set a new password for `user`: the one given (checked by the password rules) or a
    temporary one, returned to be handed over once. The audit event never holds it."""
    _require_user(actor, user)
    password = password or temporary_password()
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": list(exc.messages)}) from exc
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        record_event("account.password_reset", actor=actor, obj=user, data={"username": user.username})
    return password
