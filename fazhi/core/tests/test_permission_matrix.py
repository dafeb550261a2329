"""Every role × every page and API route: allowed (200), hidden (404) or sent to log in.

A new page or API route must be added to the tables below; the completeness tests fail
otherwise, so nobody can add a page without deciding who may see it.
"""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, get_resolver

from fazhi.api import api
from fazhi.core.models import User
from fazhi.core.roles import Role
from fazhi.core.testing import BaseTestCase, make_user

ALL = "all"  # every signed-in role
ROLES = [
    "drafter",
    "division_head",
    "reviewer",
    "advisor",
    "director",
    "officer",
    "filing_officer",
    "admin_user",
    "superuser",
    "personnel",
]
# Everyone on the staff takes the law exams, the system administrator too (a duty, not a legal role).
TAKERS = {
    "drafter",
    "division_head",
    "reviewer",
    "director",
    "officer",
    "admin_user",
    "personnel",
    "superuser",
}
SCORES = {"director", "personnel"}
# A Django superuser without a role (issue 15): administration is not a legal role, so it sees
# what every signed-in person sees plus the administration pages (accounts, calendar, rule book).

# url name → (path, roles allowed or ALL, or "public")
PAGES: dict[str, tuple[str, object]] = {
    "portal:home": ("/", "public"),
    "library:index": ("/policies/", "public"),
    "library:feed": ("/policies/feed.atom", "public"),
    "library:export_json": ("/policies/export.json", "public"),
    "library:export_csv": ("/policies/export.csv", "public"),
    "library:drafts": ("/policies/drafts/", "public"),
    "public_decisions:index": ("/decisions/", "public"),
    "public_decisions:catalog": ("/decisions/catalogs/2026/", "public"),
    "public_decisions:consultations": ("/decisions/consultations/", "public"),
    "public_inspections:index": ("/inspections/", "public"),
    "public_inspections:items": ("/inspections/items/", "public"),
    "public_inspections:results": ("/inspections/results/", "public"),
    "public_inspections:verifier": ("/inspections/verify_draw.py", "public"),
    "portal:search": ("/search/", "public"),
    "portal:transparency": ("/transparency/", "public"),
    "portal:favicon": ("/favicon.ico", "public"),
    "portal:heads_file": ("/transparency/heads.jsonl", "public"),
    "portal:heads_key": ("/transparency/heads-key.pem", "public"),
    "portal:heads_verifier": ("/transparency/verify_heads.py", "public"),
    "public_legislation:index": ("/legislation/", "public"),
    "core:dashboard": ("/work/", ALL),
    "core:overview": ("/work/overview/", {"director"}),
    "core:rule_list": ("/work/rules/", ALL),
    "core:rule_detail": ("/work/rules/document.filing/", ALL),
    "core:rule_new_version": ("/work/rules/document.filing/new-version/", {"admin_user", "superuser"}),
    "core:calendar": ("/work/calendar/", ALL),
    "core:calendar_year": ("/work/calendar/2026/", ALL),
    "core:calendar_import": ("/work/calendar/import/", {"admin_user", "superuser"}),
    "core:deadline_calculator": ("/work/calendar/deadline/", ALL),
    "core:numbering": ("/work/numbering/", {"reviewer", "admin_user"}),
    "core:audit_list": ("/work/audit/", {"reviewer", "director", "admin_user"}),
    "core:tokens": ("/work/tokens/", ALL),
    "reviews:stats": ("/work/reviews/stats/", {"reviewer", "director", "admin_user"}),
    "reviews:list": (
        "/work/reviews/",
        {"drafter", "division_head", "reviewer", "advisor", "director", "officer", "admin_user"},
    ),
    "reviews:create": ("/work/reviews/new/", {"drafter", "division_head", "officer"}),
    "reviews:counsel_list": (
        "/work/reviews/counsel/",
        {"drafter", "division_head", "reviewer", "advisor", "director", "officer", "admin_user"},
    ),
    "reviews:counsel_create": ("/work/reviews/counsel/new/", {"reviewer", "admin_user"}),
    "documents:list": ("/work/documents/", {"drafter", "division_head", "reviewer", "director"}),
    "documents:create": ("/work/documents/new/", {"drafter", "division_head"}),
    "documents:stats": ("/work/documents/stats/", {"reviewer", "director", "filing_officer"}),
    "documents:register_export": (
        "/work/documents/register.xlsx",
        {"drafter", "division_head", "reviewer", "director"},
    ),
    "documents:import": ("/work/documents/import/", {"reviewer"}),
    "documents:filings": ("/work/documents/filings/", {"reviewer", "filing_officer"}),
    "documents:cleanup_list": ("/work/documents/cleanup/", {"reviewer"}),
    "documents:cleanup_create": ("/work/documents/cleanup/new/", {"reviewer"}),
    "decisions:list": ("/work/decisions/", {"drafter", "division_head", "reviewer", "director"}),
    "decisions:board": ("/work/decisions/board/", {"reviewer", "director"}),
    "decisions:propose": ("/work/decisions/propose/", {"drafter", "division_head"}),
    "decisions:catalogs": ("/work/decisions/catalogs/", {"drafter", "division_head", "reviewer", "director"}),
    "decisions:experts": ("/work/decisions/experts/", {"drafter", "division_head", "reviewer", "director"}),
    "inspections:plan_list": ("/work/inspections/", {"reviewer", "director", "officer"}),
    "inspections:plan_create": ("/work/inspections/plans/new/", {"reviewer"}),
    "inspections:task_list": ("/work/inspections/tasks/", {"officer"}),
    "inspections:publicity": ("/work/inspections/publicity/", {"reviewer", "director"}),
    "inspections:item_list": ("/work/inspections/items/", {"reviewer", "director", "officer"}),
    "inspections:item_create": ("/work/inspections/items/new/", {"reviewer"}),
    "inspections:entity_list": ("/work/inspections/entities/", {"reviewer", "director", "officer"}),
    "inspections:entity_create": ("/work/inspections/entities/new/", {"reviewer"}),
    "inspections:entity_import": ("/work/inspections/entities/import/", {"reviewer"}),
    "inspections:inspector_list": ("/work/inspections/inspectors/", {"reviewer", "director", "officer"}),
    "inspections:inspector_create": ("/work/inspections/inspectors/new/", {"reviewer"}),
    "inspections:expert_list": ("/work/inspections/experts/", {"reviewer", "director", "officer"}),
    "inspections:conflict_list": ("/work/inspections/conflicts/", {"reviewer", "director", "officer"}),
    "public_enforcement:index": ("/enforcement/", "public"),
    "enforcement:list": ("/work/enforcement/", {"reviewer", "director", "officer"}),
    "enforcement:create": ("/work/enforcement/new/", {"officer"}),
    "enforcement:stats": ("/work/enforcement/stats/?year=2026", {"reviewer", "director"}),
    "disputes:index": ("/work/disputes/?year=2026", {"reviewer", "director"}),
    "disputes:reconsiderations": ("/work/disputes/reconsiderations/", {"reviewer", "director"}),
    "disputes:reconsideration_create": ("/work/disputes/reconsiderations/new/", {"reviewer"}),
    "disputes:litigations": ("/work/disputes/litigations/", {"reviewer", "director"}),
    "disputes:litigation_create": ("/work/disputes/litigations/new/", {"reviewer"}),
    "disputes:mediations": ("/work/disputes/mediations/", {"reviewer", "director"}),
    "disputes:mediation_create": ("/work/disputes/mediations/new/", {"reviewer"}),
    "disputes:observations": ("/work/disputes/observations/", {"reviewer", "director"}),
    "disputes:observation_create": ("/work/disputes/observations/new/", {"reviewer"}),
    "disputes:screenings": ("/work/disputes/screenings/", {"reviewer", "director"}),
    "disputes:screening_create": ("/work/disputes/screenings/new/", {"reviewer"}),
    "legal_publicity:index": (
        "/work/publicity/?year=2026",
        {"drafter", "division_head", "reviewer", "director", "officer"},
    ),
    "legal_publicity:plans": (
        "/work/publicity/plans/",
        {"drafter", "division_head", "reviewer", "director", "officer"},
    ),
    "legal_publicity:plan_create": ("/work/publicity/plans/new/", {"reviewer"}),
    "legal_publicity:responsibilities": (
        "/work/publicity/responsibilities/",
        {"drafter", "division_head", "reviewer", "director", "officer"},
    ),
    "legal_publicity:responsibility_create": ("/work/publicity/responsibilities/new/", {"reviewer"}),
    "legal_publicity:activities": (
        "/work/publicity/activities/",
        {"drafter", "division_head", "reviewer", "director", "officer"},
    ),
    "legal_publicity:activity_create": (
        "/work/publicity/activities/new/",
        {"drafter", "division_head", "reviewer", "officer"},
    ),
    "ledger:board": ("/work/ledger/?year=2026", {"drafter", "division_head", "reviewer", "director"}),
    "ledger:create": ("/work/ledger/new/", {"reviewer", "director"}),
    "ledger:group": ("/work/ledger/group/?year=2026", {"drafter", "division_head", "reviewer", "director"}),
    "services:index": ("/work/services/?year=2026", {"reviewer", "director"}),
    "services:matters": ("/work/services/matters/", {"reviewer", "director"}),
    "services:matter_create": ("/work/services/matters/new/", {"reviewer"}),
    "services:commitments": ("/work/services/commitments/", {"reviewer", "director"}),
    "services:commitment_create": ("/work/services/commitments/new/", {"reviewer"}),
    "services:credit_records": ("/work/services/credit/", {"reviewer", "director"}),
    "services:powers": ("/work/services/powers/", {"reviewer", "director"}),
    "services:power_create": ("/work/services/powers/new/", {"reviewer"}),
    "complaints:list": ("/work/complaints/", {"drafter", "division_head", "reviewer", "director"}),
    "complaints:create": ("/work/complaints/new/", {"reviewer"}),
    "complaints:import": ("/work/complaints/import/", {"reviewer"}),
    "public_complaints:index": ("/complaints/", "public"),
    "public_complaints:new": ("/complaints/new/", "public"),
    "public_complaints:status": ("/complaints/status/", "public"),
    "reports:list": ("/work/reports/", {"drafter", "division_head", "reviewer", "director"}),
    "public_reports:index": ("/reports/", "public"),
    "legislation:projects": ("/work/legislation/", {"drafter", "division_head", "reviewer", "director"}),
    "legislation:project_create": ("/work/legislation/new/", {"reviewer"}),
    "legislation:laws": ("/work/legislation/laws/", ALL),
    "legislation:law_create": ("/work/legislation/laws/new/", {"reviewer", "admin_user"}),
    "legislation:flags": ("/work/legislation/flags/", ALL),
    "oversight:list": ("/work/oversight/", {"reviewer", "director"}),
    "oversight:create": ("/work/oversight/new/", {"reviewer"}),
    "learning:index": ("/work/learning/", TAKERS),
    "learning:study": ("/work/learning/study/", TAKERS),
    "learning:rules": ("/work/learning/rules/", TAKERS),
    "learning:exams": ("/work/learning/exams/", SCORES),
    "learning:exam_create": ("/work/learning/exams/new/", {"personnel"}),
    "learning:promotions": ("/work/learning/promotions/", SCORES),
    "learning:figures": ("/work/learning/figures/?year=2026", SCORES),
    "learning:questions": ("/work/learning/questions/", {"personnel"}),
    "learning:question_export": ("/work/learning/questions/export.xlsx", {"personnel"}),
    "learning:question_import": ("/work/learning/questions/import/", {"personnel"}),
    "learning:question_create": ("/work/learning/questions/new/", {"personnel"}),
    "learning:roster": ("/work/learning/roster/?q=张", {"personnel"}),
}
# Pages reached only with a record id or by POST; covered by their own tests.
NOT_IN_MATRIX = {
    "reviews:detail",
    "reviews:edit",
    "reviews:action",
    "reviews:opinion_answer",
    "reviews:letter",
    "reviews:counsel_edit",
    "documents:detail",
    "documents:diff",
    "documents:action",
    "documents:comment_answer",
    "documents:filing_detail",
    "documents:filing_action",
    "documents:cleanup_detail",
    "documents:cleanup_action",
    "decisions:detail",
    "decisions:action",
    "decisions:archive",
    "decisions:catalog_detail",
    "decisions:catalog_action",
    "inspections:plan_detail",
    "inspections:plan_action",
    "inspections:plan_tasks",
    "inspections:draw_bundle",
    "inspections:plan_export_xlsx",
    "inspections:plan_export_json",
    "inspections:task_detail",
    "inspections:task_action",
    "inspections:item_edit",
    "inspections:item_action",
    "inspections:entity_detail",
    "inspections:entity_action",
    "inspections:import_job",
    "inspections:import_progress",
    "inspections:import_action",
    "inspections:inspector_detail",
    "inspections:inspector_action",
    "inspections:expert_detail",
    "inspections:expert_action",
    "inspections:conflict_remove",
    "enforcement:detail",
    "enforcement:action",
    # The case's officers generate; whoever sees the case downloads: enforcement/tests/test_instruments.py
    "enforcement:instrument",
    "enforcement:instrument_download",
    "public_enforcement:detail",
    "disputes:reconsideration_detail",
    "disputes:reconsideration_action",
    "disputes:litigation_detail",
    "disputes:litigation_action",
    "disputes:mediation_detail",
    "disputes:mediation_action",
    "legal_publicity:plan_detail",
    "legal_publicity:responsibility_detail",
    "legal_publicity:responsibility_complete",
    "legal_publicity:activity_detail",
    "ledger:detail",
    "ledger:action",
    "services:matter_detail",
    "services:matter_action",
    "services:commitment_detail",
    "services:commitment_action",
    "services:credit_detail",
    "services:credit_action",
    "services:power_detail",
    "services:power_action",
    "complaints:detail",
    "complaints:action",
    "public_complaints:captcha",
    "reports:detail",
    "reports:docx",
    "reports:section",
    "reports:figure",
    "reports:step",
    "reports:progress",
    "reports:task",
    "public_reports:detail",  # 404 until a report is published: reports/tests/test_public.py
    "public_reports:docx",
    "legislation:project_detail",
    "legislation:project_action",
    "legislation:comment_answer",
    "legislation:law_detail",
    "legislation:version_create",
    "legislation:flag_detail",
    "oversight:detail",
    "oversight:action",
    "oversight:finding_evidence",
    "public_legislation:draft",
    "learning:start",
    "learning:attempt",
    "learning:answer",
    "learning:submit",
    "learning:exam_detail",
    "learning:results_import",
    "learning:question_detail",
    "learning:promotion_confirm",
    "learning:session_detail",
    "core:attachment_download",
    "core:attachment_upload",
    "public_decisions:consultation",
    "public_decisions:decision",
    "public_decisions:decision_text",
    "public_decisions:captcha",
    "public_inspections:plan",
    "public_inspections:draw",
    "public_inspections:bundle",
    "library:document",
    "library:document_text",
    "library:draft_detail",
    "library:cleanup_result",
}

