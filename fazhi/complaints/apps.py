from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "fazhi.complaints"
    verbose_name = "执法投诉举报"

    def ready(self) -> None:
        from fazhi.complaints import stats, worklist
        from fazhi.core.figures import register_all
        from fazhi.core.worklist import register

        register(worklist.complaint_items)
        register_all(stats.FIGURES)
