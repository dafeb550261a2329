"""The roster of the bureau's enforcement officers (执法检查人员名录库) with their enforcement
certificates, and the bureau's enforcement domains. A shared fact of the agency: the draw of
"double random, one public" picks its inspectors from it, and every enforcement case names two
of its officers with a certificate valid on the day (行政处罚法 Art 42).

The table keeps the name it had when the roster lived with the inspections
(`inspections_inspector`): the model moved, the rows did not."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Domain(models.TextChoices):
    """The bureau's enforcement duties (its 权责清单): what officers are certified for and what
    the random inspections sample."""

    LAB_ANIMALS = "lab_animals", _("实验动物")
    HUMAN_GENETIC_RESOURCES = "human_genetic_resources", _("人类遗传资源")
    OTHER = "other", _("其他")


class InspectorQuerySet(models.QuerySet["Inspector"]):
    def certified_on(self, day: datetime.date) -> InspectorQuerySet:
        """Active officers whose enforcement certificate is valid on `day`."""
        return self.filter(is_active=True, certificate_expires_on__gte=day)


class Inspector(models.Model):
    """An enforcement officer of the roster. Id in a draw and on a case: the enforcement
    certificate number."""

    name = models.CharField(_("姓名"), max_length=50)
    certificate_number = models.CharField(
        _("执法证号"),
        max_length=40,
        unique=True,
        error_messages={"unique": _("该执法证号已登记")},
    )
    certificate_expires_on = models.DateField(_("执法证有效期至"))
    domains = models.JSONField(_("执法领域"), default=list, help_text=_("Domain 代码的列表"))
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("平台账户"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inspector",
    )
    is_active = models.BooleanField(_("在册"), default=True)
    # The agency that certified and employs the officer: its draws and cases take them, no other.
    agency = models.ForeignKey(
        "core.Organization", verbose_name=_("所属机关"), on_delete=models.PROTECT, related_name="+"
    )

    objects = InspectorQuerySet.as_manager()

    class Meta:
        db_table = "inspections_inspector"
        verbose_name = _("执法检查人员")
        verbose_name_plural = _("执法检查人员名录库")
        ordering = ["certificate_number"]

    def __str__(self) -> str:
        return f"{self.name}（{self.certificate_number}）"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # An officer with a platform account belongs to that account's agency unless set.
        if self.agency_id is None and self.user_id is not None:
            organization = self.user.organization
            if organization is not None:
                self.agency_id = organization.agency_id
        super().save(*args, **kwargs)

    def domain_labels(self) -> list[str]:
        from fazhi.core.agencies import inspection_domains

        labels = dict(inspection_domains(self.agency if self.agency_id else None))
        return [str(labels.get(code, code)) for code in self.domains]
