from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "fazhi.portal"
    verbose_name = "门户"

    def ready(self) -> None:
        # The portal's entries of the public menu (core.menus).
        from fazhi.core import menus
        from fazhi.portal import menus as app_menus

        menus.register_public(*app_menus.PUBLIC)
