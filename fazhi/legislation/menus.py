"""The menu entries of this app, registered from `AppConfig.ready()` (`core.menus`): the same
predicates guard the views behind them."""

from django.utils.translation import gettext_lazy as _

from fazhi.core.menus import MenuItem, PublicItem, Section
from fazhi.legislation import permissions

SECTION = Section(_("立法工作"), 130)

STAFF = [
    MenuItem(_("立法项目"), "legislation:projects", SECTION, permissions.can_see_projects, 1),
    MenuItem(_("法律法规库"), "legislation:laws", SECTION, permissions.can_see_laws, 2),
    MenuItem(_("法规修改后核对"), "legislation:flags", SECTION, permissions.can_see_flags, 3),
]

PUBLIC = [
    PublicItem(_("法规草案征求意见"), "public_legislation:index", 80),
]
