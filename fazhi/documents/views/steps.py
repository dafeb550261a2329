"""The steps of a document's page as a table: who may take each (the buttons and forms come
from `permissions.available_actions`; a step the person may never take answers 404), its form,
and the refusal of one the document's status does not allow."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core.agencies import wording
from fazhi.core.permissions import is_staff_member
from fazhi.documents import actions, permissions
from fazhi.documents.forms import (
    AbandonForm,
    CorrectionForm,
    DeliberationForm,
    FileForm,
    InternalCommentForm,
    IssueForm,
    PublishForm,
    SolicitationForm,
    SubmitForReviewForm,
    ValidityForm,
    VersionForm,
)
from fazhi.documents.models import NormativeDocument
from fazhi.documents.view_helpers import is_leadership

S = NormativeDocument.Status
T = actions.TRANSITIONS


# ---------------------------------------------------------------------------------------------
# The detail page


@dataclass(frozen=True)
class Step:
    """A step of the detail page: who may ever take it (else 404), the states it is taken in
    (else a Chinese refusal naming the current state and the rule), and its name."""

    may: Callable[[Any, NormativeDocument], bool]
    states: frozenset[str]
    label: Any
    rule: Any = ""


def _commenter(user: Any, document: NormativeDocument) -> bool:
    return is_staff_member(user) and user.organization_id is not None


STEPS: dict[str, Step] = {
    "edit": Step(
        permissions.is_drafter_of,
        # Under review only once the review has concluded (permissions.can_edit): the new
        # version then goes back to review.
        frozenset({S.DRAFTING, S.SOLICITING, S.UNDER_REVIEW, S.DELIBERATED}),
        gettext_lazy("修改文本"),
    ),
    "open_solicitation": Step(
        permissions.is_drafter_of, T["open_solicitation"].sources, T["open_solicitation"].label
    ),
    "comment": Step(_commenter, frozenset({S.SOLICITING}), gettext_lazy("提出意见")),
    "submit_for_review": Step(
        permissions.is_drafter_of,
        T["submit_for_review"].sources,
        T["submit_for_review"].label,
        T["submit_for_review"].rule,
    ),
    "record_deliberation": Step(
        lambda u, d: permissions.can_issue(u) or is_leadership(u),
        T["deliberate"].sources,
        gettext_lazy("记录集体审议"),
        T["deliberate"].rule,
    ),
    "issue": Step(
        lambda u, d: permissions.can_issue(u), T["issue"].sources, T["issue"].label, T["issue"].rule
    ),
    "publish": Step(
        lambda u, d: permissions.can_issue(u), T["publish"].sources, T["publish"].label, T["publish"].rule
    ),
    "file": Step(
        lambda u, d: permissions.can_issue(u) or permissions.is_drafter_of(u, d),
        frozenset({S.PUBLISHED}),
        gettext_lazy("报送备案"),
        gettext_lazy("公布后方可报送备案"),
    ),
    "abandon": Step(permissions.is_drafter_of, T["abandon"].sources, T["abandon"].label),
    # The drafting division answers a deferral of the filing from the document page (the
    # filing pages are the Justice Bureau's and the legal affairs division's).
    "answer_correction": Step(
        lambda u, d: permissions.can_issue(u) or permissions.is_drafter_of(u, d),
        frozenset({S.PUBLISHED}),
        gettext_lazy("报送纠正情况"),
    ),
    "record_validity": Step(
        lambda u, d: permissions.can_manage_cleanup(u),
        frozenset({S.PUBLISHED}),
        gettext_lazy("记录效力变化"),
        gettext_lazy("仅已公布的文件有效力变化"),
    ),
}

# Words of an action's refusal → the field it concerns, so the message stands next to it.
FIELD_HINTS: dict[str, list[tuple[str, str]]] = {
    "edit": [("文本", "text")],
    "open_solicitation": [("", "closes_on")],
    "comment": [("意见", "text")],
    "submit_for_review": [("法律依据", "legal_basis"), ("起草说明", "explanation")],
    "record_deliberation": [
        ("审议日期", "meeting_on"),
        ("会议纪要", "minutes"),
        ("审议会议", "meeting_name"),
        ("审议结果", "outcome"),
    ],
    "issue": [("签发人", "signed_by")],
    "publish": [("施行日期", "effective_on"), ("公布日期", "published_on"), ("公布载体", "channel")],
    "file": [("起草说明", "explanation")],
    "abandon": [("理由", "reason")],
    "answer_correction": [("纠正情况", "answer")],
    "record_validity": [
        ("据以修改", "by_document"),
        ("自身", "by_document"),
        ("日期", "on"),
        ("事项", "kind"),
    ],
}


def _refusal(document: NormativeDocument, step: Step) -> str | None:
    if document.status in step.states:
        return None
    message = _("当前状态为“%(status)s”，不能%(action)s") % {
        "status": document.get_status_display(),
        "action": step.label,
    }
    return message + (f"（{step.rule}）" if step.rule else "")


def _window_open(document: NormativeDocument, today: datetime.date) -> bool:
    return bool(
        document.status == S.SOLICITING
        and document.comment_opens_on
        and document.comment_closes_on
        and document.comment_opens_on <= today <= document.comment_closes_on
    )


def _step_form(
    action: str, document: NormativeDocument, today: datetime.date, data: Any = None, files: Any = None
) -> forms.Form:
    makers: dict[str, Callable[[], forms.Form]] = {
        "edit": lambda: VersionForm(
            data, prefix="edit", initial={"text": actions.current_text(document)} if data is None else None
        ),
        "open_solicitation": lambda: SolicitationForm(data, prefix="solicit"),
        "comment": lambda: InternalCommentForm(data, prefix="comment"),
        "submit_for_review": lambda: SubmitForReviewForm(data, prefix="submit"),
        "record_deliberation": lambda: DeliberationForm(
            data,
            files,
            prefix="deliberation",
            # The agency's own deliberation meeting (局长办公会 / 主任办公会 …).
            initial={"meeting_on": today, "meeting_name": wording(document.agency).office_meeting},
        ),
        "issue": lambda: IssueForm(data, prefix="issue"),
        "publish": lambda: PublishForm(
            data, prefix="publish", initial={"published_on": today, "effective_on": today}
        ),
        "file": lambda: FileForm(data, prefix="file"),
        "abandon": lambda: AbandonForm(data, prefix="abandon"),
        "answer_correction": lambda: CorrectionForm(data, prefix="correction"),
        "record_validity": lambda: ValidityForm(data, prefix="validity", document=document),
    }
    return makers[action]()
