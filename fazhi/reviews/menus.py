"""The menu entries of this app, registered from `AppConfig.ready()` (`core.menus`): the same
predicates guard the views behind them."""

from django.utils.translation import gettext_lazy as _

from fazhi.core.menus import MenuItem, Section
from fazhi.reviews import permissions

SECTION = Section(_("合法性审核"), 50)

STAFF = [
    MenuItem(_("合法性审核"), "reviews:list", SECTION, permissions.can_see_reviews, 1),
    MenuItem(_("法律顾问名册"), "reviews:counsel_list", SECTION, permissions.can_see_counsel, 2),
    MenuItem(_("审核统计"), "reviews:stats", SECTION, permissions.can_view_stats, 3),
]
