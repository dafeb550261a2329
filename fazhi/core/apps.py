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
        post_migrate.connect(_sync_roles, sender=self, dispatch_uid="fazhi.core.sync_roles")
