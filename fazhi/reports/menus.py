"""The menu entries of this app, registered from `AppConfig.ready()` (`core.menus`): the same
predicates guard the views behind them."""

from django.utils.translation import gettext_lazy as _

from fazhi.core.menus import MenuItem, PublicItem, Section
from fazhi.reports import permissions

SECTION = Section(_("法治政府建设年度报告"), 120)

STAFF = [
    MenuItem(_("年度报告"), "reports:list", SECTION, permissions.can_see, 1),
]

PUBLIC = [
    PublicItem(_("年度报告"), "public_reports:index", 70),
]
