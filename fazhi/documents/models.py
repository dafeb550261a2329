"""Normative documents (行政规范性文件, DOMAIN.md §4–5): drafting, opinion solicitation,
legality review, collective deliberation, unified numbering and issuance, publication,
filing with the Justice Bureau, validity, and cleanup campaigns."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fazhi.core.agencies import agency_id_of
from fazhi.core.models import DeadlineRule, IssuedNumber, Organization
from fazhi.core.roles import Role

PROVISIONAL_MARKERS = ("暂行", "试行")


class DocumentQuerySet(models.QuerySet["NormativeDocument"]):
    def visible_to(self, user: Any) -> DocumentQuerySet:
        """Staff see their own agency's documents only (issue 12): drafting divisions their own
        drafts and the agency's published documents; the legal affairs division, the leadership
        and administrators all of the agency's. A filing officer sees the documents filed with
        their justice bureau. Anonymous visitors see every agency's published documents (the
        public library); a staff page never lists another agency's."""
        published = Q(published_on__isnull=False)
        if user is None or not user.is_authenticated or not user.is_active:
            return self.filter(published)
        agency_id = agency_id_of(user)
        if agency_id is None:
            return self.none()
        scope = Q(pk__in=[])
        if user.has_role(Role.LEGAL_REVIEWER, Role.LEADERSHIP, Role.SYSTEM_ADMIN):
            scope |= Q(agency_id=agency_id)
        else:
            scope |= Q(agency_id=agency_id) & published
            if user.organization_id and user.has_role(Role.DIVISION_STAFF, Role.DIVISION_HEAD):
                scope |= Q(agency_id=agency_id, division_id=user.organization_id)
        if user.has_role(Role.FILING_OFFICER):
            scope |= Q(filing__authority_id=agency_id)
        return self.filter(scope)

    def published(self) -> DocumentQuerySet:
        return self.filter(published_on__isnull=False)


