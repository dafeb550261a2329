from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "fazhi.inspections"
    verbose_name = "双随机、一公开"

    def ready(self) -> None:
        # The menu entries of this app's pages (core.menus).
        from fazhi.core import menus
        from fazhi.inspections import menus as app_menus

        menus.register(*app_menus.STAFF)
        menus.register_public(*app_menus.PUBLIC)

        # What the portal's site-wide search finds in this app's public pages.
        from fazhi.core import publiclists, sitesearch
        from fazhi.inspections.sitesearch import LATEST, SOURCE

        sitesearch.register(SOURCE)
        # Its latest published records on a department's portal page (/d/<code>/).
        publiclists.register(LATEST)
        # Verbs that change what the public pages and the public API show (items, plans and their commitments, draws, results):
        # their actions renew the public pages' cache (core.publiccache).
        from fazhi.core.publiccache import register_public_verbs

        register_public_verbs("inspection.")
        # What is late in this app, on the leadership's overview (core.overdue).
        from fazhi.core import overdue
        from fazhi.inspections.overdue import overdue_tasks

        overdue.register(overdue_tasks)
        # The words of this app's audit verbs, for the 全过程记录 page and every history.
        from fazhi.core.audit import register_verbs
        from fazhi.inspections.view_helpers import VERB_LABELS as AUDIT_VERBS

        register_verbs(AUDIT_VERBS)
        # The roster of enforcement officers moved to core (core.models.officers); the events
        # recorded before name it by its former label.
        from fazhi.core.audit import register_former_label
        from fazhi.core.models import Inspector

        register_former_label("inspections.inspector", Inspector)
        # Words for this app's other audit verbs (the 全过程记录 page).
        from django.utils.translation import gettext_lazy

        register_verbs(
            {
                "inspection.conflict_add": gettext_lazy("登记回避关系"),
                "inspection.conflict_remove": gettext_lazy("解除回避关系"),
                "inspection.draw_import": gettext_lazy("据档案录入抽取结果"),
                "inspection.entity_import": gettext_lazy("导入检查对象"),
                "inspection.plan_import": gettext_lazy("据档案录入抽查计划"),
                "inspection.result_import": gettext_lazy("据档案录入检查结果"),
            }
        )

        from fazhi.core import deadlines
        from fazhi.core.attachments import register_attachable
        from fazhi.core.worklist import register
        from fazhi.inspections import permissions, worklist
        from fazhi.inspections.models import InspectionTask

        # Inspection records (photos, the on-site record, the expert's opinion) of a task.
        register_attachable(
            InspectionTask, can_view=permissions.can_view_task, can_attach=permissions.can_attach
        )
        register(worklist.inspection_items)
        deadlines.register("inspections", _fill_deadlines)

        # The year's figures for the annual report.
        from fazhi.core.figures import register_all
        from fazhi.inspections.figures import FIGURES

        register_all(FIGURES)


def _fill_deadlines() -> int:
    from fazhi.inspections.deadlines import fill_pending_deadlines

    return fill_pending_deadlines()
