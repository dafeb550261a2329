"""The menu entries of this app, registered from `AppConfig.ready()` (`core.menus`): the same
predicates guard the views behind them."""

from django.utils.translation import gettext_lazy as _

from fazhi.core.menus import MenuItem, Section
from fazhi.disputes import permissions

SECTION = Section(_("复议诉讼调解"), 70)

STAFF = [
    MenuItem(_("概况"), "disputes:index", SECTION, permissions.can_see, 1),
    MenuItem(_("行政复议"), "disputes:reconsiderations", SECTION, permissions.can_see, 2),
    MenuItem(_("行政诉讼"), "disputes:litigations", SECTION, permissions.can_see, 3),
    MenuItem(_("行政调解"), "disputes:mediations", SECTION, permissions.can_see, 4),
    MenuItem(_("旁听庭审"), "disputes:observations", SECTION, permissions.can_see, 5),
    MenuItem(_("矛盾纠纷排查"), "disputes:screenings", SECTION, permissions.can_see, 6),
]
