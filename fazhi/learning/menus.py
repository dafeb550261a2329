"""The menu entries of this app, registered from `AppConfig.ready()` (`core.menus`): the same
predicates guard the views behind them."""

from django.utils.translation import gettext_lazy as _

from fazhi.core.menus import MenuItem, Section
from fazhi.learning import permissions

SECTION = Section(_("学法用法"), 140)

STAFF = [
    MenuItem(_("我的考试"), "learning:index", SECTION, permissions.can_take_exams, 1),
    MenuItem(_("学法活动"), "learning:study", SECTION, permissions.can_view_study, 2),
    MenuItem(_("考试与成绩"), "learning:exams", SECTION, permissions.can_read_scores, 3),
    MenuItem(_("任前考试把关"), "learning:promotions", SECTION, permissions.can_read_scores, 4),
    MenuItem(_("学法考试统计"), "learning:figures", SECTION, permissions.can_read_scores, 5),
    MenuItem(_("题库"), "learning:questions", SECTION, permissions.can_manage, 6),
]
