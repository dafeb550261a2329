"""The menu entries of this app, registered from `AppConfig.ready()` (`core.menus`): the same
predicates guard the views behind them."""

from django.utils.translation import gettext_lazy as _

from fazhi.core.menus import MenuItem, Section
from fazhi.services import permissions

SECTION = Section(_("政务服务"), 100)

STAFF = [
    MenuItem(_("概况"), "services:index", SECTION, permissions.can_see, 1),
    MenuItem(_("告知承诺"), "services:commitments", SECTION, permissions.can_see, 2),
    MenuItem(_("下放权力"), "services:powers", SECTION, permissions.can_see, 3),
]
