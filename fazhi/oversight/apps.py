from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "fazhi.oversight"
    verbose_name = "评估与督察"

    def ready(self) -> None:
        from fazhi.core.figures import register_all
        from fazhi.core.worklist import register
        from fazhi.oversight import stats, worklist

        register(worklist.oversight_items)
        register_all(stats.FIGURES)
