"""Evaluations and inspections the bureau undergoes (DOMAIN.md §15): the third-party evaluation of
rule-of-law government, the central and the city's rule-of-law inspections (法治督察, under
厅字〔2019〕28号), the yearly assessment by the city's rule-of-law office. Who came, when, what was
examined, the heads' part in it (instructions, reports in person), and the findings — each a
rectification task in the task ledger (`ledger.LedgerItem`) with its evidence of completion; the
inspection closes with a rectification report once every finding is rectified."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fazhi.core.agencies import scoped
from fazhi.ledger.models import LedgerItem


class OversightQuerySet(models.QuerySet["Oversight"]):
    def visible_to(self, user: Any) -> OversightQuerySet:
        """The legal affairs division and the leadership of the inspected agency; nobody else (a
        division works on its findings in the task ledger)."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.has_perm("oversight.view_oversight"):
            return scoped(self, user)
        return self.none()


class Oversight(models.Model):
    """An evaluation or inspection received (接受的评估、督察、考核)."""

    class Kind(models.TextChoices):
        THIRD_PARTY = "third_party", _("法治政府建设第三方评估")
        CENTRAL_INSPECTION = "central_inspection", _("中央法治督察")
        CITY_INSPECTION = "city_inspection", _("市级法治督察")
        ANNUAL_ASSESSMENT = "annual_assessment", _("市委依法治市办年度考核")

    class Status(models.TextChoices):
        OPEN = "open", _("进行中")
        RECTIFYING = "rectifying", _("整改中")
        CLOSED = "closed", _("已报送整改报告")

    agency = models.ForeignKey(
        "core.Organization", verbose_name=_("所属机关"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("类别"), max_length=30, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("年度"))
    title = models.CharField(_("名称"), max_length=200)
    conducted_by = models.CharField(_("组织或实施单位"), max_length=200)
    team = models.TextField(_("工作组成员"), blank=True)
    started_on = models.DateField(_("开始日期"))
    ended_on = models.DateField(_("结束日期"), null=True, blank=True)
    scope = models.TextField(_("评估或督察内容"))
    method = models.TextField(
        _("方式"), blank=True, help_text=_("如：听取汇报、查阅资料、实地察看、问卷调查")
    )
    result = models.TextField(_("评估或督察结论"), blank=True)
    feedback_on = models.DateField(_("反馈意见日期"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.OPEN)
    report = models.TextField(_("整改报告"), blank=True)
    closed_on = models.DateField(_("整改报告报送日期"), null=True, blank=True)
    report_to = models.CharField(_("整改报告报送单位"), max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OversightQuerySet.as_manager()

    class Meta:
        verbose_name = _("评估督察")
        verbose_name_plural = _("评估督察")
        ordering = ["-started_on", "-pk"]
        permissions = [("manage_oversight", _("登记评估督察及整改"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="oversight_dates_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.title


class HeadPart(models.Model):
    """The heads' part: an instruction given (批示), a report made in person (当面汇报), a meeting
    chaired (主持召开整改会议)."""

    class Kind(models.TextChoices):
        INSTRUCTION = "instruction", _("作出批示")
        REPORT_IN_PERSON = "report_in_person", _("当面汇报")
        MEETING = "meeting", _("主持研究整改")

    oversight = models.ForeignKey(Oversight, on_delete=models.CASCADE, related_name="head_parts")
    kind = models.CharField(_("方式"), max_length=20, choices=Kind.choices)
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("机关领导"), on_delete=models.PROTECT, related_name="+"
    )
    on = models.DateField(_("日期"))
    content = models.TextField(_("内容"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("领导履职")
        verbose_name_plural = _("领导履职")
        ordering = ["oversight", "on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.on:%Y-%m-%d}"


class Finding(models.Model):
    """A problem found, to be rectified: its task in the ledger, and the evidence of completion."""

    oversight = models.ForeignKey(Oversight, on_delete=models.CASCADE, related_name="findings")
    number = models.PositiveSmallIntegerField(_("序号"))
    text = models.TextField(_("问题"))
    measures = models.TextField(_("整改措施"), blank=True)
    task = models.OneToOneField(
        LedgerItem, verbose_name=_("整改任务"), on_delete=models.PROTECT, related_name="finding"
    )
    evidence = models.TextField(_("整改完成佐证"), blank=True)
    evidence_on = models.DateField(_("佐证登记日期"), null=True, blank=True)
    evidence_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("反馈问题")
        verbose_name_plural = _("反馈问题")
        ordering = ["oversight", "number"]
        constraints = [
            models.UniqueConstraint(fields=["oversight", "number"], name="oversight_finding_number")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:40]}"

    @property
    def is_rectified(self) -> bool:
        """Rectified: its task signed off as done and the evidence recorded."""
        return self.task.status == LedgerItem.Status.DONE and bool(self.evidence)
