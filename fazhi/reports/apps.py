from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "fazhi.reports"
    verbose_name = "法治政府建设年度报告"

    def ready(self) -> None:
        from fazhi.core.attachments import register_attachable
        from fazhi.core.worklist import register
        from fazhi.reports import permissions, worklist
        from fazhi.reports.models import ManualFigure

        # The evidence of a figure entered by hand.
        register_attachable(
            ManualFigure,
            can_view=lambda user, figure: permissions.can_see(user),
            can_attach=lambda user, figure: permissions.can_assemble(user),
        )
        register(worklist.report_items)
