"""What the endpoints share: the records a reader may see, the rows they answer, the
responses they document."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Schema
from ninja.errors import HttpError

from fazhi.core.api.schemas import ErrorOut
from fazhi.core.calendar import Deadline
from fazhi.core.models import User
from fazhi.core.workflow import DomainError, InvalidTransition, Transition
from fazhi.disputes import permissions
from fazhi.disputes.api._common import ERRORS
from fazhi.disputes.api.schemas import DisputePageQuery
from fazhi.enforcement.models import EnforcementCase

# ---------------------------------------------------------------------------------------------
# Rows and helpers


def _page(query: DisputePageQuery, count: int, items: list[dict[str, Any]]) -> dict[str, Any]:
    return {"count": count, "limit": query.limit, "offset": query.offset, "items": items}


def _deadline(deadline: Deadline | None) -> dict[str, Any] | None:
    if deadline is None:
        return None
    return {
        "due": deadline.due,
        "basis": deadline.basis,
        "period": deadline.period_label,
        "rule": deadline.rule_code,
        "rule_version": deadline.rule_version,
    }


def _reader(request: HttpRequest) -> User:
    """The signed-in user, if they may read disputes: otherwise 404."""
    if not permissions.can_see(request.user):
        raise Http404
    return request.user  # type: ignore[return-value]


def _handler(request: HttpRequest) -> User:
    """The signed-in user, if they handle disputes: otherwise 404, as for a hidden record."""
    if not permissions.can_handle(request.user):
        raise Http404
    return request.user  # type: ignore[return-value]


def _registrar(request: HttpRequest) -> User:
    """A handler who may register a record: it belongs to their division, so an account outside
    any division (a superuser, say) is refused rather than failing on the missing division."""
    user = _handler(request)
    if user.organization_id is None:
        raise DomainError("登记人未归属任何处室")
    return user


def _linked_case(actor: User, case_id: int | None) -> EnforcementCase | None:
    """The enforcement case a body names. A missing one and one the actor may not see answer
    alike, so that the answer reveals nothing."""
    if case_id is None:
        return None
    case = EnforcementCase.objects.visible_to(actor).filter(pk=case_id).first()
    if case is None:
        raise HttpError(422, f"未找到关联执法案件（编号 {case_id}）")
    return case


def _at(record: Any, transition: Transition) -> None:
    """A step the record's state allows: otherwise 409 naming the state, worded as the
    transition helper words it (before the action checks the body's dates)."""
    if record.status not in transition.sources:
        raise InvalidTransition(f"当前状态为“{record.get_status_display()}”，不能{transition.label}")


def _responses(out: type[Schema], status: int = 200) -> dict[int, type[Schema]]:
    return {status: out, **dict.fromkeys(ERRORS, ErrorOut)}


READ = {404: ErrorOut, 422: ErrorOut}
