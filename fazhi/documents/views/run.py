"""The steps, each a POST from a document's page: every write goes through actions.py."""

from __future__ import annotations

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
from fazhi.core.deadlines import missing_year
from fazhi.core.formats import date_text
from fazhi.core.http import staff_view
from fazhi.core.workflow import DomainError
from fazhi.documents import actions, permissions
from fazhi.documents.forms import CommentAnswerForm
from fazhi.documents.models import Comment, Filing, NormativeDocument
from fazhi.documents.view_helpers import place_error
from fazhi.documents.views.detail import _get_document
from fazhi.documents.views.steps import FIELD_HINTS, STEPS, _refusal, _step_form

# ---------------------------------------------------------------------------------------------
# The steps, each a POST from the detail page


def _run(action: str, document: NormativeDocument, user: Any, data: dict[str, Any]) -> Any:
    if action == "edit":
        return actions.add_version(document, actor=user, text=data["text"], note=data["note"])
    if action == "open_solicitation":
        return actions.open_solicitation(document, actor=user, closes_on=data["closes_on"])
    if action == "comment":
        organization = user.organization
        return actions.add_comment(
            document,
            text=data["text"],
            source=Comment.Source.INTERNAL,
            author_name=f"{organization.name} {user.display_name}",
            actor=user,
        )
    if action == "submit_for_review":
        return actions.submit_for_review(
            document, actor=user, legal_basis=data["legal_basis"], explanation=data["explanation"]
        )
    if action == "record_deliberation":
        return actions.record_deliberation(
            document,
            actor=user,
            meeting_name=data["meeting_name"],
            meeting_on=data["meeting_on"],
            outcome=data["outcome"],
            notes=data["notes"],
            minutes=data["minutes"],
        )
    if action == "issue":
        return actions.issue_document(document, actor=user, signed_by=data["signed_by"])
    if action == "publish":
        return actions.publish_document(
            document,
            actor=user,
            published_on=data["published_on"],
            effective_on=data["effective_on"],
            channel=data["channel"],
        )
    if action == "file":
        return actions.file_document(document, actor=user, explanation=data["explanation"])
    if action == "abandon":
        return actions.abandon_document(document, actor=user, reason=data["reason"])
    if action == "answer_correction":
        return actions.answer_correction(document.filing, actor=user, answer=data["answer"])
    if action == "record_validity":
        return actions.record_validity_event(
            document,
            actor=user,
            kind=data["kind"],
            on=data["on"],
            by_document=data["by_document"],
            note=data["note"],
        )
    raise Http404


def _success_message(action: str, document: NormativeDocument, result: Any) -> str:
    if action == "edit":
        return _("已保存第 %(n)s 版。") % {"n": result.number}
    if action == "open_solicitation":
        return _("已公开征求意见，截止 %(d)s。") % {"d": date_text(document.comment_closes_on)}
    if action == "submit_for_review":
        return _("已送请合法性审核（%(code)s），等待政策法规处受理。") % {"code": result.code}
    if action == "record_deliberation":
        return _("已记录集体审议：%(o)s。") % {"o": document.get_outcome_display()}
    if action == "issue":
        return _("已统一编号印发：%(n)s。") % {"n": document.number}
    if action == "publish":
        return _("已公布，%(e)s 起施行，有效期至 %(x)s。") % {
            "e": date_text(document.effective_on),
            "x": date_text(document.expires_on),
        }
    if action == "file":
        if result.due_on is None:
            return _("已报送司法局备案；报送期限待录入 %(y)s 年工作日历后计算。") % {
                "y": missing_year(result.document.published_on)
            }
        timing = _("按期报送") if result.on_time else _("逾期报送")
        return _("已报送司法局备案（报送期限 %(d)s，%(t)s）。") % {
            "d": date_text(result.due_on),
            "t": timing,
        }
    if action == "record_validity":
        return _("已记录：%(k)s（%(d)s）。") % {
            "k": result.get_kind_display(),
            "d": date_text(result.on),
        }
    return {
        "comment": _("已提交意见。"),
        "abandon": _("已终止制定。"),
        "answer_correction": _("已报送纠正情况，等待司法局复审。"),
    }[action]


@require_POST
@staff_view(permissions.can_see_documents)
def document_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """One step. A step the person may never take answers 404; one the state does not allow
    is refused with the current state and the rule; a refused step shows the page again with
    the input kept and the reason next to the field."""
    step = STEPS.get(action)
    if step is None:
        raise Http404
    user: Any = request.user
    document = _get_document(request, pk)
    if not step.may(user, document):
        raise Http404
    refusal = _refusal(document, step)
    if refusal:
        messages.error(request, refusal)
        return redirect("documents:detail", pk=document.pk)
    filing = Filing.objects.filter(document=document).first()
    if action == "file" and filing is not None:
        messages.error(request, _("该文件已报送备案"))
        return redirect("documents:detail", pk=document.pk)
    if action == "answer_correction" and (filing is None or filing.status != Filing.Status.DEFERRED):
        state = filing.get_status_display() if filing else _("未报送备案")
        messages.error(request, _("当前备案状态为“%(s)s”，不能报送纠正情况") % {"s": state})
        return redirect(reverse("documents:detail", args=[document.pk]) + "#filing")
    form = _step_form(action, document, local_today(), request.POST, request.FILES)
    page = reverse("documents:detail", args=[document.pk])
    if not form.is_valid():
        return refusals.refuse(request, form, action=action, to=page)
    try:
        result = _run(action, document, user, form.cleaned_data)
    except PermissionDenied as exc:
        raise Http404 from exc
    except AttachmentRejected as exc:
        form.add_error("minutes" if "minutes" in form.fields else None, str(exc))
        return refusals.refuse(request, form, action=action, to=page)
    except DomainError as exc:
        place_error(form, FIELD_HINTS.get(action, []), str(exc))
        return refusals.refuse(request, form, action=action, to=page, message=str(exc))
    messages.success(request, _success_message(action, document, result))
    anchor = "#filing" if action == "answer_correction" else ""
    return redirect(reverse("documents:detail", args=[document.pk]) + anchor)


@require_POST
@staff_view(permissions.can_see_documents)
def comment_answer(request: HttpRequest, pk: int, comment_id: int) -> HttpResponse:
    """The drafting division answers one opinion."""
    user: Any = request.user
    document = _get_document(request, pk)
    comment = document.comments.filter(pk=comment_id).first()
    if comment is None or not permissions.is_drafter_of(user, document):
        raise Http404
    if not permissions.can_answer_comments(user, document):
        messages.error(
            request,
            _("当前状态为“%(status)s”，不能答复意见") % {"status": document.get_status_display()},
        )
        return redirect("documents:detail", pk=document.pk)
    prefix = f"answer-{comment.pk}"
    form = CommentAnswerForm(request.POST, prefix=prefix)
    if form.is_valid():
        try:
            actions.answer_comment(
                comment,
                actor=user,
                adoption=form.cleaned_data["adoption"],
                answer=form.cleaned_data["answer"],
            )
        except PermissionDenied as exc:
            raise Http404 from exc
        except DomainError as exc:
            place_error(form, [("答复", "answer"), ("采纳", "adoption")], str(exc))
        else:
            messages.success(request, _("已答复该条意见。"))
            return redirect(reverse("documents:detail", args=[document.pk]) + "#comments")
    return refusals.refuse(
        request,
        form,
        action=prefix,
        to=reverse("documents:detail", args=[document.pk]) + "#comments",
        message=_("意见未能答复，请按提示修改。"),
    )
