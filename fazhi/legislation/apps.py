from django.apps import AppConfig


class LegislationConfig(AppConfig):
    name = "fazhi.legislation"
    verbose_name = "立法工作"

    def ready(self) -> None:
        from fazhi.core.figures import register_all
        from fazhi.core.worklist import register
        from fazhi.legislation import citations, stats, worklist

        register(worklist.legislation_items)
        register_all(stats.FIGURES)
        citations.register_handlers()
