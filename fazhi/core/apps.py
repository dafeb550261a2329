from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _sync_roles(sender, **kwargs):  # type: ignore[no-untyped-def]
    # Infrastructure, not a domain step: keep the role groups in line with ROLE_PERMISSIONS.
    from fazhi.core.roles import sync_role_groups

    sync_role_groups()


class CoreConfig(AppConfig):
    name = "fazhi.core"
    verbose_name = "基础"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # After every app's migrations (not only core's): a role's capabilities include
        # permissions of apps that migrate after core.
        post_migrate.connect(_sync_roles, dispatch_uid="fazhi.core.sync_roles")

        from fazhi.core import permissions
        from fazhi.core.attachments import register_attachable
        from fazhi.core.models import CalendarYear

        # The State Council's holiday notice is attached to the calendar year it sets.
        register_attachable(
            CalendarYear,
            can_view=lambda user, year: permissions.is_staff_member(user),
            can_attach=lambda user, year: permissions.can_manage_rulebook(user),
        )
