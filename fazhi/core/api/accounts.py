from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from fazhi.core.agencies import agency_of

router = Router(tags=["账户"])


class OrganizationOut(Schema):
    id: int
    name: str
    kind: str


class AccountAgencyOut(Schema):
    """The agency (机关) the user works for: what every list and figure of the API is limited to."""

    id: int
    code: str
    name: str
    short_name: str
    kind: str


class MeOut(Schema):
    username: str
    full_name: str
    organization: OrganizationOut | None
    agency: AccountAgencyOut | None
    roles: list[str]
    role_labels: list[str]


@router.get("/me", response=MeOut, summary="当前用户")
def me(request: HttpRequest) -> dict:
    user = request.user
    org = user.organization  # type: ignore[union-attr]
    agency = agency_of(user)
    return {
        "username": user.username,  # type: ignore[union-attr]
        "full_name": user.display_name,  # type: ignore[union-attr]
        "organization": {"id": org.pk, "name": org.name, "kind": org.kind} if org else None,
        "agency": {
            "id": agency.pk,
            "code": agency.code,
            "name": agency.name,
            "short_name": agency.short_name,
            "kind": agency.kind,
        }
        if agency is not None
        else None,
        "roles": sorted(user.role_codes()),  # type: ignore[union-attr]
        "role_labels": user.role_labels(),  # type: ignore[union-attr]
    }
