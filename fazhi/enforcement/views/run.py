"""The steps, each a POST from the case's page: every write goes through actions.py; one the
case's state does not allow is refused by the action with the rule it breaks."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fazhi.core import refusals
from fazhi.core.attachments import AttachmentRejected
from fazhi.core.clock import today as local_today
from fazhi.core.formats import date_text
from fazhi.core.http import staff_view
from fazhi.core.workflow import DomainError
from fazhi.enforcement import actions, permissions
from fazhi.enforcement.forms import Empty
from fazhi.enforcement.models import EnforcementCase
from fazhi.enforcement.view_helpers import place_error
from fazhi.enforcement.views.detail import _get_case
from fazhi.enforcement.views.steps import STEPS, _roles, _step_form

# ---------------------------------------------------------------------------------------------
# The steps, each a POST from the case's page


def _run(name: str, case: EnforcementCase, user: Any, data: dict[str, Any]) -> Any:
    if name == "add_record":
        return actions.add_record(
            case,
            actor=user,
            step=data["step"],
            kind=data["kind"],
            title=data["title"],
            note=data["note"],
            files=data["attachments"],
        )
    if name == "set_major_grounds":
        return actions.set_major_grounds(case, actor=user, grounds=data["grounds"])
    if name == "notify":
        return actions.notify(
            case, actor=user, proposed_decision=data["proposed_decision"], hearing_right=data["hearing_right"]
        )
    if name == "record_statement":
        return actions.record_statement(case, actor=user, statement=data["statement"], waived=data["waived"])
    if name == "request_hearing":
        return actions.request_hearing(case, actor=user, requested_on=data["requested_on"])
    if name == "schedule_hearing":
        return actions.schedule_hearing(case, actor=user, hearing_on=data["hearing_on"])
    if name == "record_hearing":
        return actions.record_hearing(case, actor=user, record=data["record"])
    if name == "submit_for_review":
        return actions.submit_for_review(case, actor=user, explanation=data["explanation"])
    if name == "decide":
        return actions.decide(
            case,
            actor=user,
            outcome=data["outcome"],
            decision_text=data["decision_text"],
            fine_amount=data["fine_amount"],
            overdue_reason=data["overdue_reason"],
            extension_basis=data["extension_basis"],
        )
    if name == "serve":
        return actions.serve(
            case,
            actor=user,
            served_on=data["served_on"],
            method=data["method"],
            late_reason=data["late_reason"],
        )
    if name == "execute":
        return actions.execute(case, actor=user, executed_on=data["executed_on"], note=data["note"])
    if name == "close":
        return actions.close(case, actor=user)
    if name == "transfer":
        return actions.transfer(
            case, actor=user, transferred_to=data["transferred_to"], reason=data["reason"]
        )
    if name == "publish":
        return actions.publish(case, actor=user)
    if name == "record_reversal":
        return actions.record_reversal(
            case,
            actor=user,
            reversed_on=data["reversed_on"],
            reason=data["reason"],
            effective_on=data["effective_on"],
        )
    if name == "withdraw_publicity":
        return actions.withdraw_publicity(case, actor=user)
    raise Http404


def _day(value: datetime.date | None) -> str:
    return date_text(value) if value else ""


def _success_message(name: str, case: EnforcementCase, result: Any) -> str:
    if name == "add_record":
        return _("已增加全过程记录：%(t)s。") % {"t": result.title}
    if name == "set_major_grounds":
        if case.is_major:
            return _("已认定重大执法决定情形；作出决定前须经法制审核。")
        return _("已保存：本案不属于重大执法决定。")
    if name == "notify" and case.hearing_request_due_on:
        return _("已告知当事人；当事人可于 %(d)s 前申请听证。") % {"d": _day(case.hearing_request_due_on)}
    if name == "record_statement" and case.waived:
        return _("已记录当事人明确放弃陈述、申辩和听证。")
    if name == "schedule_hearing":
        return _("已安排 %(d)s 举行听证，今日通知当事人。") % {"d": _day(case.hearing_on)}
    if name == "record_hearing":
        return _("已记录听证；经过听证的决定须经法制审核后方可作出。")
    if name == "submit_for_review":
        return _("已送法制审核（%(code)s），等待政策法规处受理。") % {"code": result.code}
    if name == "decide":
        return _("已作出决定，决定书文号 %(n)s；应于 %(s)s 前送达，%(p)s 前公示。") % {
            "n": case.decision_number,
            "s": _day(case.service_due_on),
            "p": _day(case.publicity_due_on),
        }
    if name == "record_reversal" and case.withdrawal_due_on:
        return _("已记录；已公示的决定应于 %(d)s 前撤回公示并说明理由。") % {
            "d": _day(case.withdrawal_due_on)
        }
    return _("已%(a)s。") % {"a": STEPS[name].label}


@require_POST
@staff_view(permissions.can_open_area)
def case_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """One step. A step the person may never take on this case answers 404; one the case's state
    does not allow is refused with the rule it breaks; a refused step shows the page again with
    the input kept and the reason next to the field."""
    step = STEPS.get(action)
    if step is None:
        raise Http404
    user: Any = request.user
    case = _get_case(request, pk)
    if not step.who & _roles(user, case):
        raise Http404
    form = _step_form(action, case, local_today(), request.POST, request.FILES)
    page = reverse("enforcement:detail", args=[case.pk]) + step.anchor
    if not form.is_valid():
        return refusals.refuse(request, form, action=action, to=page)
    try:
        result = _run(action, case, user, form.cleaned_data)
    except PermissionDenied as exc:
        raise Http404 from exc
    except AttachmentRejected as exc:
        form.add_error("attachments" if "attachments" in form.fields else None, str(exc))
        return refusals.refuse(request, form, action=action, to=page)
    except DomainError as exc:
        if isinstance(form, Empty):
            messages.error(request, str(exc))
            return redirect(page)
        place_error(form, step.hints, str(exc))
        return refusals.refuse(request, form, action=action, to=page, message=str(exc))
    messages.success(request, _success_message(action, case, result))
    return redirect(reverse("enforcement:detail", args=[case.pk]) + step.anchor)
