from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "fazhi.ledger"
    verbose_name = "领导职责与任务台账"

    def ready(self) -> None:
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
