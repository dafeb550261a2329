from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

router = Router(tags=["账户"])


class OrganizationOut(Schema):
    id: int
    name: str
    kind: str


class MeOut(Schema):
    username: str
    full_name: str
    organization: OrganizationOut | None
    roles: list[str]
    role_labels: list[str]


@router.get("/me", response=MeOut, summary="当前用户")
def me(request: HttpRequest) -> dict:
    user = request.user
    org = user.organization  # type: ignore[union-attr]
    return {
        "username": user.username,  # type: ignore[union-attr]
        "full_name": user.display_name,  # type: ignore[union-attr]
        "organization": {"id": org.pk, "name": org.name, "kind": org.kind} if org else None,
        "roles": sorted(user.role_codes()),  # type: ignore[union-attr]
        "role_labels": user.role_labels(),  # type: ignore[union-attr]
    }
