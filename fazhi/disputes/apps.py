from django.apps import AppConfig


class DisputesConfig(AppConfig):
    name = "fazhi.disputes"
    verbose_name = "复议、诉讼与调解"

    def ready(self) -> None:
        # The menu entries of this app's pages (core.menus).
        from fazhi.core import menus
        from fazhi.disputes import menus as app_menus

        menus.register(*app_menus.STAFF)

        # What is late in this app, on the leadership's overview (core.overdue).
        from fazhi.core import overdue
        from fazhi.disputes.overdue import overdue_disputes

        overdue.register(overdue_disputes)
        # The words of this app's audit verbs, for the 全过程记录 page and every history.
        from fazhi.core.audit import register_verbs
        from fazhi.disputes.view_helpers import VERB_LABELS as AUDIT_VERBS

        register_verbs(AUDIT_VERBS)
        # Words for this app's other audit verbs (the 全过程记录 page).
        from django.utils.translation import gettext_lazy

        register_verbs(
            {
                "court_observation.record": gettext_lazy("登记旁听庭审"),
                "dispute_screening.record": gettext_lazy("登记矛盾纠纷排查"),
                "litigation.judgment_effect": gettext_lazy("登记裁判生效"),
            }
        )

        from fazhi.core import deadlines
        from fazhi.core.attachments import register_attachable
        from fazhi.core.worklist import register
        from fazhi.disputes import permissions, worklist
        from fazhi.disputes.models import Litigation

        # The sealed proof of the head's excuse, and other papers of a lawsuit.
        register_attachable(
            Litigation, can_view=permissions.can_view_litigation, can_attach=permissions.can_attach_litigation
        )
        register(worklist.dispute_items)
        deadlines.register("disputes", _fill_deadlines)

        # The year's figures for the annual report.
        from fazhi.core.figures import register_all
        from fazhi.disputes.figures import FIGURES

        register_all(FIGURES)


def _fill_deadlines() -> int:
    from fazhi.disputes.deadlines import fill_pending_deadlines

    return fill_pending_deadlines()
