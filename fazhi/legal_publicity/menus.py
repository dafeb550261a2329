"""The menu entries of this app, registered from `AppConfig.ready()` (`core.menus`): the same
predicates guard the views behind them."""

from django.utils.translation import gettext_lazy as _

from fazhi.core.menus import MenuItem, Section
from fazhi.legal_publicity import permissions

SECTION = Section(_("普法"), 80)

STAFF = [
    MenuItem(_("概况"), "legal_publicity:index", SECTION, permissions.can_open_area, 1),
    MenuItem(_("普法活动"), "legal_publicity:activities", SECTION, permissions.can_open_area, 2),
]
