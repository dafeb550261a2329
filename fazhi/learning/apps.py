from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _seed_rules(sender: Any, **kwargs: Any) -> None:
    # A flush (transactional tests) empties the rule rows; put the defaults back, never
    # overwriting a correction.
    from fazhi.learning.rules import seed_rules

    seed_rules()


class LearningConfig(AppConfig):
    name = "fazhi.learning"
    verbose_name = "学法用法"

    def ready(self) -> None:
        # The menu entries of this app's pages (core.menus).
        from fazhi.core import menus
        from fazhi.learning import menus as app_menus

        menus.register(*app_menus.STAFF)

        from fazhi.core import figures, laws, worklist
        from fazhi.core.attachments import register_attachable
        from fazhi.learning import permissions
        from fazhi.learning.actions import retire_for_new_version
        from fazhi.learning.models import StudySession
        from fazhi.learning.stats import FIGURES
        from fazhi.learning.worklist import exam_items

        # A law amended: its questions tied to an older version wait for a reviewer.
        laws.on_new_version("learning")(retire_for_new_version)
        figures.register_all(FIGURES)
        worklist.register(exam_items)
        # A session's materials (slides, the lecture's outline, the 述法 report).
        register_attachable(
            StudySession, can_view=permissions.can_view_session, can_attach=permissions.can_attach_session
        )
        post_migrate.connect(_seed_rules, sender=self)
