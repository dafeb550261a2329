"""The menu entries of this app, registered from `AppConfig.ready()` (`core.menus`): the same
predicates guard the views behind them."""

from django.utils.translation import gettext_lazy as _

from fazhi.core.menus import MenuItem, PublicItem, Section
from fazhi.documents import permissions

SECTION = Section(_("规范性文件"), 40)

STAFF = [
    MenuItem(_("规范性文件"), "documents:list", SECTION, permissions.can_see_documents, 1),
    MenuItem(_("备案审查"), "documents:filings", SECTION, permissions.can_see_filings, 2),
    MenuItem(_("文件清理"), "documents:cleanup_list", SECTION, permissions.can_manage_cleanup, 3),
    MenuItem(_("备案统计"), "documents:stats", SECTION, permissions.can_see_filings, 4),
    MenuItem(
        _("各部门备案情况"), "documents:filings_by_department", SECTION, permissions.can_see_city_filings, 5
    ),
]

PUBLIC = [
    PublicItem(_("政策文件库"), "library:index", 20),
]
