"""Reconsideration, litigation and mediation (DOMAIN.md §11; research notes §7).

The bureau is the respondent (被申请人) in administrative reconsideration before the municipal
government and the defendant (被告) in administrative litigation; it mediates disputes within
its remit; its staff observe court hearings; its divisions screen for disputes. Every time
limit is a rule-book row, stored with the version that produced it.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from fazhi.core.agencies import agency_id_of, scoped, wording
from fazhi.core.calendar import Deadline, stored_deadline
from fazhi.core.models import DeadlineRule, Organization


class DisputeQuerySet(models.QuerySet[Any]):
    def visible_to(self, user: Any) -> DisputeQuerySet:
        """The legal affairs division (which handles them), the leadership and administrators —
        of the record's own agency only (issue 12)."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.has_perm("disputes.view_reconsideration"):
            return scoped(self, user)
        return self.none()

    def of_agency(self, agency: Any) -> DisputeQuerySet:
        """The records of `agency` (an Organization or its id); every record for None."""
        if agency is None:
            return self
        return self.filter(agency_id=getattr(agency, "pk", agency))


class AgencyRecord(models.Model):
    """A dispute record of one agency (issue 12): the respondent, the defendant, the mediator."""

    agency = models.ForeignKey(
        "core.Organization", verbose_name=_("所属机关"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        """The agency defaults to the division's, or to the agency of whoever entered it."""
        if self.agency_id is None:
            division_id = getattr(self, "division_id", None)
            if division_id is not None:
                self.agency_id = self.division.agency_id  # type: ignore[attr-defined]
            elif self.created_by_id is not None:  # type: ignore[attr-defined]
                self.agency_id = agency_id_of(self.created_by)  # type: ignore[attr-defined]
        super().save(*args, **kwargs)


class Reconsideration(AgencyRecord):
    """An administrative reconsideration in which the bureau is the respondent."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("已收到申请书副本，待答复")
        REPLIED = "replied", _("已答复，待决定")
        DECIDED = "decided", _("复议机关已决定")
        CLOSED = "closed", _("已办结")

    class Outcome(models.TextChoices):
        """The reconsideration decisions of 行政复议法 Arts 63–69, and their ends by settlement."""

        CHANGED = "changed", _("变更")
        REVOKED = "revoked", pgettext_lazy("reconsideration outcome", "撤销")
        CONFIRMED_UNLAWFUL = "confirmed_unlawful", _("确认违法")
        ORDERED_PERFORMANCE = "ordered_performance", _("责令履行")
        CONFIRMED_VOID = "confirmed_void", _("确认无效")
        UPHELD = "upheld", _("维持")
        DISMISSED = "dismissed", _("驳回复议请求")
        MEDIATED = "mediated", _("调解结案")
        WITHDRAWN = "withdrawn", _("申请人撤回申请")

    # The outcomes that reverse the act: a published penalty decision must then be withdrawn.
    REVERSING = frozenset(
        {Outcome.CHANGED, Outcome.REVOKED, Outcome.CONFIRMED_UNLAWFUL, Outcome.CONFIRMED_VOID}
    )

    applicant = models.CharField(_("申请人"), max_length=200)
    organ = models.CharField(_("复议机关"), max_length=100, default="天津市人民政府")
    case_number = models.CharField(_("复议案号"), max_length=100, blank=True)
    challenged_act = models.TextField(_("被申请复议的行政行为"))
    enforcement_case = models.ForeignKey(
        "enforcement.EnforcementCase",
        verbose_name=_("关联执法案件"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reconsiderations",
    )
    division = models.ForeignKey(
        Organization, verbose_name=_("承办处室"), on_delete=models.PROTECT, related_name="+"
    )
    received_on = models.DateField(_("收到申请书副本之日"))
    reply_due_on = models.DateField(_("答复期限"), null=True, blank=True)
    reply_rule = models.ForeignKey(
        DeadlineRule, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    replied_on = models.DateField(_("提交答复和证据之日"), null=True, blank=True)
    reply_summary = models.TextField(_("答复要点"), blank=True)
    hearing_on = models.DateField(_("复议听证日期"), null=True, blank=True)
    head_attended = models.BooleanField(_("负责人参加听证"), default=False)
    head = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("参加听证的负责人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    attendee = models.CharField(_("参加听证人员"), max_length=100, blank=True)
    absence_reason = models.TextField(_("负责人不能参加的理由"), blank=True)
    decided_on = models.DateField(_("复议决定日期"), null=True, blank=True)
    # 行政复议决定书一经送达，即发生法律效力: the day it was served on the bureau.
    decision_served_on = models.DateField(_("复议决定书送达之日"), null=True, blank=True)
    outcome = models.CharField(_("复议结果"), max_length=30, choices=Outcome.choices, blank=True)
    decision_summary = models.TextField(_("复议决定要点"), blank=True)
    opinion_letter_on = models.DateField(_("收到行政复议意见书之日"), null=True, blank=True)
    correction_due_on = models.DateField(_("意见书整改报告期限"), null=True, blank=True)
    correction_rule = models.ForeignKey(
        DeadlineRule, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    correction_reported_on = models.DateField(_("报送整改情况之日"), null=True, blank=True)
    performed_on = models.DateField(_("履行复议决定之日"), null=True, blank=True)
    performance_note = models.TextField(_("履行情况"), blank=True)
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.RECEIVED)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = DisputeQuerySet.as_manager()

    class Meta:
        verbose_name = _("行政复议")
        verbose_name_plural = _("行政复议")
        ordering = ["-received_on", "-pk"]
        permissions = [("handle_dispute", _("办理行政复议、诉讼和调解"))]

    def __str__(self) -> str:
        return f"{self.applicant}申请行政复议（{self.received_on:%Y-%m-%d}）"

    @property
    def reply_deadline(self) -> Deadline | None:
        return stored_deadline(self.received_on, self.reply_due_on, self.reply_rule)

    @property
    def correction_deadline(self) -> Deadline | None:
        return stored_deadline(self.opinion_letter_on, self.correction_due_on, self.correction_rule)

    @property
    def reverses_act(self) -> bool:
        return self.outcome in self.REVERSING

    def overdue_steps(self, today: datetime.date) -> list[str]:
        late = []
        if self.replied_on is None and self.reply_due_on and self.reply_due_on < today:
            late.append(str(_("超过答复期限")))
        if self.correction_reported_on is None and self.correction_due_on and self.correction_due_on < today:
            late.append(str(_("超过意见书整改报告期限")))
        return late


class Litigation(AgencyRecord):
    """An administrative lawsuit in which the bureau is the defendant, and the head's
    appearance in court (行政诉讼法 Art 3 ¶3; 法释〔2020〕3号)."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("已收到起诉状副本，待答辩")
        DEFENDED = "defended", _("已答辩，待开庭")
        HEARD = "heard", _("已开庭，待裁判")
        JUDGED = "judged", _("已裁判")

    class Outcome(models.TextChoices):
        DISMISSED = "dismissed", _("驳回原告诉讼请求")
        REVOKED = "revoked", _("撤销被诉行政行为")
        CHANGED = "changed", _("变更")
        CONFIRMED_UNLAWFUL = "confirmed_unlawful", _("确认违法")
        CONFIRMED_VOID = "confirmed_void", _("确认无效")
        ORDERED_PERFORMANCE = "ordered_performance", _("判决履行")
        WITHDRAWN = "withdrawn", _("原告撤诉")
        MEDIATED = "mediated", _("调解结案")

    REVERSING = frozenset(
        {Outcome.REVOKED, Outcome.CHANGED, Outcome.CONFIRMED_UNLAWFUL, Outcome.CONFIRMED_VOID}
    )

    class Instance(models.TextChoices):
        FIRST = "first", _("一审")
        SECOND = "second", _("二审")
        RETRIAL = "retrial", _("再审")

    class HeadCapacity(models.TextChoices):
        """Who counts as the head in court (法释〔2020〕3号 Art 2)."""

        PRINCIPAL = "principal", _("正职负责人")
        DEPUTY = "deputy", _("副职负责人")
        DEPUTY_LEVEL_IN_CHARGE = "deputy_level_in_charge", _("参与分管被诉行政行为实施工作的副职级别的负责人")
        OTHER_IN_CHARGE = "other_in_charge", _("其他参与分管的负责人")

    class ProofForm(models.TextChoices):
        """How the proof of a valid excuse is authenticated (法释〔2020〕3号 Art 9)."""

        SEAL = "seal", _("加盖行政机关印章")
        SIGNATURE = "signature", _("由该机关主要负责人签字认可")

    class Excuse(models.TextChoices):
        """Valid reasons for the head not to appear (法释〔2020〕3号 Art 8)."""

        FORCE_MAJEURE = "force_majeure", _("不可抗力")
        ACCIDENT = "accident", _("意外事件")
        OFFICIAL_DUTY = "official_duty", _("需要履行他人不能代替的公务")
        OTHER = "other", _("无法出庭的其他正当事由")

    plaintiff = models.CharField(_("原告"), max_length=200)
    court = models.CharField(_("受理法院"), max_length=100)
    case_number = models.CharField(_("案号"), max_length=100, blank=True)
    instance = models.CharField(_("审级"), max_length=20, choices=Instance.choices, default=Instance.FIRST)
    challenged_act = models.TextField(_("被诉行政行为"))
    enforcement_case = models.ForeignKey(
        "enforcement.EnforcementCase",
        verbose_name=_("关联执法案件"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="litigations",
    )
    division = models.ForeignKey(
        Organization, verbose_name=_("承办处室"), on_delete=models.PROTECT, related_name="+"
    )
    head_required = models.BooleanField(
        _("法院通知负责人出庭"), default=False, help_text=_("法释〔2020〕3号第四条、第五条")
    )
    complaint_received_on = models.DateField(_("收到起诉状副本之日"))
    defence_due_on = models.DateField(_("答辩期限"), null=True, blank=True)
    defence_rule = models.ForeignKey(
        DeadlineRule, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    defended_on = models.DateField(_("提交答辩状和证据之日"), null=True, blank=True)
    hearing_on = models.DateField(_("开庭日期"), null=True, blank=True)
    head = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("出庭负责人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    head_capacity = models.CharField(
        _("出庭负责人的身份"), max_length=30, choices=HeadCapacity.choices, blank=True
    )
    excuse = models.CharField(_("负责人不能出庭的事由"), max_length=20, choices=Excuse.choices, blank=True)
    proof_form = models.CharField(
        _("证明材料的认可方式"), max_length=20, choices=ProofForm.choices, blank=True
    )
    excuse_detail = models.TextField(_("事由说明"), blank=True)
    appearing_staff = models.CharField(_("出庭工作人员"), max_length=200, blank=True)
    heard_on = models.DateField(_("开庭举行日期"), null=True, blank=True)
    head_appeared = models.BooleanField(_("负责人出庭"), default=False)
    head_spoke = models.BooleanField(_("负责人就实质性解决争议发表意见"), default=False)
    judged_on = models.DateField(_("裁判日期"), null=True, blank=True)
    # A first-instance judgment takes effect when the appeal period runs out without an appeal;
    # a second-instance one when given. Until then it is "not yet effective".
    effective_on = models.DateField(_("裁判发生法律效力之日"), null=True, blank=True)
    outcome = models.CharField(_("裁判结果"), max_length=30, choices=Outcome.choices, blank=True)
    judgment_summary = models.TextField(_("裁判要点"), blank=True)
    judicial_recommendation = models.TextField(_("司法建议"), blank=True)
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.RECEIVED)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = DisputeQuerySet.as_manager()

    class Meta:
        verbose_name = _("行政诉讼")
        verbose_name_plural = _("行政诉讼")
        ordering = ["-complaint_received_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.plaintiff}诉{wording(self.agency).short_name}（{self.get_instance_display()}，{self.court}）"

    @property
    def defence_deadline(self) -> Deadline | None:
        return stored_deadline(self.complaint_received_on, self.defence_due_on, self.defence_rule)

    @property
    def reverses_act(self) -> bool:
        return self.outcome in self.REVERSING

    @property
    def awaiting_effect(self) -> bool:
        """A judgment recorded that has not yet taken legal effect (尚未生效)."""
        return self.judged_on is not None and self.effective_on is None

    def overdue_steps(self, today: datetime.date) -> list[str]:
        if self.defended_on is None and self.defence_due_on and self.defence_due_on < today:
            return [str(_("超过答辩期限"))]
        return []


class Mediation(AgencyRecord):
    """A dispute the bureau mediates (天津市行政调解规定): voluntary, free of charge."""

    class Kind(models.TextChoices):
        CIVIL = "civil", _("民事纠纷")
        ADMINISTRATIVE = "administrative", _("行政争议")

    class Status(models.TextChoices):
        REQUESTED = "requested", _("已申请，待受理")
        ACCEPTED = "accepted", _("已受理，调解中")
        REFUSED = "refused", _("不予受理")
        AGREED = "agreed", _("达成调解协议")
        FAILED = "failed", _("调解不成")

    kind = models.CharField(_("纠纷类型"), max_length=20, choices=Kind.choices)
    parties = models.CharField(_("当事人"), max_length=300)
    summary = models.TextField(_("纠纷简要情况"))
    requested_on = models.DateField(_("申请日期"))
    accepted_on = models.DateField(_("受理日期"), null=True, blank=True)
    refusal_reason = models.TextField(_("不予受理的理由"), blank=True)
    agreement = models.TextField(_("调解协议内容"), blank=True)
    failure_reason = models.TextField(_("调解不成的情况"), blank=True)
    closed_on = models.DateField(_("结案日期"), null=True, blank=True)
    division = models.ForeignKey(
        Organization, verbose_name=_("承办处室"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.REQUESTED)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = DisputeQuerySet.as_manager()

    class Meta:
        verbose_name = _("行政调解")
        verbose_name_plural = _("行政调解")
        ordering = ["-requested_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.parties}（{self.get_kind_display()}）"


class MediationMeeting(models.Model):
    mediation = models.ForeignKey(Mediation, on_delete=models.PROTECT, related_name="meetings")
    held_on = models.DateField(_("调解日期"))
    participants = models.CharField(_("参加人员"), max_length=300)
    note = models.TextField(_("调解情况"))

    class Meta:
        verbose_name = _("调解会")
        verbose_name_plural = _("调解会")
        ordering = ["held_on", "pk"]

    def __str__(self) -> str:
        return f"{self.mediation} 调解会（{self.held_on:%Y-%m-%d}）"


class CourtObservation(AgencyRecord):
    """Staff observing a court hearing (旁听庭审), as legal education."""

    held_on = models.DateField(_("旁听日期"))
    court = models.CharField(_("法院"), max_length=100)
    case_name = models.CharField(_("庭审案件"), max_length=200)
    attendees = models.PositiveIntegerField(_("旁听人数"))
    leaders = models.PositiveIntegerField(_("其中领导干部人数"), default=0)
    note = models.TextField(_("情况说明"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = DisputeQuerySet.as_manager()

    class Meta:
        verbose_name = _("旁听庭审")
        verbose_name_plural = _("旁听庭审")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"旁听庭审：{self.case_name}（{self.held_on:%Y-%m-%d}）"


class DisputeScreening(AgencyRecord):
    """A round of dispute screening (矛盾纠纷排查) by a division."""

    screened_on = models.DateField(_("排查日期"))
    division = models.ForeignKey(
        Organization, verbose_name=_("排查处室"), on_delete=models.PROTECT, related_name="+"
    )
    scope = models.CharField(_("排查范围"), max_length=200)
    found = models.PositiveIntegerField(_("发现矛盾纠纷数"), default=0)
    resolved = models.PositiveIntegerField(_("已化解数"), default=0)
    note = models.TextField(_("情况说明"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = DisputeQuerySet.as_manager()

    class Meta:
        verbose_name = _("矛盾纠纷排查")
        verbose_name_plural = _("矛盾纠纷排查")
        ordering = ["-screened_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.division} 矛盾纠纷排查（{self.screened_on:%Y-%m-%d}）"
