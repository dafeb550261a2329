from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .accounts import Organization


class NumberSeries(models.Model):
    """A document-number series of one organization, e.g. 津科规 for normative documents and
    津科 for ordinary documents (DOMAIN.md §4)."""

    class Kind(models.TextChoices):
        NORMATIVE = "normative", _("行政规范性文件")
        ORDINARY = "ordinary", _("一般公文")
        PENALTY = "penalty", _("行政处罚决定书")
        REVIEW_LETTER = "review_letter", _("法律审核意见书")

    organization = models.ForeignKey(Organization, verbose_name=_("发文机关"), on_delete=models.PROTECT)
    kind = models.CharField(_("文种"), max_length=20, choices=Kind.choices)
    prefix = models.CharField(_("发文机关代字"), max_length=20, unique=True)

    class Meta:
        verbose_name = _("文号序列")
        verbose_name_plural = _("文号序列")
        constraints = [
            models.UniqueConstraint(fields=["organization", "kind"], name="number_series_org_kind")
        ]
        permissions = [("issue_number", _("统一编号"))]

    def __str__(self) -> str:
        return f"{self.prefix}（{self.get_kind_display()}）"


class NumberCounter(models.Model):
    """The last sequence number issued in a series for a year; locked while issuing."""

    series = models.ForeignKey(NumberSeries, on_delete=models.PROTECT, related_name="counters")
    year = models.PositiveSmallIntegerField()
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["series", "year"], name="number_counter_series_year")]

    def __str__(self) -> str:
        return f"{self.series.prefix} {self.year}: {self.last_value}"


class IssuedNumber(models.Model):
    """A number once issued. Never reused, even if its document is later withdrawn."""

    series = models.ForeignKey(
        NumberSeries, verbose_name=_("序列"), on_delete=models.PROTECT, related_name="issued"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    sequence = models.PositiveIntegerField(_("序号"))
    number = models.CharField(_("文号"), max_length=40, unique=True)
    subject_type = models.CharField(_("对象类型"), max_length=100, blank=True)
    subject_id = models.CharField(_("对象编号"), max_length=64, blank=True)
    title = models.CharField(_("标题"), max_length=300, blank=True)
    issued_at = models.DateTimeField(_("编号时间"), auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("编号人"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("已编文号")
        verbose_name_plural = _("已编文号")
        ordering = ["series", "-year", "-sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "year", "sequence"], name="issued_number_unique_sequence"
            )
        ]

    def __str__(self) -> str:
        return self.number
