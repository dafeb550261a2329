"""The portal's entries of the public menu, registered from `AppConfig.ready()` (`core.menus`):
the home page first, the transparency page last."""

from django.utils.translation import gettext_lazy as _

from fazhi.core.menus import PublicItem

PUBLIC = [
    PublicItem(_("首页"), "portal:home", 10),
    PublicItem(_("公开透明"), "portal:transparency", 900),
]
