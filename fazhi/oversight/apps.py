from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "fazhi.oversight"
    verbose_name = "评估与督察"

    def ready(self) -> None:
        # The menu entries of this app's pages (core.menus).
        from fazhi.core import menus
        from fazhi.oversight import menus as app_menus

        menus.register(*app_menus.STAFF)

        # The words of this app's audit verbs, for the 全过程记录 page and every history.
        from fazhi.core.audit import register_verbs
        from fazhi.oversight.views import VERB_LABELS as AUDIT_VERBS

        register_verbs(AUDIT_VERBS)

        from fazhi.core.figures import register_all
        from fazhi.core.worklist import register
        from fazhi.oversight import stats, worklist

        register(worklist.oversight_items)
        register_all(stats.FIGURES)
