"""The menu entries of this app, registered from `AppConfig.ready()` (`core.menus`): the same
predicates guard the views behind them."""

from django.utils.translation import gettext_lazy as _

from fazhi.core.menus import MenuItem, PublicItem, Section
from fazhi.inspections import permissions

SECTION = Section(_("双随机抽查"), 20)

STAFF = [
    MenuItem(_("双随机抽查"), "inspections:plan_list", SECTION, permissions.can_see_inspections, 1),
]

PUBLIC = [
    PublicItem(_("双随机抽查结果"), "public_inspections:index", 40),
]
