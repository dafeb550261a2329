from __future__ import annotations

import datetime
import hashlib
from typing import Any

from django.contrib import auth
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fazhi.core.roles import Role


class Organization(models.Model):
    """An agency or a unit inside one: the bureau, its divisions, the Justice Bureau, districts."""

    class Kind(models.TextChoices):
        AGENCY = "agency", _("机关")
        DIVISION = "division", _("处室")
        JUSTICE_BUREAU = "justice_bureau", _("备案审查机关（司法局）")
        DISTRICT = "district", _("区（功能区）")

    name = models.CharField(_("名称"), max_length=100)
    short_name = models.CharField(_("简称"), max_length=30, blank=True)
    code = models.SlugField(_("代码"), max_length=40, unique=True)
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    is_legal_affairs = models.BooleanField(
        _("法制机构"), default=False, help_text=_("本机关负责合法性审核的处室（如政策法规处）")
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    # An agency's own words and settings (issue 12): every department of a city runs the same
    # duties under its own names. Blank words fall back to the generic ones of `wording()`.
    head_title = models.CharField(
        _("主要负责人职务"), max_length=20, blank=True, help_text=_("如：局长、主任")
    )
    leaders_title = models.CharField(
        _("领导班子称谓"), max_length=20, blank=True, help_text=_("如：局领导、委领导")
    )
    office_meeting = models.CharField(
        _("行政办公会议名称"), max_length=30, blank=True, help_text=_("如：局长办公会、主任办公会")
    )
    party_meeting = models.CharField(
        _("党组织会议名称"), max_length=30, blank=True, help_text=_("如：局党委会、党组会")
    )
    filing_authority = models.ForeignKey(
        "self",
        verbose_name=_("备案审查机关"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="filers",
        help_text=_("本机关的规范性文件报送备案的司法行政机关"),
    )
    inspection_domains = models.JSONField(
        _("检查执法领域"),
        default=list,
        blank=True,
        help_text=_("[代码, 名称] 的列表；为空时使用平台的默认领域"),
    )
    portal_intro = models.TextField(_("门户简介"), blank=True)

    class Meta:
        verbose_name = _("组织机构")
        verbose_name_plural = _("组织机构")
        ordering = ["sort_order", "id"]
        permissions = [
            ("manage_city", _("管理全市各部门（创建部门、处室、用户与角色）")),
            ("manage_department", _("管理本部门的处室、用户与角色")),
        ]
        constraints = [
            # A division's name is unique within its agency; two departments can each have a
            # 政策法规处. Top-level organizations (agencies, justice bureaus) are unique by name.
            models.UniqueConstraint(fields=["parent", "name"], name="organization_name_per_parent"),
            models.UniqueConstraint(
                fields=["name"], condition=models.Q(parent__isnull=True), name="organization_top_level_name"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def agency(self) -> Organization:
        """The agency a division belongs to (itself for an agency)."""
        if self.kind == self.Kind.DIVISION and self.parent is not None:
            return self.parent
        return self

    @property
    def agency_id(self) -> int | None:
        """The id of `agency`, without a query."""
        if self.kind == self.Kind.DIVISION and self.parent_id is not None:
            return self.parent_id
        return self.pk

    def legal_affairs_division(self) -> Organization | None:
        """The division of this agency that runs legality review (法制机构), if one is set."""
        agency = self.agency
        return agency.children.filter(is_legal_affairs=True).order_by("sort_order", "id").first()


class User(AbstractUser):
    """A person who signs in. Roles are Django groups named by `Role` codes."""

    full_name = models.CharField(_("姓名"), max_length=50, blank=True)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("所在单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    title = models.CharField(_("职务"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def display_name(self) -> str:
        return self.full_name or self.username

    # Django answers True to every permission of an active superuser. Here a superuser goes
    # through the backends like anyone else, and `core.backends.RoleBackend` gives it only the
    # administration capabilities beyond those of its roles (issue 15).
    def has_perm(self, perm: str, obj: Any = None) -> bool:
        return self.is_active and self._ask_backends("has_perm", perm, obj)

    def has_module_perms(self, app_label: str) -> bool:
        return self.is_active and self._ask_backends("has_module_perms", app_label)

    def _ask_backends(self, method: str, *args: Any) -> bool:
        """As Django does for everyone but superusers: any backend that grants, until one denies."""
        for backend in auth.get_backends():
            if not hasattr(backend, method):
                continue
            try:
                if getattr(backend, method)(self, *args):
                    return True
            except PermissionDenied:
                return False
        return False

    def role_codes(self) -> set[str]:
        cached = getattr(self, "_role_codes", None)
        if cached is None:
            cached = set(self.groups.values_list("name", flat=True)) if self.pk else set()
            self._role_codes = cached
        return cached

    def has_role(self, *roles: Role | str) -> bool:
        return bool(self.role_codes() & {str(r) for r in roles})

    def role_labels(self) -> list[str]:
        return [str(Role(code).label) for code in sorted(self.role_codes()) if code in Role.values]


class ApiToken(models.Model):
    """A bearer token for integrations. Only a SHA-256 of the token is stored."""

    user = models.ForeignKey(
        User, verbose_name=_("用户"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("用途"), max_length=100, blank=True)
    prefix = models.CharField(_("前缀"), max_length=12)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("最近使用"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("吊销时间"), null=True, blank=True)
    # Optional: a token for an integration of limited duration stops working by itself.
    expires_at = models.DateTimeField(_("有效期至"), null=True, blank=True)

    class Meta:
        verbose_name = _("API 令牌")
        verbose_name_plural = _("API 令牌")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"

    def expired(self, now: datetime.datetime | None = None) -> bool:
        return self.expires_at is not None and self.expires_at <= (now or timezone.now())

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode("utf-8")).hexdigest()
