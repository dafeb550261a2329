from django.apps import AppConfig


class LegislationConfig(AppConfig):
    name = "fazhi.legislation"
    verbose_name = "立法工作"

    def ready(self) -> None:
        # The menu entries of this app's pages (core.menus).
        from fazhi.core import menus
        from fazhi.legislation import menus as app_menus

        menus.register(*app_menus.STAFF)
        menus.register_public(*app_menus.PUBLIC)

        # Verbs that change what the public pages and the public API show (drafts open for comment):
        # their actions renew the public pages' cache (core.publiccache).
        from fazhi.core.publiccache import register_public_verbs

        register_public_verbs("legislation.")
        # What is late in this app, on the leadership's overview (core.overdue).
        from fazhi.core import overdue
        from fazhi.legislation.overdue import overdue_projects

        overdue.register(overdue_projects)
        # The words of this app's audit verbs, for the 全过程记录 page and every history.
        from fazhi.core.audit import register_verbs
        from fazhi.legislation.views.projects import VERB_LABELS as AUDIT_VERBS

        register_verbs(AUDIT_VERBS)
        # Words for this app's other audit verbs (the 全过程记录 page).
        from django.utils.translation import gettext_lazy

        register_verbs(
            {
                "legislation.citation_checked": gettext_lazy("核对引用条文"),
                "legislation.comment_extended": gettext_lazy("延长征求意见期"),
            }
        )

        from fazhi.core import deadlines
        from fazhi.core.figures import register_all
        from fazhi.core.worklist import register
        from fazhi.legislation import citations, stats, worklist

        register(worklist.legislation_items)
        register_all(stats.FIGURES)
        citations.register_handlers()
        deadlines.register("legislation.comment", _fill_windows)


def _fill_windows() -> int:
    from fazhi.legislation.actions import fill_pending_windows

    return fill_pending_windows()
