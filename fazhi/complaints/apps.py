from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "fazhi.complaints"
    verbose_name = "执法投诉举报"

    def ready(self) -> None:
        # The menu entries of this app's pages (core.menus).
        from fazhi.complaints import menus as app_menus
        from fazhi.core import menus

        menus.register(*app_menus.STAFF)
        menus.register_public(*app_menus.PUBLIC)

        # What is late in this app, on the leadership's overview (core.overdue).
        from fazhi.complaints.overdue import overdue_complaints
        from fazhi.core import overdue

        overdue.register(overdue_complaints)
        # The words of this app's audit verbs, for the 全过程记录 page and every history.
        from fazhi.complaints.views.staff import VERB_LABELS as AUDIT_VERBS
        from fazhi.core.audit import register_verbs

        register_verbs(AUDIT_VERBS)
        # Words for this app's other audit verbs (the 全过程记录 page).
        from django.utils.translation import gettext_lazy

        register_verbs(
            {
                "complaint.import": gettext_lazy("据档案录入投诉举报"),
            }
        )

        from fazhi.complaints import stats, worklist
        from fazhi.core import deadlines
        from fazhi.core.figures import register_all
        from fazhi.core.worklist import register

        register(worklist.complaint_items)
        register_all(stats.FIGURES)
        deadlines.register("complaints", _fill_deadlines)


def _fill_deadlines() -> int:
    from fazhi.complaints.actions import fill_pending_deadlines

    return fill_pending_deadlines()
