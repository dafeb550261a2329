"""Promotions and the agency-set rules of exams (pass mark, retake allowance, validity of a
pre-appointment exam). No national figure exists for these (DOMAIN.md §13): each is a versioned
row the personnel division sets, with its basis, and every change is audited."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fazhi.learning.models.exams import Employee


class ExamRule(models.Model):
    class Unit(models.TextChoices):
        POINTS = "points", _("分（百分制）")
        TIMES = "times", _("次")
        MONTHS = "months", _("个月")

    # The agency that set this version; none: the installation's default row.
    agency = models.ForeignKey(
        "core.Organization",
        verbose_name=_("所属机关"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    code = models.CharField(_("代码"), max_length=60)
    version = models.PositiveIntegerField(_("版本"))
    name = models.CharField(_("名称"), max_length=100)
    value = models.PositiveIntegerField(_("取值"))
    unit = models.CharField(_("单位"), max_length=10, choices=Unit.choices)
    basis = models.TextField(_("依据"))
    source_tag = models.CharField(_("来源标记"), max_length=1, default="U")
    valid_from = models.DateField(_("适用日期"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("修改时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("考试规则")
        verbose_name_plural = _("考试规则")
        ordering = ["code", "-version"]
        constraints = [models.UniqueConstraint(fields=["code", "version"], name="learning_rule_version")]

    def __str__(self) -> str:
        return f"{self.name}：{self.value}{self.get_unit_display()}"

    @property
    def to_confirm(self) -> bool:
        return self.source_tag != "V"


class Promotion(models.Model):
    """A proposed appointment to a post (拟任职务), confirmed only with a passed pre-appointment
    exam within its validity."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("拟任")
        CONFIRMED = "confirmed", _("已任职")
        BLOCKED = "blocked", _("任前考试未通过，不予任职")

    agency = models.ForeignKey(
        "core.Organization", verbose_name=_("所属机关"), on_delete=models.PROTECT, related_name="+"
    )
    employee = models.ForeignKey(
        Employee, verbose_name=_("拟任人选"), on_delete=models.PROTECT, related_name="+"
    )
    post = models.CharField(_("拟任职务"), max_length=100)
    appointed_on = models.DateField(_("拟任职日期"))
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.PROPOSED)
    decision_note = models.CharField(_("说明"), max_length=300, blank=True)
    exam_attempt = models.ForeignKey(
        "learning.Attempt", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("确认时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("拟任职务")
        verbose_name_plural = _("任前考试把关")
        ordering = ["-appointed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.employee.full_name} 拟任 {self.post}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The agency of the employee proposed, unless set explicitly.
        if self.agency_id is None and self.employee_id is not None:
            self.agency_id = Employee.objects.values_list("agency_id", flat=True).get(pk=self.employee_id)
        super().save(*args, **kwargs)

    @property
    def day(self) -> datetime.date:
        return self.appointed_on
