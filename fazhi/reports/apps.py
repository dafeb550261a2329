from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "fazhi.reports"
    verbose_name = "法治政府建设年度报告"

    def ready(self) -> None:
        # The menu entries of this app's pages (core.menus).
        from fazhi.core import menus
        from fazhi.reports import menus as app_menus

        menus.register(*app_menus.STAFF)
        menus.register_public(*app_menus.PUBLIC)

        # Verbs that change what the public pages and the public API show (the published annual reports):
        # their actions renew the public pages' cache (core.publiccache).
        from fazhi.core.publiccache import register_public_verbs

        register_public_verbs("report.")
        # What is late in this app, on the leadership's overview (core.overdue).
        from fazhi.core import overdue
        from fazhi.reports.overdue import overdue_contributions

        overdue.register(overdue_contributions)
        # Words for this app's other audit verbs (the 全过程记录 page).
        from django.utils.translation import gettext_lazy

        from fazhi.core.audit import register_verbs

        register_verbs(
            {
                "report.add_section": gettext_lazy("增加报告章节"),
                "report.approve": gettext_lazy("审定年度报告"),
                "report.assign_contribution": gettext_lazy("分派撰写任务"),
                "report.create": gettext_lazy("创建年度报告"),
                "report.edit_section": gettext_lazy("修改报告章节"),
                "report.enter_manual_figure": gettext_lazy("录入手工数据"),
                "report.generate": gettext_lazy("生成报告文本"),
                "report.open_contributions": gettext_lazy("开始征集材料"),
                "report.publish": gettext_lazy("公布年度报告"),
                "report.return": gettext_lazy("退回修改"),
                "report.secrecy_check": gettext_lazy("保密审查"),
                "report.send_to_review": gettext_lazy("送合法性审核"),
                "report.set_parts": gettext_lazy("设置报告结构"),
                "report.set_phrasing": gettext_lazy("设置数据表述"),
                "report.submit": gettext_lazy("报送年度报告"),
                "report.submit_contribution": gettext_lazy("提交撰写材料"),
            }
        )

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
