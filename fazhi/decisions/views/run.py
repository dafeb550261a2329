"""The steps, each a POST from the detail page: every write goes through actions.py; a step the
person may never take answers 404, one the matter's stage does not allow is refused by the
action with the article it breaks."""

from __future__ import annotations

from typing import Any

from django import forms
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
from fazhi.decisions import actions, archive, permissions
from fazhi.decisions.forms import CommentAnswerForm, DuplicateForm, MeetingForm
from fazhi.decisions.models import Consultation, MajorDecision
from fazhi.decisions.view_helpers import archive_on_time
from fazhi.decisions.views.detail import _duplicate_choices, _get_decision
from fazhi.decisions.views.steps import (
    ACTIONS,
    FIELD_HINTS,
    FILE_FIELDS,
    Empty,
    _place_error,
    _refused,
    _stage_refusal,
    _step_form,
)


def _run(action: str, decision: MajorDecision, user: Any, data: dict[str, Any], form: forms.Form) -> Any:
    if action == "save_draft":
        return actions.save_draft(
            decision, actor=user, draft_text=data["draft_text"], explanation=data["explanation"]
        )
    if action == "start":
        return actions.start_procedures(decision, actor=user)
    if action == "open_consultation":
        return actions.open_consultation(
            decision, actor=user, closes_on=data["closes_on"], short_reason=data["short_reason"]
        )
    if action == "schedule_hearing":
        return actions.schedule_hearing(
            decision,
            actor=user,
            held_on=data["held_on"],
            place=data["place"],
            participants=data["participants"],
            materials_delivered_on=data.get("materials_delivered_on"),
        )
    if action == "publish_report":
        return actions.publish_adoption_report(decision, actor=user, report=data["report"])
    if action == "complete_participation":
        return actions.complete_public_participation(decision, actor=user)
    if action == "declare_interest":
        return actions.declare_interest(decision, data["expert"], actor=user, note=data["note"])
    if action == "add_expert_opinion":
        return actions.add_expert_opinion(
            decision,
            data["expert"],
            actor=user,
            opinion=data["opinion"],
            signed_on=data["signed_on"],
            signed_copy=data["signed_copy"],
        )
    if action == "complete_experts":
        return actions.complete_expert_argumentation(decision, actor=user)
    if action == "record_risk":
        return actions.record_risk_assessment(
            decision,
            actor=user,
            assessor=data["assessor"],
            level=data["level"],
            risk_points=data["risk_points"],
            mitigations=data["mitigations"],
            report=data["report"],
        )
    if action == "revise_draft":
        return actions.revise_draft_after_risk(
            decision, actor=user, draft_text=data["draft_text"], note=data["note"]
        )
    if action == "complete_risk":
        return actions.complete_risk_assessment(decision, actor=user)
    if action == "submit_review":
        return actions.submit_for_legality_review(decision, actor=user)
    if action == "send_to_meeting":
        return actions.send_to_meeting(decision, actor=user)
    if action == "record_decision":
        assert isinstance(form, MeetingForm)
        return actions.record_collective_decision(
            decision,
            actor=user,
            meeting_name=data["meeting_name"],
            meeting_on=data["meeting_on"],
            attendees=data["attendees"],
            statements=form.statements(),
            adopted=data["adopted"] == "yes",
            decision_text=data["decision_text"],
            dissent=data["dissent"],
            minutes=data["minutes"],
        )
    if action == "publish":
        return actions.publish_decision(
            decision, actor=user, published_on=data["published_on"], channel=data["channel"]
        )
    if action == "archive":
        return archive.archive_decision(decision, actor=user)
    if action == "execution_report":
        return actions.add_execution_report(
            decision,
            actor=user,
            execution_unit=data["execution_unit"],
            period=data["period"],
            progress=data["progress"],
            problems=data["problems"],
        )
    if action == "post_evaluation":
        return actions.record_post_evaluation(
            decision,
            actor=user,
            evaluator=data["evaluator"],
            trigger=data["trigger"],
            report=data["report"],
            conclusion=data["conclusion"],
        )
    if action == "adjust":
        return actions.adjust_decision(
            decision, actor=user, kind=data["kind"], reason=data["reason"], rerun=data["rerun"]
        )
    raise Http404


