from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "fazhi.reviews"
    verbose_name = "合法性审核"

    def ready(self) -> None:
        # The menu entries of this app's pages (core.menus).
        from fazhi.core import menus
        from fazhi.reviews import menus as app_menus

        menus.register(*app_menus.STAFF)

        # What is late in this app, on the leadership's overview (core.overdue).
        from fazhi.core import overdue
        from fazhi.reviews.overdue import overdue_reviews

        overdue.register(overdue_reviews)
        # The words of this app's audit verbs, for the 全过程记录 page and every history.
        from fazhi.core.audit import register_verbs
        from fazhi.reviews.views.requests import VERB_LABELS as AUDIT_VERBS

        register_verbs(AUDIT_VERBS)
        # Words for this app's other audit verbs (the 全过程记录 page).
        from django.utils.translation import gettext_lazy

        register_verbs(
            {
                "review.link_subject": gettext_lazy("关联审核事项"),
                "counsel.save": gettext_lazy("保存法律顾问名录"),
            }
        )

        from fazhi.core import deadlines
        from fazhi.core.attachments import register_attachable
        from fazhi.core.worklist import register
        from fazhi.reviews import permissions, worklist
        from fazhi.reviews.models import ReviewRequest

        register_attachable(ReviewRequest, can_view=permissions.can_view, can_attach=permissions.can_attach)
        register(worklist.review_items)
        deadlines.register("reviews", _fill_deadlines)

        # The year's figures for the annual report.
        from fazhi.core.figures import register_all
        from fazhi.reviews.figures import FIGURES

        register_all(FIGURES)


def _fill_deadlines() -> int:
    from fazhi.reviews.actions import fill_pending_deadlines

    return fill_pending_deadlines()
