from django.apps import AppConfig


class LegalPublicityConfig(AppConfig):
    name = "fazhi.legal_publicity"
    verbose_name = "普法"

    def ready(self) -> None:
        # The menu entries of this app's pages (core.menus).
        from fazhi.core import menus
        from fazhi.legal_publicity import menus as app_menus

        menus.register(*app_menus.STAFF)

        # What is late in this app, on the leadership's overview (core.overdue).
        from fazhi.core import overdue
        from fazhi.legal_publicity.overdue import overdue_responsibilities

        overdue.register(overdue_responsibilities)
        # Words for this app's other audit verbs (the 全过程记录 page).
        from django.utils.translation import gettext_lazy

        from fazhi.core.audit import register_verbs

        register_verbs(
            {
                "publicity.activity": gettext_lazy("登记普法活动"),
                "publicity.plan": gettext_lazy("制定普法计划"),
                "publicity.responsibility": gettext_lazy("列入普法责任清单"),
                "publicity.responsibility_done": gettext_lazy("完成普法责任"),
            }
        )

        from fazhi.core.attachments import register_attachable
        from fazhi.legal_publicity import permissions
        from fazhi.legal_publicity.models import Activity, PublicityPlan

        # The plan's text, and an activity's materials (leaflets, slides, photos).
        register_attachable(
            PublicityPlan, can_view=permissions.can_view_plan, can_attach=permissions.can_attach_plan
        )
        register_attachable(
            Activity, can_view=permissions.can_view_activity, can_attach=permissions.can_attach_activity
        )

        # The year's figures for the annual report.
        from fazhi.core.figures import register_all
        from fazhi.legal_publicity.figures import FIGURES

        register_all(FIGURES)
