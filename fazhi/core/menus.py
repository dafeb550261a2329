"""Role-aware menus, filled by the apps: core names no app.

Each app declares its section and its entries in its `menus.py` and registers them from its
`AppConfig.ready()` (`register(*items)`, `register_public(*items)`), the way it registers its
worklist provider. An entry names the URL and the predicate that guards the view behind it, so
a menu never shows a page that would answer 404.

Sections are shown in the order of their `order`, entries inside a section in the order of
theirs; an app may add entries to another app's section by naming an equal `Section`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from fazhi.core import permissions


@dataclass(frozen=True)
class Section:
    label: Any
    order: int


@dataclass(frozen=True)
class MenuItem:
    label: Any
    url_name: str
    section: Section
    allowed: Callable[[Any], bool]
    order: int = 0


@dataclass(frozen=True)
class PublicItem:
    label: Any
    url_name: str
    order: int = 0


_staff: list[MenuItem] = []
_public: list[PublicItem] = []


def register(*items: MenuItem) -> None:
    """Add staff menu entries (an entry already registered is not added twice)."""
    for item in items:
        if item not in _staff:
            _staff.append(item)


def register_public(*items: PublicItem) -> None:
    """Add entries of the public menu (the portal's header)."""
    for item in items:
        if item not in _public:
            _public.append(item)


def staff_items() -> list[MenuItem]:
    """Every registered staff entry, by section and place in the section."""
    return sorted(_staff, key=lambda item: (item.section.order, item.order))


def public_items() -> list[PublicItem]:
    return sorted(_public, key=lambda item: item.order)


# Core's own pages: the dashboard first, the rule book and the system's pages last.
WORKBENCH = Section(_("工作台"), 10)
RULES = Section(_("依据与期限"), 900)
SYSTEM = Section(_("系统管理"), 910)

register(
    MenuItem(_("我的工作"), "core:dashboard", WORKBENCH, permissions.is_staff_member, 1),
    MenuItem(_("领导工作总览"), "core:overview", WORKBENCH, permissions.can_see_overview, 2),
    MenuItem(
        _("全市法治政府建设数据"), "core:city_overview", WORKBENCH, permissions.can_see_city_overview, 3
    ),
    MenuItem(_("期限规则"), "core:rule_list", RULES, permissions.is_staff_member, 1),
    MenuItem(_("工作日历"), "core:calendar", RULES, permissions.is_staff_member, 2),
    MenuItem(_("期限计算"), "core:deadline_calculator", RULES, permissions.is_staff_member, 3),
    MenuItem(_("文号登记"), "core:numbering", SYSTEM, permissions.can_view_numbering, 1),
    MenuItem(_("全过程记录"), "core:audit_list", SYSTEM, permissions.can_view_audit_trail, 2),
    MenuItem(_("API 令牌"), "core:tokens", SYSTEM, permissions.is_staff_member, 3),
    MenuItem(_("全市部门管理"), "core:departments", SYSTEM, permissions.can_manage_city, 4),
    MenuItem(
        _("本部门管理"),
        "core:department_home",
        SYSTEM,
        lambda user: permissions.can_manage_department(user) and not permissions.can_manage_city(user),
        5,
    ),
)


def staff_menu(user: Any) -> list[tuple[Any, list[tuple[Any, str, str]]]]:
    sections: dict[str, tuple[Any, list[tuple[Any, str, str]]]] = {}
    for item in staff_items():
        if not item.allowed(user):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        label = item.section.label
        sections.setdefault(str(label), (label, []))[1].append((item.label, url, item.url_name))
    return list(sections.values())


def public_menu() -> list[tuple[Any, str]]:
    """The public menu's entries whose page exists: (label, URL)."""
    entries = []
    for item in public_items():
        try:
            entries.append((item.label, reverse(item.url_name)))
        except NoReverseMatch:
            continue
    return entries


def menu_context(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    return {
        "staff_menu": staff_menu(user) if user is not None and user.is_authenticated else [],
        "public_menu": public_menu(),
    }
