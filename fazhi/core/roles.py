"""Roles of the platform. A role is a Django group named by its code; its capabilities are
model permissions granted to the group by `sync_role_groups` (run after every migrate)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    DIVISION_STAFF = "division_staff", _("处室工作人员")
    DIVISION_HEAD = "division_head", _("处室负责人")
    LEGAL_REVIEWER = "legal_reviewer", _("法制审核人员")
    LEGAL_ADVISOR = "legal_advisor", _("法律顾问/公职律师")
    LEADERSHIP = "leadership", _("机关领导")
    ENFORCEMENT_OFFICER = "enforcement_officer", _("执法人员")
    FILING_OFFICER = "filing_officer", _("司法局备案审查人员")
    PERSONNEL = "personnel", _("人事处工作人员")
    SYSTEM_ADMIN = "system_admin", _("系统管理员")
    # Issue 12: one installation serves every department of a city. The city administrator
    # creates departments, their divisions, users and roles; a department's system
    # administrator manages only their own department. Neither is a legal role.
    CITY_ADMIN = "city_admin", _("全市系统管理员")


# Capabilities ("app_label.codename") of each role. Later apps add their own here, next to
# the permission they declare in Meta.permissions.
ROLE_PERMISSIONS: dict[Role, set[str]] = {
    Role.DIVISION_STAFF: {"reports.view_annualreport"},
    Role.DIVISION_HEAD: {"reports.view_annualreport"},
    Role.LEGAL_REVIEWER: {
        "core.issue_number",
        "core.manage_laws",
        "core.view_audit_trail",
        "reviews.review_legality",
        "reviews.manage_counsel",
        "reviews.view_reviewrequest",
        "documents.issue_document",
        "documents.manage_cleanup",
        "inspections.manage_registry",
        "inspections.manage_plan",
        "decisions.compile_catalog",
        "enforcement.view_enforcementcase",
        "disputes.handle_dispute",
        "disputes.view_reconsideration",
        "ledger.manage_ledger",
        "ledger.view_ledgeritem",
        "legal_publicity.manage_publicity",
        "services.manage_services",
        "services.view_servicematter",
        "complaints.register_complaint",
        "complaints.view_complaint",
        "reports.assemble_report",
        "reports.view_annualreport",
        "legislation.manage_legislation",
        "legislation.view_legislativeproject",
        "oversight.manage_oversight",
        "oversight.view_oversight",
    },
    Role.LEGAL_ADVISOR: set(),
    Role.LEADERSHIP: {
        "core.view_audit_trail",
        "reviews.view_reviewrequest",
        "decisions.decide",
        "enforcement.view_enforcementcase",
        "enforcement.decide_case",
        "disputes.view_reconsideration",
        "ledger.manage_ledger",
        "ledger.view_ledgeritem",
        "services.view_servicematter",
        "complaints.view_complaint",
        "reports.approve_report",
        "reports.view_annualreport",
        "legislation.view_legislativeproject",
        "oversight.view_oversight",
    },
    Role.ENFORCEMENT_OFFICER: {"inspections.record_result", "enforcement.handle_case"},
    Role.FILING_OFFICER: {"documents.review_filing"},
    # The personnel division (人事处) runs the law exams: the bank, the exams and their rosters,
    # the results, the pre-appointment gate and the exam rules.
    Role.PERSONNEL: {"learning.manage_exams"},
    # The calendar, the rule book and the register of laws are shared by every department of the
    # city: the city administrator keeps them; a department's administrator reads them like
    # anyone else (it keeps its own department's divisions, users, numbering and audit trail).
    Role.CITY_ADMIN: {
        "core.manage_city",
        "core.manage_department",
        "core.manage_rulebook",
        "core.manage_laws",
    },
    Role.SYSTEM_ADMIN: {
        "core.manage_department",
        "core.issue_number",
        "core.view_audit_trail",
        "reviews.manage_counsel",
        "reviews.view_reviewrequest",
    },
}


# What a superuser may do by being one (issue 15: administration is not a legal role): accounts
# and groups, the calendar and the rule book. Every other capability comes from the roles it
# is given, like anyone else's.
ADMINISTRATION_APPS = frozenset({"admin", "auth", "contenttypes", "sessions", "axes"})
ADMINISTRATION_PERMISSIONS = frozenset(
    {"core.manage_rulebook"}
    | {
        f"core.{verb}_{model}"
        for verb in ("add", "change", "delete", "view")
        for model in ("user", "organization", "apitoken", "calendaryear", "calendarday")
    }
)


def is_administration_permission(code: str) -> bool:
    """Whether a superuser holds `code` ("app_label.codename") without a role."""
    return code.split(".", 1)[0] in ADMINISTRATION_APPS or code in ADMINISTRATION_PERMISSIONS


def sync_role_groups() -> None:
    """Create one group per role and give it exactly the capabilities listed above."""
    from django.contrib.auth.models import Group, Permission

    all_codes = {code for codes in ROLE_PERMISSIONS.values() for code in codes}
    perms = {
        f"{p.content_type.app_label}.{p.codename}": p
        for p in Permission.objects.select_related("content_type").filter(
            codename__in={c.split(".", 1)[1] for c in all_codes}
        )
    }
    for role in Role:
        group, _created = Group.objects.get_or_create(name=role.value)
        wanted = [perms[c] for c in sorted(ROLE_PERMISSIONS[role]) if c in perms]
        group.permissions.set(wanted)
