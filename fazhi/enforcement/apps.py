from django.apps import AppConfig


class EnforcementConfig(AppConfig):
    name = "fazhi.enforcement"
    verbose_name = "行政执法"

    def ready(self) -> None:
        # The menu entries of this app's pages (core.menus).
        from fazhi.core import menus
        from fazhi.enforcement import menus as app_menus

        menus.register(*app_menus.STAFF)
        menus.register_public(*app_menus.PUBLIC)

        # What the portal's site-wide search finds in this app's public pages.
        from fazhi.core import publiclists, sitesearch
        from fazhi.enforcement.sitesearch import LATEST, SOURCE

        sitesearch.register(SOURCE)
        # Its latest published records on a department's portal page (/d/<code>/).
        publiclists.register(LATEST)
        # Verbs that change what the public pages and the public API show (published decisions and the year's figures, which every step of a case moves):
        # their actions renew the public pages' cache (core.publiccache).
        from fazhi.core.publiccache import register_public_verbs

        register_public_verbs("enforcement.")
        # The words of this app's audit verbs, for the 全过程记录 page and every history.
        from fazhi.core.audit import register_verbs
        from fazhi.enforcement.view_helpers import VERB_LABELS as AUDIT_VERBS

        register_verbs(AUDIT_VERBS)
        # Words for this app's other audit verbs (the 全过程记录 page).
        from django.utils.translation import gettext_lazy

        register_verbs(
            {
                "enforcement.import": gettext_lazy("据档案录入执法案件"),
            }
        )

        from fazhi.core import deadlines
        from fazhi.core.attachments import register_attachable
        from fazhi.core.worklist import register
        from fazhi.enforcement import permissions, worklist
        from fazhi.enforcement.models import CaseRecord, EnforcementCase
        from fazhi.reviews.subjects import register_subject

        # The files of the full-process record: written instruments, evidence, photos, audio
        # and video, receipts.
        register_attachable(
            CaseRecord, can_view=permissions.can_view_record, can_attach=permissions.can_attach
        )
        register(worklist.enforcement_items)
        from fazhi.core import overdue
        from fazhi.enforcement.overdue import overdue_cases

        overdue.register(overdue_cases)
        deadlines.register("enforcement", _fill_deadlines)
        # The legality check of a major decision links back to its case.
        register_subject(EnforcementCase, url_name="enforcement:detail")

        # The year's figures for the annual report.
        from fazhi.core.figures import register_all
        from fazhi.enforcement.figures import FIGURES

        register_all(FIGURES)


def _fill_deadlines() -> int:
    from fazhi.enforcement.actions import fill_all_pending_deadlines

    return fill_all_pending_deadlines()
