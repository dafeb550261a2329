"""The menu entries of this app, registered from `AppConfig.ready()` (`core.menus`): the same
predicates guard the views behind them."""

from django.utils.translation import gettext_lazy as _

from fazhi.core.menus import MenuItem, Section
from fazhi.ledger import permissions

SECTION = Section(_("法治建设责任"), 90)

STAFF = [
    MenuItem(_("重点任务台账"), "ledger:board", SECTION, permissions.can_open_area, 1),
    MenuItem(_("领导小组"), "ledger:group", SECTION, permissions.can_open_area, 2),
]
