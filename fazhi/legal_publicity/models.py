"""Legal publicity (普法, DOMAIN.md §11; research notes §9): the five-year plan (the 八五 plan),
the yearly responsibility list of "whoever enforces publicises the law" (谁执法谁普法: subject,
content, standard and time limit, 中办发〔2017〕31号), and the activities (type, audience, the case
used to explain the law, materials), each counted in the year's figures."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fazhi.core.agencies import scoped
from fazhi.core.models import Organization
from fazhi.core.roles import Role


class PublicityPlan(models.Model):
    """A five-year legal-publicity plan of an agency's system (e.g. 科技系统“八五”普法规划)."""

    agency = models.ForeignKey(
        Organization, verbose_name=_("所属机关"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("规划名称"), max_length=200)
    start_year = models.PositiveSmallIntegerField(_("起始年度"))
    end_year = models.PositiveSmallIntegerField(_("终止年度"))
    # A plan is researched and drafted before it is adopted (the seed: the 八五 plan was being
    # drafted in 2021 and adopted in 2022); in force only from its adoption.
    drafting_started_on = models.DateField(_("开始研究编制日期"), null=True, blank=True)
    adopted_on = models.DateField(_("印发日期"))
    summary = models.TextField(_("主要任务"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("普法规划")
        verbose_name_plural = _("普法规划")
        ordering = ["-start_year", "-pk"]

    def __str__(self) -> str:
        return self.title


class ScopedQuerySet(models.QuerySet[Any]):
    def visible_to(self, user: Any) -> ScopedQuerySet:
        """Within the user's agency: its legal affairs division and its leadership see
        everything; a division (or an enforcement officer's division) sees its own."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        own = scoped(self, user)
        if user.has_perm("legal_publicity.manage_publicity") or user.has_role(Role.LEADERSHIP):
            return own
        if user.organization_id and user.has_role(
            Role.DIVISION_STAFF, Role.DIVISION_HEAD, Role.ENFORCEMENT_OFFICER
        ):
            return own.filter(division_id=user.organization_id)
        return self.none()


class AgencyFromDivision(models.Model):
    """A record of a division's: its agency is the division's unless set."""

    agency = models.ForeignKey(
        Organization, verbose_name=_("所属机关"), on_delete=models.PROTECT, related_name="+"
    )
    division: Any

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.agency_id is None and self.division_id is not None:
            self.agency_id = self.division.agency_id
        super().save(*args, **kwargs)


class ResponsibilityItem(AgencyFromDivision):
    """A row of the year's responsibility list (普法责任清单)."""

    year = models.PositiveSmallIntegerField(_("年度"))
    division = models.ForeignKey(
        Organization, verbose_name=_("责任处室"), on_delete=models.PROTECT, related_name="+"
    )
    content = models.TextField(_("普法内容"), help_text=_("应当宣传的法律法规"))
    audience = models.CharField(_("普法对象"), max_length=200)
    standard = models.TextField(_("工作标准"))
    due_on = models.DateField(_("完成时限"))
    done_on = models.DateField(_("完成日期"), null=True, blank=True)
    evaluation = models.TextField(_("完成情况评价"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("普法责任清单事项")
        verbose_name_plural = _("普法责任清单")
        ordering = ["year", "division", "due_on", "pk"]
        permissions = [("manage_publicity", _("管理普法规划和普法责任清单"))]

    def __str__(self) -> str:
        return f"{self.year} {self.division.name}：{self.content[:30]}"


class Activity(AgencyFromDivision):
    """A legal-publicity activity."""

    class Kind(models.TextChoices):
        LECTURE = "lecture", _("专题宣讲")
        TRAINING = "training", _("学法培训")
        CASE = "case", _("以案释法")
        WEB = "web", _("网站专栏")
        MATERIALS = "materials", _("编印宣传资料")
        EVENT = "event", _("主题活动")
        OTHER = "other", _("其他")

    class Audience(models.TextChoices):
        """Internal and public publicity carry equal weight (中办发〔2017〕31号)."""

        INTERNAL = "internal", _("系统内部")
        PUBLIC = "public", _("社会公众")

    held_on = models.DateField(_("日期"))
    division = models.ForeignKey(
        Organization, verbose_name=_("组织处室"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("形式"), max_length=20, choices=Kind.choices)
    audience = models.CharField(_("活动对象"), max_length=20, choices=Audience.choices)
    title = models.CharField(_("活动名称"), max_length=200)
    laws = models.CharField(_("宣传的法律法规"), max_length=300)
    reach = models.PositiveIntegerField(_("覆盖人次"), default=0)
    case_used = models.TextField(_("所释案例"), blank=True)
    responsibility = models.ForeignKey(
        ResponsibilityItem,
        verbose_name=_("落实的责任清单事项"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activities",
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("普法活动")
        verbose_name_plural = _("普法活动")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d} {self.title}"
