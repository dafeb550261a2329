from typing import Any

from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate


def _ensure_search_index(sender: Any, using: str = "default", **kwargs: Any) -> None:
    # Infrastructure: the library's index lives in database triggers and tables of its own
    # (migration documents/0002); a later migration that rebuilds a table on SQLite drops the
    # triggers, so they are checked, and restored, after every migrate.
    from fazhi.documents.search import ensure_search_index

    ensure_search_index(connections[using])


class DocumentsConfig(AppConfig):
    name = "fazhi.documents"
    verbose_name = "行政规范性文件"

    def ready(self) -> None:
        # The menu entries of this app's pages (core.menus).
        from fazhi.core import menus
        from fazhi.documents import menus as app_menus

        menus.register(*app_menus.STAFF)
        menus.register_public(*app_menus.PUBLIC)

        # What the portal's site-wide search finds in this app's public pages.
        from fazhi.core import publiclists, sitesearch
        from fazhi.documents.sitesearch import LATEST, SOURCE

        sitesearch.register(SOURCE)
        # Its latest published records on a department's portal page (/d/<code>/).
        publiclists.register(LATEST)
        # Verbs that change what the public pages and the public API show (the library, a document's page and history, drafts open for comment, cleanup results):
        # their actions renew the public pages' cache (core.publiccache).
        from fazhi.core.publiccache import register_public_verbs

        register_public_verbs("document.", "filing.", "cleanup.")
        # What is late in this app, on the leadership's overview (core.overdue).
        from fazhi.core import overdue
        from fazhi.documents.overdue import overdue_documents

        overdue.register(overdue_documents)
        # The words of this app's audit verbs, for the 全过程记录 page and every history.
        from fazhi.core.audit import register_verbs
        from fazhi.documents.view_helpers import VERB_LABELS as AUDIT_VERBS

        register_verbs(AUDIT_VERBS)
        # Words for this app's other audit verbs (the 全过程记录 page).
        from django.utils.translation import gettext_lazy

        register_verbs(
            {
                "cleanup.approve": gettext_lazy("批准清理结果"),
                "cleanup.create": gettext_lazy("发起文件清理"),
                "cleanup.disposition": gettext_lazy("确定清理意见"),
                "cleanup.publish": gettext_lazy("公布清理结果"),
                "document.back_to_review": gettext_lazy("退回重新审核"),
                "document.import": gettext_lazy("据档案录入文件"),
            }
        )

        from fazhi.core import deadlines
        from fazhi.core.attachments import register_attachable
        from fazhi.core.permissions import is_staff_member
        from fazhi.core.worklist import register
        from fazhi.documents import permissions, worklist
        from fazhi.documents.models import NormativeDocument
        from fazhi.reviews.subjects import register_subject

        register_subject(NormativeDocument, url_name="documents:detail")
        deadlines.register("documents.filing", _fill_filing)
        deadlines.register("documents.solicitation", _fill_windows)

        # Minutes and other materials of a document: seen by whoever may see the document,
        # attached by its drafting division or the legal affairs division.
        register_attachable(
            NormativeDocument,
            can_view=lambda user, doc: (
                is_staff_member(user)
                and NormativeDocument.objects.visible_to(user).filter(pk=doc.pk).exists()
            ),
            # …and whoever may record its deliberation (the minutes are attached then).
            can_attach=lambda user, doc: (
                permissions.is_drafter_of(user, doc)
                or permissions.can_issue(user)
                or permissions.can_record_deliberation(user, doc)
            ),
        )
        register(worklist.document_items)
        post_migrate.connect(_ensure_search_index, sender=self, dispatch_uid="fazhi.documents.search_index")

        # The year's figures for the annual report.
        from fazhi.core.figures import register_all
        from fazhi.documents.figures import FIGURES

        register_all(FIGURES)


def _fill_filing() -> int:
    from fazhi.documents.actions.filing import fill_pending_filing_deadlines

    return fill_pending_filing_deadlines()


def _fill_windows() -> int:
    from fazhi.documents.actions.drafting import fill_pending_windows

    return fill_pending_windows()
