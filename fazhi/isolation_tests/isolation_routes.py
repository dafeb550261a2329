"""The two-department isolation matrix's tables (test_department_isolation.py): every page and API
route that takes a record id → the bureau's record it is asked about (department_records.py),
and the routes where isolation does not apply, each with its reason. A new id-taking route must
be added to one of them (the completeness tests fail otherwise)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any


@dataclass(frozen=True)
class Route:
    """A page reached with the id of `record` (an attribute of the bureau's records): GET it and
    (`post`) POST to it. `args`: the other URL arguments, from the records. `sees`: the bureau's
    role that opens it (the control that the route and the record are right; None: no GET, or
    the record is in no state to be shown, e.g. a letter not yet issued)."""

    record: str
    sees: str | None = "reviewer"
    get: bool = True
    post: bool = False
    args: Callable[[SimpleNamespace], dict[str, Any]] = field(default=lambda r: {})


def action(name: str) -> Callable[[SimpleNamespace], dict[str, Any]]:
    return lambda r: {"action": name}


def step(record: str, name: str) -> Route:
    """A POST-only step of a record's page (`<pk>/action/<name>/` or `<pk>/<name>/`)."""
    return Route(record, sees=None, get=False, post=True, args=action(name))


def post_only(record: str, args: Callable[[SimpleNamespace], dict[str, Any]] = lambda r: {}) -> Route:
    return Route(record, sees=None, get=False, post=True, args=args)


# url name → the route's record. Filing routes are seen by the Justice Bureau's filing officer.
PAGE_ROUTES: dict[str, Route] = {
    "core:attachment_download": Route("attachment", sees="reviewer"),
    "core:attachment_upload": post_only(
        "review", lambda r: {"model": "reviews.reviewrequest", "pk": str(r.review.pk)}
    ),
    "reviews:detail": Route("review", sees="drafter"),
    "reviews:edit": Route("review", sees="drafter", post=True),
    "reviews:action": step("review", "accept"),
    "reviews:opinion_answer": post_only("review", lambda r: {"number": r.opinion.number}),
    "reviews:letter": Route("review", sees=None),  # no letter before the review's conclusion
    "reviews:counsel_edit": Route("counsel", post=True),
    "documents:detail": Route("document", sees="drafter"),
    "documents:diff": Route("document", sees=None),  # a diff needs two versions
    "documents:action": step("document", "edit"),
    "documents:comment_answer": post_only("document", lambda r: {"comment_id": r.comment.pk}),
    "documents:filing_detail": Route("filing"),
    "documents:filing_action": step("filing", "decide"),
    "documents:cleanup_detail": Route("cleanup"),
    "documents:cleanup_action": step("cleanup", "approve"),
    "decisions:detail": Route("decision", sees="drafter"),
    "decisions:action": step("decision", "save_draft"),
    "decisions:archive": Route("decision"),
    "decisions:catalog_detail": Route("catalog"),
    "decisions:catalog_action": step("catalog", "approve"),
    "inspections:plan_detail": Route("plan"),
    "inspections:plan_action": step("plan", "publish"),
    "inspections:plan_tasks": Route("plan"),
    "inspections:draw_bundle": Route("plan", sees=None),  # a bundle once drawn
    "inspections:plan_export_xlsx": Route("plan"),
    "inspections:plan_export_json": Route("plan"),
    "inspections:task_detail": Route("task"),
    "inspections:task_action": step("task", "publish"),
    "inspections:item_edit": Route("item", post=True),
    "inspections:item_action": step("item", "publish"),
    "inspections:entity_detail": Route("entity"),
    "inspections:entity_action": step("entity", "deactivate"),
    "inspections:inspector_detail": Route("inspector"),
    "inspections:inspector_action": step("inspector", "deactivate"),
    "inspections:expert_detail": Route("expert"),
    "inspections:expert_action": step("expert", "deactivate"),
    "inspections:conflict_remove": post_only("conflict"),
    "enforcement:detail": Route("case", sees="officer"),
    "enforcement:action": step("case", "add_record"),
    "enforcement:instrument": post_only("case", lambda r: {"kind": "notice"}),
    "enforcement:instrument_download": Route("case", sees=None, args=lambda r: {"kind": "notice"}),
    "disputes:reconsideration_detail": Route("reconsideration"),
    "disputes:reconsideration_action": step("reconsideration", "submit_reply"),
    "disputes:litigation_detail": Route("litigation"),
    "disputes:litigation_action": step("litigation", "submit_defence"),
    "disputes:mediation_detail": Route("mediation"),
    "disputes:mediation_action": step("mediation", "accept"),
    "legal_publicity:plan_detail": Route("publicity_plan"),
    "legal_publicity:responsibility_detail": Route("responsibility"),
    "legal_publicity:responsibility_complete": post_only("responsibility"),
    "legal_publicity:activity_detail": Route("activity"),
    "ledger:detail": Route("ledger_item"),
    "ledger:action": step("ledger_item", "report_progress"),
    "services:matter_detail": Route("matter"),
    "services:matter_action": step("matter", "terms"),
    "services:commitment_detail": Route("commitment"),
    "services:commitment_action": step("commitment", "verify"),
    "services:credit_detail": Route("credit"),
    "services:credit_action": step("credit", "repair"),
    "services:power_detail": Route("power"),
    "services:power_action": step("power", "withdraw"),
    "complaints:detail": Route("complaint"),
    "complaints:action": step("complaint", "register"),
    "reports:detail": Route("report"),
    "reports:docx": Route("report", sees=None),
    "reports:section": Route("report", sees=None, post=True, args=lambda r: {"section_id": r.section.pk}),
    "reports:figure": Route("report", sees=None, args=lambda r: {"key": "documents.issued"}),
    "reports:step": step("report", "generate"),
    "reports:progress": Route("report", sees=None),
    "reports:task": Route("contribution", sees=None, post=True),
    "legislation:project_detail": Route("project"),
    "legislation:project_action": step("project", "start_drafting"),
    "legislation:comment_answer": post_only("project", lambda r: {"comment_id": r.draft_comment.pk}),
    "legislation:flag_detail": Route("flag", sees="drafter", post=True),
    "oversight:detail": Route("oversight"),
    "oversight:action": step("oversight", "close"),
    "oversight:finding_evidence": post_only("oversight", lambda r: {"finding_id": r.finding.pk}),
    "learning:exam_detail": Route("exam", sees="personnel"),
    "learning:start": post_only("exam"),
    "learning:results_import": post_only("exam"),
    "learning:attempt": Route("attempt", sees=None),  # the candidate's own
    "learning:answer": post_only("attempt", lambda r: {"qid": r.question.pk}),
    "learning:submit": post_only("attempt"),
    "learning:promotion_confirm": post_only("promotion"),
    "learning:session_detail": Route("session", sees="personnel"),
    # Administering a city (issue 12): a department administrator manages their own department
    # only; the city administrator's pages (edit, series) answer no role of the matrix.
    "core:department": Route("department", sees="admin_user"),
    "core:division_create": Route("department", sees="admin_user", post=True),
    "core:user_create": Route("department", sees="admin_user", post=True),
    "core:admin_division": Route("personnel_division", sees="admin_user", post=True),
    "core:admin_user": Route("member", sees="admin_user", post=True),
    "core:department_edit": Route("department", sees=None, post=True),
    "core:department_series": Route("department", sees=None, post=True),
}
FILING_ROUTES = {"documents:filing_detail", "documents:filing_action"}

# Id-taking pages where the isolation of departments does not apply.
PAGES_NOT_ISOLATED: dict[str, str] = {
    "core:rule_detail": "the rule book of deadlines: one for the whole city",
    "core:rule_new_version": "the rule book of deadlines: one for the whole city",
    "core:calendar_year": "the working-day calendar: one for the whole city",
    "legislation:law_detail": "the register of laws: one for the whole city",
    "legislation:version_create": "the register of laws: one for the whole city",
    "learning:question_detail": "the question bank of laws is shared city-wide (learning: ARCHITECTURE.md)",
    "inspections:import_job": "an upload's token answers only the person who uploaded it",
    "inspections:import_progress": "an upload's token answers only the person who uploaded it",
    "inspections:import_action": "an upload's token answers only the person who uploaded it",
    "public_complaints:captcha": "a captcha image, no record",
    "public_decisions:captcha": "a captcha image, no record",
    "portal:department": "a department's public entry page, for everyone",
    **{
        name: "a public page: every department's published records, for everyone"
        for name in (
            "library:document",
            "library:document_text",
            "library:draft_detail",
            "library:cleanup_result",
            "public_decisions:catalog",
            "public_decisions:consultation",
            "public_decisions:decision",
            "public_decisions:decision_text",
            "public_inspections:plan",
            "public_inspections:draw",
            "public_inspections:bundle",
            "public_enforcement:detail",
            "public_reports:detail",
            "public_reports:docx",
            "public_legislation:draft",
        )
    },
}

# API path → the bureau's role that GETs it (None: POST only, or no GET control). The ids in the
# path come from API_PARAMS.
API_RECORD_ROUTES: dict[str, str | None] = {
    "/api/v1/reviews/{review_id}": "drafter",
    **{
        f"/api/v1/reviews/{{review_id}}/{tail}": None
        for tail in (
            "submit",
            "accept",
            "return",
            "assign",
            "opinions",
            "conclude",
            "opinions/{number}/answer",
        )
    },
    "/api/v1/decisions/{decision_id}": "drafter",
    "/api/v1/decisions/{decision_id}/comments/{comment_id}/answer": None,
    "/api/v1/inspections/plans/{plan_id}": "reviewer",
    "/api/v1/inspections/plans/{plan_id}/export.xlsx": "reviewer",
    "/api/v1/inspections/plans/{plan_id}/export.json": "reviewer",
    "/api/v1/inspections/tasks/{task_id}": "reviewer",
    "/api/v1/inspections/tasks/{task_id}/result": None,
    "/api/v1/enforcement/cases/{case_id}": "officer",
    **{
        f"/api/v1/enforcement/cases/{{case_id}}/{tail}": None
        for tail in (
            "records",
            "major_grounds",
            "notify",
            "record_statement",
            "request_hearing",
            "schedule_hearing",
            "record_hearing",
            "submit_for_review",
            "decide",
            "serve",
            "execute",
            "close",
            "transfer",
            "publish",
            "record_reversal",
            "withdraw_publicity",
        )
    },
    "/api/v1/disputes/reconsiderations/{reconsideration_id}": "reviewer",
    "/api/v1/disputes/reconsiderations/{reconsideration_id}/reply": None,
    "/api/v1/disputes/reconsiderations/{reconsideration_id}/decision": None,
    "/api/v1/disputes/litigations/{litigation_id}": "reviewer",
    "/api/v1/disputes/litigations/{litigation_id}/defence": None,
    "/api/v1/disputes/litigations/{litigation_id}/judgment": None,
    "/api/v1/disputes/litigations/{litigation_id}/judgment_effect": None,
    "/api/v1/disputes/mediations/{mediation_id}": "reviewer",
    "/api/v1/disputes/mediations/{mediation_id}/accept": None,
    "/api/v1/disputes/mediations/{mediation_id}/meetings": None,
    "/api/v1/disputes/mediations/{mediation_id}/conclude": None,
    "/api/v1/publicity/activities/{activity_id}": "reviewer",
    "/api/v1/ledger/items/{item_id}": "reviewer",
    **{
        f"/api/v1/ledger/items/{{item_id}}/{tail}": None
        for tail in (
            "progress",
            "submit",
            "sign_off",
            "return",
            "supervise",
            "supervisions/{supervision_id}/respond",
            "cancel",
            "assess",
        )
    },
    "/api/v1/services/matters/{matter_id}": "reviewer",
    "/api/v1/services/commitments/{commitment_id}": "reviewer",
    "/api/v1/services/commitments/{commitment_id}/verify": None,
    "/api/v1/complaints/complaints/{complaint_id}": "reviewer",
    **{
        f"/api/v1/complaints/complaints/{{complaint_id}}/{tail}": None
        for tail in ("register", "dismiss", "accept", "transfer", "answer", "link_case", "judicial_transfer")
    },
    "/api/v1/legislation/projects/{project_id}": "reviewer",
    **{
        f"/api/v1/legislation/projects/{{project_id}}/{tail}": None
        for tail in (
            "start_drafting",
            "draft",
            "open_comment",
            "comments",
            "comments/{comment_id}/answer",
            "submit_for_review",
            "conclude_review",
            "deliberations",
            "promulgate",
            "terminate",
        )
    },
    "/api/v1/legislation/flags/{flag_id}/check": None,
    "/api/v1/oversight/{oversight_id}": "reviewer",
    **{
        f"/api/v1/oversight/{{oversight_id}}/{tail}": None
        for tail in ("head_parts", "feedback", "findings", "findings/{finding_id}/evidence", "close")
    },
    "/api/v1/learning/exams/{exam_id}/results": "personnel",
    "/api/v1/learning/exams/{exam_id}/attempts": None,
    "/api/v1/learning/attempts/{attempt_id}/answers": None,
    "/api/v1/learning/attempts/{attempt_id}/submit": None,
}
# A path parameter → the bureau's record whose id it takes (or a value: the opinion's number).
API_PARAMS: dict[str, Callable[[SimpleNamespace, str], Any]] = {
    "review_id": lambda r, path: r.review.pk,
    "number": lambda r, path: r.opinion.number,
    "decision_id": lambda r, path: r.decision.pk,
    "comment_id": lambda r, path: (r.decision_comment if "/decisions/" in path else r.draft_comment).pk,
    "plan_id": lambda r, path: r.plan.pk,
    "task_id": lambda r, path: r.task.pk,
    "case_id": lambda r, path: r.case.pk,
    "reconsideration_id": lambda r, path: r.reconsideration.pk,
    "litigation_id": lambda r, path: r.litigation.pk,
    "mediation_id": lambda r, path: r.mediation.pk,
    "activity_id": lambda r, path: r.activity.pk,
    "item_id": lambda r, path: r.ledger_item.pk,
    "supervision_id": lambda r, path: r.supervision.pk,
    "matter_id": lambda r, path: r.matter.pk,
    "commitment_id": lambda r, path: r.commitment.pk,
    "complaint_id": lambda r, path: r.complaint.pk,
    "project_id": lambda r, path: r.project.pk,
    "flag_id": lambda r, path: r.flag.pk,
    "oversight_id": lambda r, path: r.oversight.pk,
    "finding_id": lambda r, path: r.finding.pk,
    "exam_id": lambda r, path: r.exam.pk,
    "attempt_id": lambda r, path: r.attempt.pk,
}
# The record whose row must be unchanged after a refused POST: the path's first parameter's.
API_RECORD_OF = {
    "review_id": "review",
    "decision_id": "decision",
    "plan_id": "plan",
    "task_id": "task",
    "case_id": "case",
    "reconsideration_id": "reconsideration",
    "litigation_id": "litigation",
    "mediation_id": "mediation",
    "activity_id": "activity",
    "item_id": "ledger_item",
    "matter_id": "matter",
    "commitment_id": "commitment",
    "complaint_id": "complaint",
    "project_id": "project",
    "flag_id": "flag",
    "oversight_id": "oversight",
    "exam_id": "exam",
    "attempt_id": "attempt",
}

# Id-taking API routes where the isolation of departments does not apply.
API_NOT_ISOLATED: dict[str, str] = {
    "/api/v1/legislation/laws/{law_id}": "the register of laws: one for the whole city",
    "/api/v1/legislation/laws/{law_id}/versions": "the register of laws: one for the whole city",
    **{
        path: "public: every department's published records, for everyone"
        for path in (
            "/api/v1/documents/{document_id}",
            "/api/v1/inspections/draws/{draw_id}/bundle",
            "/api/v1/inspections/public/plans/{plan_id}",
            "/api/v1/reports/{year}",
            "/api/v1/reports/{year}/figures",
        )
    },
}

# List pages and API lists (permission_pages.PAGES, permission_api.API_ROUTES) that may show a
# bureau's marked record to the commission, with the reason.
LISTS_NOT_ISOLATED: dict[str, str] = {
    "learning:questions": "the question bank of laws is shared city-wide",
    "learning:question_export": "the question bank of laws is shared city-wide",
    "/api/v1/learning/questions": "the question bank of laws is shared city-wide",
}
