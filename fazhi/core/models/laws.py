"""The register of laws: the laws, regulations and rules the agency administers, studies or
cites, each with its dated versions. A shared fact of the agency: exam questions test a law
version, documents and rule-book rows cite one, legislative projects make new ones."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Law(models.Model):
    class Kind(models.TextChoices):
        CONSTITUTION = "constitution", _("宪法")
        LAW = "law", _("法律")
        ADMINISTRATIVE_REGULATION = "administrative_regulation", _("行政法规")
        LOCAL_REGULATION = "local_regulation", _("地方性法规")
        DEPARTMENT_RULE = "department_rule", _("部门规章")
        GOVERNMENT_RULE = "government_rule", _("地方政府规章")
        JUDICIAL_INTERPRETATION = "judicial_interpretation", _("司法解释")
        PARTY_RULE = "party_rule", _("党内法规")
        OTHER = "other", _("其他")

    title = models.CharField(_("名称"), max_length=200, unique=True)
    kind = models.CharField(_("效力层级"), max_length=30, choices=Kind.choices)
    issuing_body = models.CharField(_("制定机关"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("法律法规")
        verbose_name_plural = _("法律法规")
        ordering = ["title"]
        permissions = [("manage_laws", _("维护法律法规库"))]

    def __str__(self) -> str:
        return self.title

    def version_on(self, day: datetime.date) -> LawVersion | None:
        """The version in force on `day` (the latest that took effect by then), if any."""
        return self.versions.filter(effective_on__lte=day).order_by("-effective_on", "-id").first()


class LawVersion(models.Model):
    class Kind(models.TextChoices):
        ADOPTED = "adopted", _("制定")
        AMENDED = "amended", _("修正")
        REVISED = "revised", _("修订")
        REPEALED = "repealed", _("废止")

    law = models.ForeignKey(
        Law, verbose_name=_("法律法规"), on_delete=models.PROTECT, related_name="versions"
    )
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices)
    adopted_on = models.DateField(_("通过（公布）日期"))
    effective_on = models.DateField(_("施行日期"))
    issuing_body = models.CharField(_("制定机关"), max_length=100, blank=True)
    text = models.TextField(_("文本"), blank=True)
    url = models.URLField(_("链接"), blank=True)
    note = models.CharField(_("说明"), max_length=300, blank=True)
    # When the version took effect and the things tied to the previous version were flagged
    # (`fazhi.core.laws.apply_effective_versions`); empty until then.
    flagged_at = models.DateTimeField(_("已提示关联事项"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("法律法规版本")
        verbose_name_plural = _("法律法规版本")
        ordering = ["law", "effective_on", "id"]

    def __str__(self) -> str:
        return f"{self.law.title}（{self.get_kind_display()} {self.effective_on.isoformat()}）"

    @property
    def label(self) -> str:
        """How a citation names the version: "2021年修订", "2017年修正"."""
        return f"{self.adopted_on.year}年{self.get_kind_display()}"