class NormativeDocument(models.Model):
    class Status(models.TextChoices):
        DRAFTING = "drafting", _("起草中")
        SOLICITING = "soliciting", _("征求意见中")
        UNDER_REVIEW = "under_review", _("合法性审核及审议")
        DELIBERATED = "deliberated", _("审议通过待印发")
        ISSUED = "issued", _("已印发待公布")
        PUBLISHED = "published", _("已公布")
        NOT_ADOPTED = "not_adopted", _("审议未通过")
        ABANDONED = "abandoned", _("已终止")

    class Outcome(models.TextChoices):
        PASSED = "passed", _("审议通过")
        PASSED_WITH_CHANGES = "passed_with_changes", _("原则通过，按意见修改")
        NOT_PASSED = "not_passed", _("未通过")

    title = models.CharField(_("文件名称"), max_length=200)
    agency = models.ForeignKey(
        Organization, verbose_name=_("制定机关"), on_delete=models.PROTECT, related_name="+"
    )
    division = models.ForeignKey(
        Organization, verbose_name=_("起草处室"), on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("起草人"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    status = models.CharField(_("办理状态"), max_length=30, choices=Status.choices, default=Status.DRAFTING)
    is_provisional = models.BooleanField(
        _("暂行或试行"), default=False, help_text=_("名称含“暂行”“试行”的，有效期较短")
    )
    concerns_market_actors = models.BooleanField(
        _("与市场主体生产经营活动密切相关"),
        default=False,
        help_text=_("征求意见期限较长，并须进行公平竞争审查"),
    )
    summary = models.TextField(_("内容摘要"), blank=True)
    # Opinion solicitation (征求意见).
    comment_opens_on = models.DateField(_("征求意见开始日"), null=True, blank=True)
    comment_closes_on = models.DateField(_("征求意见截止日"), null=True, blank=True)
    comment_rule = models.ForeignKey(
        DeadlineRule, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Collective deliberation (集体审议).
    meeting_name = models.CharField(_("审议会议"), max_length=100, blank=True)
    meeting_on = models.DateField(_("审议日期"), null=True, blank=True)
    outcome = models.CharField(_("审议结果"), max_length=30, choices=Outcome.choices, blank=True)
    meeting_notes = models.TextField(_("审议情况"), blank=True)
    # Issuance and publication.
    issued_number = models.OneToOneField(
        IssuedNumber,
        verbose_name=_("文号"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    number = models.CharField(_("文号"), max_length=40, blank=True, db_index=True)
    signed_by = models.CharField(_("签发人"), max_length=50, blank=True)
    issued_on = models.DateField(_("印发日期"), null=True, blank=True)
    published_on = models.DateField(_("公布日期"), null=True, blank=True)
    publication_channel = models.CharField(_("公布载体"), max_length=100, blank=True)
    effective_on = models.DateField(_("施行日期"), null=True, blank=True)
    expires_on = models.DateField(_("有效期届满日"), null=True, blank=True)
    validity_rule = models.ForeignKey(
        DeadlineRule, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The version that passed legality review and was deliberated: the only text that may be
    # signed, published and filed (issue 15).
    adopted_version = models.ForeignKey(
        "DocumentVersion",
        verbose_name=_("审议通过的文本版本"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The full text as published, kept for the library and its search, and its SHA-256 (the
    # public page shows it; anyone checks the downloaded text against it).
    body = models.TextField(_("正文"), blank=True)
    body_sha256 = models.CharField(_("正文 SHA-256"), max_length=64, blank=True)
    # The text as the library's index reads it (documents/search/index.py: search_fields).
    search_text = models.TextField(editable=False, blank=True)
    search_grams = models.TextField(editable=False, blank=True)  # PostgreSQL's index only
    is_legacy = models.BooleanField(_("历史文件（导入）"), default=False)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("行政规范性文件")
        verbose_name_plural = _("行政规范性文件")
        ordering = ["-published_on", "-pk"]
        indexes = [models.Index(fields=["published_on"]), models.Index(fields=["status"])]
        permissions = [
            ("issue_document", _("统一登记、编号、印发规范性文件")),
            ("manage_cleanup", _("组织规范性文件清理")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(comment_closes_on__isnull=True)
                | Q(comment_closes_on__gte=models.F("comment_opens_on")),
                name="document_comment_window_in_order",
            ),
            models.CheckConstraint(
                condition=Q(effective_on__isnull=True)
                | Q(published_on__isnull=True)
                | Q(effective_on__gte=models.F("published_on")),
                name="document_effective_not_before_published",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title}（{self.number}）" if self.number else self.title

    @property
    def year(self) -> int | None:
        return self.published_on.year if self.published_on else None

    @staticmethod
    def looks_provisional(title: str) -> bool:
        return any(marker in title for marker in PROVISIONAL_MARKERS)


class DocumentVersion(models.Model):
    """A version of the draft text; the page shows a diff between any two."""

    document = models.ForeignKey(NormativeDocument, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("版本号"))
    text = models.TextField(_("文本"))
    # SHA-256 of the text's UTF-8 bytes, exactly as stored: what every later step records.
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    note = models.CharField(_("修改说明"), max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["document", "number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="document_version_number")]

    def __str__(self) -> str:
        return f"{self.document.title} v{self.number}"


class Comment(models.Model):
    """An opinion received during solicitation — from a division (internal) or from the public —
    and the agency's answer to it."""

    class Source(models.TextChoices):
        INTERNAL = "internal", _("内部征求意见")
        PUBLIC = "public", _("社会公众")

    class Adoption(models.TextChoices):
        ADOPTED = "adopted", _("采纳")
        PARTLY_ADOPTED = "partly_adopted", _("部分采纳")
        NOT_ADOPTED = "not_adopted", _("未采纳")

    document = models.ForeignKey(NormativeDocument, on_delete=models.CASCADE, related_name="comments")
    source = models.CharField(_("来源"), max_length=20, choices=Source.choices)
    author_name = models.CharField(_("提出人"), max_length=100, blank=True)
    contact = models.CharField(_("联系方式"), max_length=100, blank=True)
    text = models.TextField(_("意见"))
    submitted_at = models.DateTimeField(_("提出时间"), auto_now_add=True)
    adoption = models.CharField(_("采纳情况"), max_length=20, choices=Adoption.choices, blank=True)
    answer = models.TextField(_("答复"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["document", "submitted_at", "pk"]

    def __str__(self) -> str:
        return self.text[:30]


class ValidityEvent(models.Model):
    """A dated change of a published document's legal status; status on any date is derived from
    these (plus the publication, effective and expiry dates)."""

    class Kind(models.TextChoices):
        EXPIRED = "expired", _("失效")
        AMENDED = "amended", _("已修改")
        REPEALED = "repealed", _("废止")
        DECLARED_INVALID = "declared_invalid", _("宣布失效")
        EVALUATED = "evaluated", _("有效期届满前评估")

    document = models.ForeignKey(NormativeDocument, on_delete=models.CASCADE, related_name="validity_events")
    kind = models.CharField(_("事项"), max_length=20, choices=Kind.choices)
    on = models.DateField(_("日期"))
    by_document = models.ForeignKey(
        NormativeDocument,
        verbose_name=_("依据文件"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    campaign = models.ForeignKey(
        "CleanupCampaign",
        verbose_name=_("清理"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.TextField(_("说明"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["document", "on", "pk"]
        constraints = [
            # Expiry happens once: the scheduled command may run any number of times.
            models.UniqueConstraint(
                fields=["document"], condition=Q(kind="expired"), name="document_expires_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document} {self.get_kind_display()} {self.on}"


class Filing(models.Model):
    """The filing (备案) of a published document with the Justice Bureau, and its review."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("已报送待审查")
        FILED = "filed", _("予以备案")
        REJECTED = "rejected", _("不予备案")
        DEFERRED = "deferred", _("暂缓备案（待纠正）")
        CORRECTED = "corrected", _("已纠正待复审")

    document = models.OneToOneField(NormativeDocument, on_delete=models.PROTECT, related_name="filing")
    authority = models.ForeignKey(
        Organization, verbose_name=_("备案审查机关"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    submitted_on = models.DateField(_("报送日期"))
    # Pending (empty) while the calendar of a year it needs is not entered (core.deadlines).
    due_on = models.DateField(_("报送期限"), null=True, blank=True)
    due_rule = models.ForeignKey(
        DeadlineRule, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    explanation = models.TextField(_("起草说明"), blank=True)
    decided_on = models.DateField(_("审查日期"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decision_note = models.TextField(_("审查意见"), blank=True)
    correction_request = models.TextField(_("纠正要求"), blank=True)
    correction_answer = models.TextField(_("纠正情况"), blank=True)
    # The SHA-256 of the text filed: the published text (issue 15).
    text_sha256 = models.CharField(_("报备文本 SHA-256"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("备案")
        verbose_name_plural = _("备案")
        ordering = ["-submitted_on", "-pk"]
        permissions = [("review_filing", _("审查规范性文件备案"))]

    def __str__(self) -> str:
        return f"{self.document} 备案"

    @property
    def on_time(self) -> bool | None:
        """None while the due date is pending: decided when it is filled."""
        return None if self.due_on is None else self.submitted_on <= self.due_on


class CleanupCampaign(models.Model):
    """A cleanup (清理) of documents in force, with a disposition for each."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("清理中")
        APPROVED = "approved", _("已审定")
        PUBLISHED = "published", _("已公布结果")

    agency = models.ForeignKey(
        Organization, verbose_name=_("所属机关"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("清理名称"), max_length=200)
    reason = models.TextField(_("清理原因"))
    scope = models.CharField(_("清理范围"), max_length=200)
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    approved_on = models.DateField(_("审定日期"), null=True, blank=True)
    published_on = models.DateField(_("公布日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("清理")
        verbose_name_plural = _("清理")
        ordering = ["-pk"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        """A campaign created without an agency belongs to its creator's."""
        if self.agency_id is None and self.created_by_id is not None:
            self.agency_id = agency_id_of(self.created_by)
        super().save(*args, **kwargs)


class CleanupItem(models.Model):
    class Disposition(models.TextChoices):
        CONTINUE = "continue", _("继续有效")
        AMEND = "amend", _("修改")
        REPEAL = "repeal", _("废止")
        DECLARE_INVALID = "declare_invalid", _("宣布失效")

    campaign = models.ForeignKey(CleanupCampaign, on_delete=models.CASCADE, related_name="items")
    document = models.ForeignKey(NormativeDocument, on_delete=models.PROTECT, related_name="+")
    disposition = models.CharField(_("清理意见"), max_length=20, choices=Disposition.choices)
    note = models.TextField(_("理由"), blank=True)

    class Meta:
        ordering = ["campaign", "pk"]
        constraints = [models.UniqueConstraint(fields=["campaign", "document"], name="cleanup_item_once")]

    def __str__(self) -> str:
        return f"{self.document}: {self.get_disposition_display()}"


def to_date(value: datetime.date | datetime.datetime) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value
