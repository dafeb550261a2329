"""Role-aware menus. Each entry names the URL and who may see it; a later app adds its own
entries to STAFF_MENU. The same predicates guard the views, so a menu never shows a page
that would answer 404."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from fazhi.core import permissions


@dataclass(frozen=True)
class MenuItem:
    label: Any
    url_name: str
    section: Any
    allowed: Callable[[Any], bool]


def _can(module: str, name: str) -> Callable[[Any], bool]:
    """A predicate of a domain app, imported when first asked (core does not import apps)."""

    def check(user: Any) -> bool:
        return bool(getattr(import_module(module), name)(user))

    return check


STAFF_MENU: list[MenuItem] = [
    MenuItem(_("我的工作"), "core:dashboard", _("工作台"), permissions.is_staff_member),
    MenuItem(_("局领导工作总览"), "core:overview", _("工作台"), permissions.can_see_overview),
    MenuItem(
        _("双随机抽查"),
        "inspections:plan_list",
        _("双随机抽查"),
        _can("fazhi.inspections.permissions", "can_see_inspections"),
    ),
    MenuItem(
        _("决策事项"),
        "decisions:list",
        _("重大行政决策"),
        _can("fazhi.decisions.permissions", "can_see_decisions"),
    ),
    MenuItem(
        _("决策看板"),
        "decisions:board",
        _("重大行政决策"),
        _can("fazhi.decisions.permissions", "can_see_board"),
    ),
    MenuItem(
        _("决策事项目录"),
        "decisions:catalogs",
        _("重大行政决策"),
        _can("fazhi.decisions.permissions", "can_see_decisions"),
    ),
    MenuItem(
        _("论证专家库"),
        "decisions:experts",
        _("重大行政决策"),
        _can("fazhi.decisions.permissions", "can_compile"),
    ),
    MenuItem(
        _("规范性文件"),
        "documents:list",
        _("规范性文件"),
        _can("fazhi.documents.permissions", "can_see_documents"),
    ),
    MenuItem(
        _("备案审查"),
        "documents:filings",
        _("规范性文件"),
        _can("fazhi.documents.permissions", "can_see_filings"),
    ),
    MenuItem(
        _("文件清理"),
        "documents:cleanup_list",
        _("规范性文件"),
        _can("fazhi.documents.permissions", "can_manage_cleanup"),
    ),
    MenuItem(
        _("备案统计"),
        "documents:stats",
        _("规范性文件"),
        _can("fazhi.documents.permissions", "can_see_filings"),
    ),
    MenuItem(
        _("合法性审核"), "reviews:list", _("合法性审核"), _can("fazhi.reviews.permissions", "can_see_reviews")
    ),
    MenuItem(
        _("法律顾问名册"),
        "reviews:counsel_list",
        _("合法性审核"),
        _can("fazhi.reviews.permissions", "can_see_counsel"),
    ),
    MenuItem(
        _("审核统计"), "reviews:stats", _("合法性审核"), _can("fazhi.reviews.permissions", "can_view_stats")
    ),
    MenuItem(
        _("执法案件"),
        "enforcement:list",
        _("行政执法"),
        _can("fazhi.enforcement.permissions", "can_open_area"),
    ),
    MenuItem(
        _("执法统计"),
        "enforcement:stats",
        _("行政执法"),
        _can("fazhi.enforcement.permissions", "can_view_stats"),
    ),
    MenuItem(
        _("概况"),
        "disputes:index",
        _("复议诉讼调解"),
        _can("fazhi.disputes.permissions", "can_see"),
    ),
    MenuItem(
        _("行政复议"),
        "disputes:reconsiderations",
        _("复议诉讼调解"),
        _can("fazhi.disputes.permissions", "can_see"),
    ),
    MenuItem(
        _("行政诉讼"),
        "disputes:litigations",
        _("复议诉讼调解"),
        _can("fazhi.disputes.permissions", "can_see"),
    ),
    MenuItem(
        _("行政调解"),
        "disputes:mediations",
        _("复议诉讼调解"),
        _can("fazhi.disputes.permissions", "can_see"),
    ),
    MenuItem(
        _("旁听庭审"),
        "disputes:observations",
        _("复议诉讼调解"),
        _can("fazhi.disputes.permissions", "can_see"),
    ),
    MenuItem(
        _("矛盾纠纷排查"),
        "disputes:screenings",
        _("复议诉讼调解"),
        _can("fazhi.disputes.permissions", "can_see"),
    ),
    MenuItem(
        _("概况"),
        "legal_publicity:index",
        _("普法"),
        _can("fazhi.legal_publicity.permissions", "can_open_area"),
    ),
    MenuItem(
        _("普法活动"),
        "legal_publicity:activities",
        _("普法"),
        _can("fazhi.legal_publicity.permissions", "can_open_area"),
    ),
    MenuItem(
        _("重点任务台账"),
        "ledger:board",
        _("法治建设责任"),
        _can("fazhi.ledger.permissions", "can_open_area"),
    ),
    MenuItem(
        _("领导小组"),
        "ledger:group",
        _("法治建设责任"),
        _can("fazhi.ledger.permissions", "can_open_area"),
    ),
    MenuItem(
        _("概况"),
        "services:index",
        _("政务服务"),
        _can("fazhi.services.permissions", "can_see"),
    ),
    MenuItem(
        _("告知承诺"),
        "services:commitments",
        _("政务服务"),
        _can("fazhi.services.permissions", "can_see"),
    ),
    MenuItem(
        _("下放权力"),
        "services:powers",
        _("政务服务"),
        _can("fazhi.services.permissions", "can_see"),
    ),
    MenuItem(
        _("投诉举报"),
        "complaints:list",
        _("执法投诉举报"),
        _can("fazhi.complaints.permissions", "can_open_area"),
    ),
    MenuItem(
        _("登记投诉举报"),
        "complaints:create",
        _("执法投诉举报"),
        _can("fazhi.complaints.permissions", "can_register"),
    ),
    MenuItem(
        _("导入12345转办"),
        "complaints:import",
        _("执法投诉举报"),
        _can("fazhi.complaints.permissions", "can_register"),
    ),
    MenuItem(
        _("年度报告"),
        "reports:list",
        _("法治政府建设年度报告"),
        _can("fazhi.reports.permissions", "can_see"),
    ),
    MenuItem(
        _("立法项目"),
        "legislation:projects",
        _("立法工作"),
        _can("fazhi.legislation.permissions", "can_see_projects"),
    ),
    MenuItem(
        _("法律法规库"),
        "legislation:laws",
        _("立法工作"),
        _can("fazhi.legislation.permissions", "can_see_laws"),
    ),
    MenuItem(
        _("法规修改后核对"),
        "legislation:flags",
        _("立法工作"),
        _can("fazhi.legislation.permissions", "can_see_flags"),
    ),
    MenuItem(
        _("评估与督察"),
        "oversight:list",
        _("法治建设责任"),
        _can("fazhi.oversight.permissions", "can_see"),
    ),
    MenuItem(
        _("我的考试"),
        "learning:index",
        _("学法用法"),
        _can("fazhi.learning.permissions", "can_take_exams"),
    ),
    MenuItem(
        _("学法活动"),
        "learning:study",
        _("学法用法"),
        _can("fazhi.learning.permissions", "can_view_study"),
    ),
    MenuItem(
        _("考试与成绩"),
        "learning:exams",
        _("学法用法"),
        _can("fazhi.learning.permissions", "can_read_scores"),
    ),
    MenuItem(
        _("任前考试把关"),
        "learning:promotions",
        _("学法用法"),
        _can("fazhi.learning.permissions", "can_read_scores"),
    ),
    MenuItem(
        _("学法考试统计"),
        "learning:figures",
        _("学法用法"),
        _can("fazhi.learning.permissions", "can_read_scores"),
    ),
    MenuItem(
        _("题库"), "learning:questions", _("学法用法"), _can("fazhi.learning.permissions", "can_manage")
    ),
    MenuItem(_("期限规则"), "core:rule_list", _("依据与期限"), permissions.is_staff_member),
    MenuItem(_("工作日历"), "core:calendar", _("依据与期限"), permissions.is_staff_member),
    MenuItem(_("期限计算"), "core:deadline_calculator", _("依据与期限"), permissions.is_staff_member),
    MenuItem(_("文号登记"), "core:numbering", _("系统管理"), permissions.can_view_numbering),
    MenuItem(_("全过程记录"), "core:audit_list", _("系统管理"), permissions.can_view_audit_trail),
    MenuItem(_("API 令牌"), "core:tokens", _("系统管理"), permissions.is_staff_member),
]

PUBLIC_MENU: list[tuple[Any, str]] = [
    (_("首页"), "portal:home"),
    (_("政策文件库"), "library:index"),
    (_("重大行政决策"), "public_decisions:index"),
    (_("双随机抽查结果"), "public_inspections:index"),
    (_("行政执法公示"), "public_enforcement:index"),
    (_("执法投诉举报"), "public_complaints:index"),
    (_("年度报告"), "public_reports:index"),
    (_("法规草案征求意见"), "public_legislation:index"),
    (_("公开透明"), "portal:transparency"),
]


def staff_menu(user: Any) -> list[tuple[Any, list[tuple[Any, str, str]]]]:
    sections: dict[str, tuple[Any, list[tuple[Any, str, str]]]] = {}
    for item in STAFF_MENU:
        if not item.allowed(user):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        sections.setdefault(str(item.section), (item.section, []))[1].append((item.label, url, item.url_name))
    return list(sections.values())


def menu_context(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    public = []
    for label, name in PUBLIC_MENU:
        try:
            public.append((label, reverse(name)))
        except NoReverseMatch:
            continue
    return {
        "staff_menu": staff_menu(user) if user is not None and user.is_authenticated else [],
        "public_menu": public,
    }
