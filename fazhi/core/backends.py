"""The authentication backend: Django's ModelBackend, without "a superuser has every permission".

Administration is not a legal role (issue 15): a superuser manages accounts, the calendar and
the rule book, and has exactly the domain capabilities of the roles (groups) it is given, like
anyone else. `User.has_perm` no longer short-cuts for superusers either (core/models/accounts.py).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission

from fazhi.core.roles import is_administration_permission


class RoleBackend(ModelBackend):
    def _get_permissions(self, user_obj: Any, obj: Any, from_name: str) -> set[str]:
        if not user_obj.is_superuser:
            return super()._get_permissions(user_obj, obj, from_name)  # type: ignore[misc,no-any-return]
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        cache_name = f"_{from_name}_perm_cache"
        if not hasattr(user_obj, cache_name):
            own = getattr(self, f"_get_{from_name}_permissions")(user_obj)
            perms = {f"{app}.{code}" for app, code in own.values_list("content_type__app_label", "codename")}
            if from_name == "user":
                # What makes the superuser an administrator, and nothing more.
                every = Permission.objects.values_list("content_type__app_label", "codename")
                perms |= {
                    f"{app}.{code}" for app, code in every if is_administration_permission(f"{app}.{code}")
                }
            setattr(user_obj, cache_name, perms)
        return getattr(user_obj, cache_name)  # type: ignore[no-any-return]

    async def _aget_permissions(self, user_obj: Any, obj: Any, from_name: str) -> set[str]:
        from asgiref.sync import sync_to_async

        return await sync_to_async(self._get_permissions)(user_obj, obj, from_name)
