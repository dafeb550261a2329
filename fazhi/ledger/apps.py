from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "fazhi.ledger"
    verbose_name = "领导职责与任务台账"

    def ready(self) -> None:
        from fazhi.core.worklist import register
        from fazhi.ledger import worklist

        register(worklist.ledger_items)