API_ROUTES: dict[str, tuple[str, object]] = {
    "/api/v1/me": ("/api/v1/me", ALL),
    "/api/v1/calendar/deadline": (
        "/api/v1/calendar/deadline?start=2026-02-13&rule=decision.legality_review_min",
        ALL,
    ),
    "/api/v1/calendar/rules": ("/api/v1/calendar/rules", ALL),
    "/api/v1/reviews": (
        "/api/v1/reviews",
        {"drafter", "division_head", "reviewer", "advisor", "director", "officer", "admin_user"},
    ),
    "/api/v1/reviews/stats": ("/api/v1/reviews/stats?year=2026", {"reviewer", "director", "admin_user"}),
    "/api/v1/reviews/gate": (
        "/api/v1/reviews/gate?subject_type=core.calendaryear&subject_id=2026&kind=normative_document",
        {"reviewer", "director", "admin_user"},
    ),
    "/api/v1/decisions": ("/api/v1/decisions", {"drafter", "division_head", "reviewer", "director"}),
    "/api/v1/documents": ("/api/v1/documents", "public"),
    "/api/v1/documents/stats": ("/api/v1/documents/stats?year=2026", "public"),
    "/api/v1/inspections/items": ("/api/v1/inspections/items", "public"),
    "/api/v1/inspections/draws": ("/api/v1/inspections/draws", "public"),
    "/api/v1/inspections/public/plans": ("/api/v1/inspections/public/plans", "public"),
    "/api/v1/inspections/public/results": ("/api/v1/inspections/public/results", "public"),
    "/api/v1/inspections/plans": ("/api/v1/inspections/plans", {"reviewer", "director", "officer"}),
    "/api/v1/inspections/tasks": ("/api/v1/inspections/tasks", {"reviewer", "director", "officer"}),
    "/api/v1/enforcement/public/decisions": ("/api/v1/enforcement/public/decisions", "public"),
    "/api/v1/enforcement/stats": ("/api/v1/enforcement/stats?year=2026", {"reviewer", "director"}),
    "/api/v1/enforcement/cases": ("/api/v1/enforcement/cases", {"reviewer", "director", "officer"}),
    "/api/v1/disputes/stats": ("/api/v1/disputes/stats?year=2026", {"reviewer", "director"}),
    "/api/v1/disputes/reconsiderations": ("/api/v1/disputes/reconsiderations", {"reviewer", "director"}),
    "/api/v1/disputes/litigations": ("/api/v1/disputes/litigations", {"reviewer", "director"}),
    "/api/v1/disputes/mediations": ("/api/v1/disputes/mediations", {"reviewer", "director"}),
    "/api/v1/publicity/stats": ("/api/v1/publicity/stats?year=2026", {"reviewer", "director"}),
    "/api/v1/publicity/activities": (
        "/api/v1/publicity/activities",
        {"drafter", "division_head", "reviewer", "director", "officer"},
    ),
    "/api/v1/ledger/stats": ("/api/v1/ledger/stats?year=2026", {"reviewer", "director"}),
    "/api/v1/ledger/items": ("/api/v1/ledger/items", {"drafter", "division_head", "reviewer", "director"}),
    "/api/v1/services/stats": ("/api/v1/services/stats?year=2026", {"reviewer", "director"}),
    "/api/v1/services/matters": ("/api/v1/services/matters", {"reviewer", "director"}),
    "/api/v1/services/commitments": ("/api/v1/services/commitments", {"reviewer", "director"}),
    "/api/v1/complaints/stats": ("/api/v1/complaints/stats?year=2026", {"reviewer", "director"}),
    "/api/v1/complaints/complaints": (
        "/api/v1/complaints/complaints",
        {"drafter", "division_head", "reviewer", "director"},
    ),
    "/api/v1/reports": ("/api/v1/reports", "public"),
    "/api/v1/legislation/laws": ("/api/v1/legislation/laws", ALL),
    "/api/v1/legislation/projects": (
        "/api/v1/legislation/projects",
        {"drafter", "division_head", "reviewer", "director"},
    ),
    "/api/v1/legislation/flags": ("/api/v1/legislation/flags", ALL),
    "/api/v1/legislation/stats": ("/api/v1/legislation/stats?year=2026", {"reviewer", "director"}),
    "/api/v1/oversight": ("/api/v1/oversight/", {"reviewer", "director"}),
    "/api/v1/oversight/stats": ("/api/v1/oversight/stats?year=2026", {"reviewer", "director"}),
    "/api/v1/learning/questions": ("/api/v1/learning/questions", {"personnel"}),
    "/api/v1/learning/exams": ("/api/v1/learning/exams", SCORES),
    "/api/v1/learning/stats": ("/api/v1/learning/stats?year=2026", SCORES),
    "/api/v1/learning/my/attempts": ("/api/v1/learning/my/attempts", TAKERS),
}
# API paths reached only with a record id or by POST; covered by each app's test_api.py.
API_NOT_IN_MATRIX = {
    "/api/v1/ledger/items/{item_id}",
    "/api/v1/ledger/items/{item_id}/progress",
    "/api/v1/ledger/items/{item_id}/submit",
    "/api/v1/ledger/items/{item_id}/sign_off",
    "/api/v1/ledger/items/{item_id}/return",
    "/api/v1/ledger/items/{item_id}/supervise",
    "/api/v1/ledger/items/{item_id}/supervisions/{supervision_id}/respond",
    "/api/v1/ledger/items/{item_id}/cancel",
    "/api/v1/ledger/items/{item_id}/assess",
    "/api/v1/disputes/reconsiderations/{reconsideration_id}",
    "/api/v1/disputes/reconsiderations/{reconsideration_id}/reply",
    "/api/v1/disputes/reconsiderations/{reconsideration_id}/decision",
    "/api/v1/disputes/litigations/{litigation_id}",
    "/api/v1/disputes/litigations/{litigation_id}/defence",
    "/api/v1/disputes/litigations/{litigation_id}/judgment",
    "/api/v1/disputes/litigations/{litigation_id}/judgment_effect",
    "/api/v1/disputes/mediations/{mediation_id}",
    "/api/v1/disputes/mediations/{mediation_id}/accept",
    "/api/v1/disputes/mediations/{mediation_id}/meetings",
    "/api/v1/disputes/mediations/{mediation_id}/conclude",
    "/api/v1/publicity/activities/{activity_id}",
    "/api/v1/learning/exams/{exam_id}/results",
    "/api/v1/learning/exams/{exam_id}/attempts",
    "/api/v1/learning/attempts/{attempt_id}/answers",
    "/api/v1/learning/attempts/{attempt_id}/submit",
    "/api/v1/services/matters/{matter_id}",
    "/api/v1/services/commitments/{commitment_id}",
    "/api/v1/services/commitments/{commitment_id}/verify",
    *(
        f"/api/v1/complaints/complaints/{{complaint_id}}{step}"
        for step in (
            "",
            "/register",
            "/dismiss",
            "/accept",
            "/transfer",
            "/answer",
            "/link_case",
            "/judicial_transfer",
        )
    ),
    "/api/v1/reports/{year}",  # public once published: reports/tests/test_api.py
    "/api/v1/reports/{year}/figures",
    "/api/v1/legislation/laws/{law_id}",
    "/api/v1/legislation/laws/{law_id}/versions",
    "/api/v1/legislation/projects/{project_id}",
    *(
        f"/api/v1/legislation/projects/{{project_id}}/{step}"
        for step in (
            "start_drafting",
            "draft",
            "open_comment",
            "comments",
            "submit_for_review",
            "conclude_review",
            "deliberations",
            "promulgate",
            "terminate",
        )
    ),
    "/api/v1/legislation/projects/{project_id}/comments/{comment_id}/answer",
    "/api/v1/legislation/flags/{flag_id}/check",
    "/api/v1/oversight/{oversight_id}",
    *(
        f"/api/v1/oversight/{{oversight_id}}/{step}"
        for step in ("head_parts", "feedback", "findings", "findings/{finding_id}/evidence", "close")
    ),
    "/api/v1/enforcement/cases/{case_id}",
    *(
        f"/api/v1/enforcement/cases/{{case_id}}/{step}"
        for step in (
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
    ),
    "reviews:detail",
    "reviews:edit",
    "reviews:action",
    "reviews:opinion_answer",
    "reviews:letter",
    "reviews:counsel_edit",
    "documents:detail",
    "documents:diff",
    "documents:action",
    "documents:comment_answer",
    "documents:filing_detail",
    "documents:filing_action",
    "documents:cleanup_detail",
    "documents:cleanup_action",
    "decisions:detail",
    "decisions:action",
    "decisions:archive",
    "decisions:catalog_detail",
    "decisions:catalog_action",
    "/api/v1/decisions/catalogs",  # public, but 404 until a catalog is published: decisions/tests/test_api.py
    "/api/v1/decisions/{decision_id}",
    "/api/v1/decisions/{decision_id}/comments/{comment_id}/answer",
    "/api/v1/documents/{document_id}",
    "/api/v1/inspections/draws/{draw_id}/bundle",
    "/api/v1/inspections/public/plans/{plan_id}",
    "/api/v1/inspections/plans/{plan_id}",
    "/api/v1/inspections/plans/{plan_id}/export.xlsx",
    "/api/v1/inspections/plans/{plan_id}/export.json",
    "/api/v1/inspections/tasks/{task_id}",
    "/api/v1/inspections/tasks/{task_id}/result",
    "/api/v1/reviews/{review_id}",
    "/api/v1/reviews/{review_id}/submit",
    "/api/v1/reviews/{review_id}/accept",
    "/api/v1/reviews/{review_id}/return",
    "/api/v1/reviews/{review_id}/assign",
    "/api/v1/reviews/{review_id}/opinions",
    "/api/v1/reviews/{review_id}/conclude",
    "/api/v1/reviews/{review_id}/opinions/{number}/answer",
}


def _named_patterns(resolver: URLResolver, namespace: str = "") -> set[str]:
    names: set[str] = set()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            names |= _named_patterns(entry, ns)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(f"{namespace}{entry.name}")
    return names


class PermissionMatrixTests(BaseTestCase):
    superuser: User
    superuser_reviewer: User
    superuser_officer: User

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        # The Django superuser with no role: the accounts, the calendar, the rule book.
        cls.superuser = make_user("root", org=cls.bureau, roles=[], is_superuser=True, is_staff=True)
        # Superusers given a role: exactly that role's rights, no more.
        cls.superuser_reviewer = make_user(
            "root_reviewer", org=cls.legal_division, roles=[Role.LEGAL_REVIEWER], is_superuser=True
        )
        cls.superuser_officer = make_user(
            "root_officer", org=cls.other_division, roles=[Role.ENFORCEMENT_OFFICER], is_superuser=True
        )
        from fazhi.core.models import Organization

        # A member of the personnel division (人事处): runs the law exams.
        division = Organization.objects.create(name="人事处", code="rsc", kind="division", parent=cls.bureau)
        cls.personnel = make_user("personnel", org=division, roles=[Role.PERSONNEL], full_name="钱人事")

    def test_every_page_is_in_the_matrix(self) -> None:
        names = {
            n
            for n in _named_patterns(get_resolver())
            if n.split(":")[0]
            in {
                "core",
                "portal",
                "library",
                "public_decisions",
                "reviews",
                "documents",
                "decisions",
                "inspections",
                "public_inspections",
                "enforcement",
                "public_enforcement",
                "disputes",
                "legal_publicity",
                "ledger",
                "services",
                "complaints",
                "public_complaints",
                "reports",
                "public_reports",
                "legislation",
                "public_legislation",
                "oversight",
                "learning",
            }
        }
        self.assertEqual(names - set(PAGES) - NOT_IN_MATRIX, set())

    def test_every_api_route_is_in_the_matrix(self) -> None:
        paths = {p.rstrip("/") for p in api.get_openapi_schema()["paths"]}
        self.assertEqual(
            {p.replace("/api/v1", "/api/v1") for p in paths} - set(API_ROUTES) - API_NOT_IN_MATRIX, set()
        )

    def test_pages_answer_each_role_as_the_matrix_says(self) -> None:
        for name, (path, allowed) in PAGES.items():
            with self.subTest(page=name, who="anonymous"):
                self.client.logout()
                response = self.client.get(path)
                if allowed == "public":
                    self.assertEqual(response.status_code, 200)
                else:
                    self.assertEqual(response.status_code, 302)
                    self.assertTrue(response["Location"].startswith("/accounts/login/"))
            for role in ROLES:
                with self.subTest(page=name, who=role):
                    self.login(getattr(self, role))
                    response = self.client.get(path)
                    ok = allowed in ("public", ALL) or role in allowed  # type: ignore[operator]
                    self.assertEqual(response.status_code, 200 if ok else 404)

    def test_api_routes_answer_each_role_as_the_matrix_says(self) -> None:
        for route, (path, allowed) in API_ROUTES.items():
            with self.subTest(route=route, who="anonymous"):
                self.client.logout()
                response = self.client.get(path)
                self.assertEqual(response.status_code, 200 if allowed == "public" else 401)
                self.assertEqual(response["Content-Type"], "application/json; charset=utf-8")
            for role in ROLES:
                with self.subTest(route=route, who=role):
                    self.login(getattr(self, role))
                    response = self.client.get(path)
                    ok = allowed in ("public", ALL) or role in allowed  # type: ignore[operator]
                    self.assertEqual(response.status_code, 200 if ok else 404)

    def test_a_superuser_given_a_role_answers_every_page_and_route_as_that_role_does_plus_administration(
        self,
    ) -> None:
        for superuser, role in ((self.superuser_reviewer, "reviewer"), (self.superuser_officer, "officer")):
            self.login(superuser)
            for name, (path, allowed) in [*PAGES.items(), *API_ROUTES.items()]:
                with self.subTest(page=name, who=superuser.username):
                    # That role's pages, and the administration pages of any superuser.
                    ok = allowed in ("public", ALL) or bool({role, "superuser"} & allowed)  # type: ignore[operator]
                    self.assertEqual(self.client.get(path).status_code, 200 if ok else 404)
