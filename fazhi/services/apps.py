from django.apps import AppConfig


class ServicesConfig(AppConfig):
    name = "fazhi.services"
    verbose_name = "政务服务与告知承诺"

    def ready(self) -> None:
        from fazhi.core import deadlines
        from fazhi.core.worklist import register
        from fazhi.services import worklist

        register(worklist.service_items)
        deadlines.register("services", _fill_deadlines)

        # The year's figures for the annual report.
        from fazhi.core.figures import register_all
        from fazhi.services.figures import FIGURES

        register_all(FIGURES)


def _fill_deadlines() -> int:
    from fazhi.services.deadlines import fill_pending_deadlines

    return fill_pending_deadlines()
