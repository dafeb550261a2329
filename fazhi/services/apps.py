from django.apps import AppConfig


class ServicesConfig(AppConfig):
    name = "fazhi.services"
    verbose_name = "政务服务与告知承诺"

    def ready(self) -> None:
        # The menu entries of this app's pages (core.menus).
        from fazhi.core import menus
        from fazhi.services import menus as app_menus

        menus.register(*app_menus.STAFF)

        # What is late in this app, on the leadership's overview (core.overdue).
        from fazhi.core import overdue
        from fazhi.services.overdue import overdue_commitments

        overdue.register(overdue_commitments)
        # Words for this app's other audit verbs (the 全过程记录 page).
        from django.utils.translation import gettext_lazy

        from fazhi.core.audit import register_verbs

        register_verbs(
            {
                "services.commitment": gettext_lazy("签订告知承诺"),
                "services.commitment_terms": gettext_lazy("设置告知承诺内容"),
                "services.credit_record": gettext_lazy("记录失信信息"),
                "services.credit_repair": gettext_lazy("信用修复"),
                "services.deadline_computed": gettext_lazy("工作日历录入后计算期限"),
                "services.delegate": gettext_lazy("下放权力事项"),
                "services.matter": gettext_lazy("登记告知承诺事项"),
                "services.training": gettext_lazy("登记培训指导"),
                "services.verify": gettext_lazy("核查承诺履行"),
                "services.withdraw": gettext_lazy("撤回告知承诺"),
                "services.withdraw_power": gettext_lazy("收回下放权力"),
            }
        )

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