def _success_message(action: str, decision: MajorDecision, result: Any) -> str:
    decision.refresh_from_db()
    stage = decision.get_stage_display()
    if action == "open_consultation":
        return _("已公开征求意见，至 %(d)s 截止。") % {"d": date_text(result.closes_on)}
    if action == "schedule_hearing":
        return _("已公告听证会：%(d)s，%(p)s。") % {"d": date_text(result.held_on), "p": result.place}
    if action == "submit_review":
        return _("已送请合法性审查（%(code)s），等待政策法规处受理。") % {"code": result.code}
    if action == "record_decision":
        return _("已记录集体讨论决定：%(s)s。") % {"s": stage}
    if action == "publish":
        assert decision.archive_due_on is not None
        return _("已公布决策；档案应于 %(d)s 前移交。") % {"d": date_text(decision.archive_due_on)}
    if action == "archive":
        timing = _("按期") if archive_on_time(decision) else _("逾期")
        return _("已移交归档（%(t)s），档案包 SHA-256：%(h)s。") % {"t": timing, "h": decision.archive_sha256}
    if action in {"start", "complete_participation", "complete_experts", "complete_risk", "send_to_meeting"}:
        return _("已%(a)s，事项进入“%(s)s”。") % {"a": ACTIONS[action].label, "s": stage}
    if action == "adjust":
        return _("已记录%(k)s，事项当前处于“%(s)s”。") % {"k": result.get_kind_display(), "s": stage}
    return _("已%(a)s。") % {"a": ACTIONS[action].label}


def _comment_step(request: HttpRequest, decision: MajorDecision, name: str, user: Any) -> HttpResponse:
    """Answer one comment, or group it with another."""
    consultation = Consultation.objects.filter(decision=decision).first()
    try:
        comment_pk = int(request.POST.get("comment", ""))
    except ValueError:
        comment_pk = 0
    comments = list(consultation.comments.all()) if consultation else []
    comment = next((c for c in comments if c.pk == comment_pk), None)
    if comment is None:
        raise Http404
    form: forms.Form
    if name == "answer_comment":
        form = CommentAnswerForm(request.POST, prefix=f"answer-{comment.pk}")
    else:
        form = DuplicateForm(
            request.POST, prefix=f"dup-{comment.pk}", choices=_duplicate_choices(comments, comment)
        )
    if form.is_valid():
        data = form.cleaned_data
        try:
            if name == "answer_comment":
                actions.answer_comment(comment, actor=user, adoption=data["adoption"], answer=data["answer"])
            else:
                primary = next(c for c in comments if c.pk == data["of"])
                actions.mark_duplicate(comment, of=primary, actor=user)
        except PermissionDenied as exc:
            raise Http404 from exc
        except DomainError as exc:
            _place_error(form, FIELD_HINTS[name], str(exc))
        else:
            messages.success(
                request,
                _("已答复该条意见。")
                if name == "answer_comment"
                else _("已归并为重复意见，随所归并的意见一并答复。"),
            )
            return redirect(reverse("decisions:detail", args=[decision.pk]) + "#comment-" + str(comment.pk))
    return refusals.refuse(
        request,
        form,
        action=f"{name}:{comment.pk}",
        to=reverse("decisions:detail", args=[decision.pk]) + "#comment-" + str(comment.pk),
    )


@require_POST
@staff_view(permissions.can_see_decisions)
def decision_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """One step. A step the person may never take answers 404; one the stage does not allow is
    refused with the article it breaks; a refused step shows the page again with the input kept
    and the reason next to the field."""
    step = ACTIONS.get(action)
    if step is None:
        raise Http404
    user: Any = request.user
    decision = _get_decision(request, pk)
    if not step.may(user, decision):
        raise Http404
    refusal = _stage_refusal(decision, step)
    if refusal:
        return _refused(request, decision.pk, refusal)
    if action in {"answer_comment", "mark_duplicate"}:
        return _comment_step(request, decision, action, user)
    form = _step_form(action, decision, local_today(), request.POST, request.FILES)
    page = reverse("decisions:detail", args=[decision.pk]) + step.anchor
    if not form.is_valid():
        return refusals.refuse(request, form, action=action, to=page)
    try:
        result = _run(action, decision, user, form.cleaned_data, form)
    except PermissionDenied as exc:
        raise Http404 from exc
    except AttachmentRejected as exc:
        form.add_error(FILE_FIELDS.get(action), str(exc))
        return refusals.refuse(request, form, action=action, to=page)
    except DomainError as exc:
        if isinstance(form, Empty):
            return _refused(request, decision.pk, str(exc))
        _place_error(form, FIELD_HINTS.get(action, []), str(exc))
        return refusals.refuse(request, form, action=action, to=page, message=str(exc))
    messages.success(request, _success_message(action, decision, result))
    return redirect(reverse("decisions:detail", args=[decision.pk]) + step.anchor)
