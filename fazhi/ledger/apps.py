from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "fazhi.ledger"
    verbose_name = "领导职责与任务台账"

    def ready(self) -> None:
        # The menu entries of this app's pages (core.menus).
        from fazhi.core import menus
        from fazhi.ledger import menus as app_menus

        menus.register(*app_menus.STAFF)

        # The words of this app's audit verbs, for the 全过程记录 page and every history.
        from fazhi.core.audit import register_verbs
        from fazhi.ledger.view_helpers import VERB_LABELS as AUDIT_VERBS

        register_verbs(AUDIT_VERBS)
        # Words for this app's other audit verbs (the 全过程记录 page).
        from django.utils.translation import gettext_lazy

        register_verbs(
            {
                "ledger.leading_group": gettext_lazy("调整法治政府建设领导小组"),
            }
        )

        from fazhi.core.worklist import register
        from fazhi.ledger import worklist

        register(worklist.ledger_items)

        # Its overdue tasks on the leadership's overview.
        from fazhi.core import overdue
        from fazhi.ledger.overdue import overdue_tasks

        overdue.register(overdue_tasks)

        # The year's figures for the annual report.
        from fazhi.core.figures import register_all
        from fazhi.ledger.figures import FIGURES

        register_all(FIGURES)
