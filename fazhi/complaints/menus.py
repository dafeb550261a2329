"""The menu entries of this app, registered from `AppConfig.ready()` (`core.menus`): the same
predicates guard the views behind them."""

from django.utils.translation import gettext_lazy as _

from fazhi.complaints import permissions
from fazhi.core.menus import MenuItem, PublicItem, Section

SECTION = Section(_("执法投诉举报"), 110)

STAFF = [
    MenuItem(_("投诉举报"), "complaints:list", SECTION, permissions.can_open_area, 1),
    MenuItem(_("登记投诉举报"), "complaints:create", SECTION, permissions.can_register, 2),
    MenuItem(_("导入12345转办"), "complaints:import", SECTION, permissions.can_register, 3),
]

PUBLIC = [
    PublicItem(_("执法投诉举报"), "public_complaints:index", 60),
]
