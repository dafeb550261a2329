"""The menu entries of this app, registered from `AppConfig.ready()` (`core.menus`): the same
predicates guard the views behind them."""

from django.utils.translation import gettext_lazy as _

from fazhi.core.menus import MenuItem, PublicItem, Section
from fazhi.decisions import permissions

SECTION = Section(_("重大行政决策"), 30)

STAFF = [
    MenuItem(_("决策事项"), "decisions:list", SECTION, permissions.can_see_decisions, 1),
    MenuItem(_("决策看板"), "decisions:board", SECTION, permissions.can_see_board, 2),
    MenuItem(_("决策事项目录"), "decisions:catalogs", SECTION, permissions.can_see_decisions, 3),
    MenuItem(_("论证专家库"), "decisions:experts", SECTION, permissions.can_compile, 4),
]

PUBLIC = [
    PublicItem(_("重大行政决策"), "public_decisions:index", 30),
]
