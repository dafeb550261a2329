from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "fazhi.decisions"
    verbose_name = "重大行政决策"

    def ready(self) -> None:
        # The menu entries of this app's pages (core.menus).
        from fazhi.core import menus
        from fazhi.decisions import menus as app_menus

        menus.register(*app_menus.STAFF)
        menus.register_public(*app_menus.PUBLIC)

        # What the portal's site-wide search finds in this app's public pages.
        from fazhi.core import publiclists, sitesearch
        from fazhi.decisions.sitesearch import LATEST, SOURCE

        sitesearch.register(SOURCE)
        # Its latest published records on a department's portal page (/d/<code>/).
        publiclists.register(LATEST)
        # Verbs that change what the public pages and the public API show (catalogs, consultations and their comments, published decisions):
        # their actions renew the public pages' cache (core.publiccache).
        from fazhi.core.publiccache import register_public_verbs

        register_public_verbs("catalog.", "decision.")
        # What is late in this app, on the leadership's overview (core.overdue).
        from fazhi.core import overdue
        from fazhi.decisions.overdue import overdue_decisions

        overdue.register(overdue_decisions)
        # The words of this app's audit verbs, for the 全过程记录 page and every history.
        from fazhi.core.audit import register_verbs
        from fazhi.decisions.view_helpers import CATALOG_VERBS, VERB_LABELS

        register_verbs(VERB_LABELS)
        register_verbs(CATALOG_VERBS)
        # Words for this app's other audit verbs (the 全过程记录 page).
        from django.utils.translation import gettext_lazy

        register_verbs(
            {
                "catalog.change": gettext_lazy("调整目录"),
                "decision.execution.import": gettext_lazy("据档案录入执行报告"),
                "decision.expert_pool.add": gettext_lazy("加入专家库"),
                "decision.expert_pool.change": gettext_lazy("修改专家库信息"),
                "decision.import": gettext_lazy("据档案录入决策事项"),
                "decision.post_evaluation.import": gettext_lazy("据档案录入后评估"),
            }
        )

        from fazhi.core import deadlines
        from fazhi.core.attachments import register_attachable
        from fazhi.core.permissions import is_staff_member
        from fazhi.core.worklist import register
        from fazhi.decisions import permissions, worklist
        from fazhi.decisions.models import MajorDecision
        from fazhi.reviews.subjects import register_subject

        register_subject(MajorDecision, url_name="decisions:detail")
        register_attachable(
            MajorDecision,
            can_view=lambda user, d: (
                is_staff_member(user) and MajorDecision.objects.visible_to(user).filter(pk=d.pk).exists()
            ),
            can_attach=lambda user, d: permissions.can_run(user, d) or permissions.can_record_decision(user),
        )
        register(worklist.decision_items)
        deadlines.register("decisions.archive", _fill_archive)
        deadlines.register("decisions.consultation", _fill_windows)

        # The year's figures for the annual report.
        from fazhi.core.figures import register_all
        from fazhi.decisions.figures import FIGURES

        register_all(FIGURES)


def _fill_archive() -> int:
    from fazhi.decisions.actions.aftercare import fill_pending_archive_dues

    return fill_pending_archive_dues()


def _fill_windows() -> int:
    from fazhi.decisions.actions.participation import fill_pending_windows

    return fill_pending_windows()
