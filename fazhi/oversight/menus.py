"""The menu entries of this app, registered from `AppConfig.ready()` (`core.menus`): the same
predicates guard the views behind them. Oversight shares the ledger's section."""

from django.utils.translation import gettext_lazy as _

from fazhi.core.menus import MenuItem
from fazhi.ledger.menus import SECTION
from fazhi.oversight import permissions

STAFF = [
    MenuItem(_("评估与督察"), "oversight:list", SECTION, permissions.can_see, 10),
]
