"""Government services (DOMAIN.md §11; research notes §5): the catalog of service matters, the
certification matters under notification-commitment (证明事项告知承诺制, 国办发〔2020〕42号) with
their commitments, verification and the consequences of a false one, and the powers delegated
to 滨海新区 and the functional zones.

A matter's verification time is set per matter (`commitment.verification` has no national
figure): the number of days and their kind are entered on the matter, never assumed.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fazhi.core.agencies import agency_id_of, scoped
from fazhi.core.models import Organization


class ServiceQuerySet(models.QuerySet[Any]):
    def visible_to(self, user: Any) -> ServiceQuerySet:
        """The staff who handle services (and the leadership) see everything of their own
        agency (issue 12); each model names the path to its agency (`AGENCY_PATH`)."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.has_perm("services.view_servicematter"):
            return scoped(self, user, self.model.AGENCY_PATH)
        return self.none()

    def of_agency(self, agency: Any) -> ServiceQuerySet:
        """The records of `agency` (an Organization or its id); every record for None."""
        if agency is None:
            return self
        return self.filter(**{f"{self.model.AGENCY_PATH}_id": getattr(agency, "pk", agency)})


class ServiceMatter(models.Model):
    """A matter of the service catalog (政务服务、公共服务事项目录)."""

    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("政务服务事项")
        PUBLIC = "public", _("公共服务事项")

    class DayKind(models.TextChoices):
        WORKING = "working_days", _("工作日")
        CALENDAR = "calendar_days", _("自然日")

    AGENCY_PATH = "agency"

    agency = models.ForeignKey(
        "core.Organization", verbose_name=_("所属机关"), on_delete=models.PROTECT, related_name="+"
    )
    # Unique per agency (two departments may use the same code form).
    code = models.CharField(_("事项编码"), max_length=50)
    name = models.CharField(_("事项名称"), max_length=200)
    kind = models.CharField(_("事项类型"), max_length=20, choices=Kind.choices)
    division = models.ForeignKey(
        Organization, verbose_name=_("承办处室"), on_delete=models.PROTECT, related_name="+"
    )
    basis = models.TextField(_("设定依据"))
    published = models.BooleanField(_("已在网上办事大厅公开"), default=False)
    # Notification-commitment (only where the matter requires a certification).
    commitment_allowed = models.BooleanField(_("实行告知承诺制"), default=False)
    proof_replaced = models.TextField(_("以承诺替代的证明材料"), blank=True)
    excluded_reason = models.TextField(
        _("不适用告知承诺制的理由"),
        blank=True,
        help_text=_(
            "直接涉及国家安全、国家秘密、公共安全、金融业审慎监管、生态环境保护和人身健康、生命财产安全以及重要涉外等事项"
        ),
    )
    verification_method = models.CharField(_("核查方式"), max_length=200, blank=True)
    verification_days = models.PositiveSmallIntegerField(_("核查时限"), null=True, blank=True)
    verification_day_kind = models.CharField(
        _("核查时限单位"), max_length=20, choices=DayKind.choices, default=DayKind.WORKING
    )
    supervision_rules = models.TextField(_("事中事后监管细则"), blank=True)

    objects = ServiceQuerySet.as_manager()

    class Meta:
        verbose_name = _("服务事项")
        verbose_name_plural = _("政务服务、公共服务事项目录")
        ordering = ["code"]
        permissions = [("manage_services", _("管理服务事项和告知承诺"))]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "code"],
                name="services_matter_code_per_agency",
                violation_error_message=_("该事项编码已登记"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.agency_id is None and self.division_id is not None:
            self.agency_id = self.division.agency_id
        super().save(*args, **kwargs)


class Commitment(models.Model):
    """An applicant's written commitment in place of a certification."""

    class Status(models.TextChoices):
        ACCEPTED = "accepted", _("已受理，待核查")
        VERIFIED = "verified", _("核查属实")
        FALSE = "false", _("核查发现虚假承诺")
        WITHDRAWN = "withdrawn", _("申请人撤回承诺")

    class Consequence(models.TextChoices):
        TERMINATE = "terminate", _("终止办理")
        CORRECTION = "correction", _("责令限期整改")
        REVOKE = "revoke", _("撤销行政决定")
        PENALTY = "penalty", _("依法给予行政处罚")

    AGENCY_PATH = "matter__agency"

    matter = models.ForeignKey(
        ServiceMatter, verbose_name=_("事项"), on_delete=models.PROTECT, related_name="commitments"
    )
    applicant = models.CharField(_("申请人"), max_length=200)
    applicant_code = models.CharField(_("统一社会信用代码或身份证件号码"), max_length=40)
    signed_on = models.DateField(_("承诺日期"))
    verification_due_on = models.DateField(_("核查期限"), null=True, blank=True)
    verified_on = models.DateField(_("核查日期"), null=True, blank=True)
    verification_note = models.TextField(_("核查情况"), blank=True)
    consequence = models.CharField(_("处理"), max_length=20, choices=Consequence.choices, blank=True)
    withdrawn_on = models.DateField(_("撤回日期"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.ACCEPTED)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = ServiceQuerySet.as_manager()

    class Meta:
        verbose_name = _("告知承诺")
        verbose_name_plural = _("告知承诺")
        ordering = ["-signed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.applicant}：{self.matter.name}"

    def is_overdue(self, today: datetime.date) -> bool:
        return self.status == self.Status.ACCEPTED and bool(
            self.verification_due_on and self.verification_due_on < today
        )


class CreditRecord(models.Model):
    """A false commitment on the applicant's credit record (告知承诺失信): the commitment route is
    closed to them until the record is repaired."""

    AGENCY_PATH = "commitment__matter__agency"

    applicant = models.CharField(_("申请人"), max_length=200)
    applicant_code = models.CharField(_("统一社会信用代码或身份证件号码"), max_length=40, db_index=True)
    commitment = models.OneToOneField(Commitment, on_delete=models.PROTECT, related_name="credit_record")
    recorded_on = models.DateField(_("记录日期"))
    repaired_on = models.DateField(_("信用修复日期"), null=True, blank=True)
    repair_reason = models.TextField(_("信用修复情况"), blank=True)

    objects = ServiceQuerySet.as_manager()

    class Meta:
        verbose_name = _("告知承诺失信记录")
        verbose_name_plural = _("告知承诺失信记录")
        ordering = ["-recorded_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.applicant} 告知承诺失信（{self.recorded_on:%Y-%m-%d}）"


class DelegatedPower(models.Model):
    """A municipal power delegated to a district or functional zone (下放市级权力), with the
    training and guidance given."""

    class Status(models.TextChoices):
        DELEGATED = "delegated", _("已下放")
        WITHDRAWN = "withdrawn", _("已收回")

    AGENCY_PATH = "agency"

    # The delegating agency (the recipient is a district or a zone).
    agency = models.ForeignKey(
        "core.Organization", verbose_name=_("所属机关"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("权力事项"), max_length=200)
    recipient = models.ForeignKey(
        Organization, verbose_name=_("承接单位"), on_delete=models.PROTECT, related_name="+"
    )
    document = models.CharField(_("下放依据"), max_length=200)
    delegated_on = models.DateField(_("下放日期"))
    trainings = models.PositiveSmallIntegerField(_("培训指导次数"), default=0)
    last_training_on = models.DateField(_("最近培训指导日期"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.DELEGATED)
    withdrawn_on = models.DateField(_("收回日期"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("收回理由"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = ServiceQuerySet.as_manager()

    class Meta:
        verbose_name = _("下放权力事项")
        verbose_name_plural = _("下放权力事项")
        ordering = ["recipient", "name"]

    def __str__(self) -> str:
        return f"{self.name} → {self.recipient.name}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.agency_id is None and self.created_by_id is not None:
            self.agency_id = agency_id_of(self.created_by)
        super().save(*args, **kwargs)
