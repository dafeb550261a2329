from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _sync_roles(sender, **kwargs):  # type: ignore[no-untyped-def]
    # Infrastructure, not a domain step: keep the role groups in line with ROLE_PERMISSIONS.
    # post_migrate is sent once per app; the groups are synced once, after the last app with
    # models, when every app's permissions exist.
    from django.apps import apps

    from fazhi.core.roles import sync_role_groups

    last = [config for config in apps.get_app_configs() if config.models_module is not None][-1]
    if sender is last:
        sync_role_groups()


def _ensure_reference_data(sender, **kwargs):  # type: ignore[no-untyped-def]
    # The calendar and the rule book are seeded by migration core/0002; a database flush (as
    # transactional tests do) empties them, and post_migrate runs again after it. Both seeders
    # add only what is missing and never overwrite an administrator's correction.
    from fazhi.core.calendar import seed_calendar_years
    from fazhi.core.models import CalendarYear
    from fazhi.core.rulebook import seed_rulebook

    if not CalendarYear.objects.exists():
        seed_calendar_years()
    seed_rulebook()


class CoreConfig(AppConfig):
    name = "fazhi.core"
    verbose_name = "基础"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Verbs that change what the public pages and the public API show (the laws cited and the due dates a calendar fills):
        # their actions renew the public pages' cache (core.publiccache).
        from fazhi.core.publiccache import register_public_verbs

        register_public_verbs("law.", "calendar.", "org.")
        # The header names the signed-in person's agency, kept in the session at sign-in.
        from django.contrib.auth.signals import user_logged_in

        from fazhi.core.branding import remember_agency

        user_logged_in.connect(remember_agency, dispatch_uid="fazhi.core.branding.remember_agency")
        # Words for this app's other audit verbs (the 全过程记录 page).
        from django.utils.translation import gettext_lazy

        from fazhi.core.audit import register_verbs

        register_verbs(
            {
                "calendar.day_deleted": gettext_lazy("删除工作日历日期"),
                "calendar.day_set": gettext_lazy("设置工作日历日期"),
                "calendar.notice_imported": gettext_lazy("导入国务院放假通知"),
                "calendar.year_created": gettext_lazy("创建年度工作日历"),
                "law.create": gettext_lazy("登记法律法规"),
                "law.version": gettext_lazy("登记法规新版本"),
                "law.version_effective": gettext_lazy("法规新版本生效"),
                "number.issue": gettext_lazy("编发文号"),
                "number.series_create": gettext_lazy("创建文号序列"),
                "rule.new_version": gettext_lazy("新建期限规则版本"),
                "token.create": gettext_lazy("创建接口令牌"),
                "token.revoke": gettext_lazy("吊销接口令牌"),
                "org.department_create": gettext_lazy("创建部门"),
                "org.department_update": gettext_lazy("修改部门设置"),
                "org.series_set": gettext_lazy("设置部门文号序列"),
                "org.division_create": gettext_lazy("创建处室"),
                "org.division_update": gettext_lazy("修改处室"),
                "account.user_create": gettext_lazy("创建用户"),
                "account.user_update": gettext_lazy("修改用户资料"),
                "account.roles_set": gettext_lazy("设置用户角色"),
                "account.deactivate": gettext_lazy("停用账户"),
                "account.activate": gettext_lazy("启用账户"),
                "account.password_reset": gettext_lazy("重置密码"),
            }
        )

        # After every app's migrations (not only core's): a role's capabilities include
        # permissions of apps that migrate after core.
        post_migrate.connect(_sync_roles, dispatch_uid="fazhi.core.sync_roles")
        post_migrate.connect(_ensure_reference_data, sender=self, dispatch_uid="fazhi.core.reference_data")

        from fazhi.core import permissions
        from fazhi.core.attachments import register_attachable
        from fazhi.core.models import CalendarYear

        # The State Council's holiday notice is attached to the calendar year it sets.
        register_attachable(
            CalendarYear,
            can_view=lambda user, year: permissions.is_staff_member(user),
            can_attach=lambda user, year: permissions.can_manage_rulebook(user),
        )
