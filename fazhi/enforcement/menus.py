"""The menu entries of this app, registered from `AppConfig.ready()` (`core.menus`): the same
predicates guard the views behind them."""

from django.utils.translation import gettext_lazy as _

from fazhi.core.menus import MenuItem, PublicItem, Section
from fazhi.enforcement import permissions

SECTION = Section(_("行政执法"), 60)

STAFF = [
    MenuItem(_("执法案件"), "enforcement:list", SECTION, permissions.can_open_area, 1),
    MenuItem(_("执法统计"), "enforcement:stats", SECTION, permissions.can_view_stats, 2),
]

PUBLIC = [
    PublicItem(_("行政执法公示"), "public_enforcement:index", 50),
]
