"""Legality review and legal counsel (DOMAIN.md §7): one review record for every subject —
normative documents, major decisions, contracts, major enforcement decisions, other matters."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fazhi.core.agencies import agency_id_of, scoped
from fazhi.core.calendar import Deadline, stored_deadline
from fazhi.core.models import DeadlineRule, Organization
from fazhi.core.roles import Role


def _agency_field() -> models.ForeignKey[Organization, Organization]:
    return models.ForeignKey(
        Organization, verbose_name=_("所属机关"), on_delete=models.PROTECT, related_name="+"
    )


class CounselQuerySet(models.QuerySet["LegalCounsel"]):
    def engaged_on(self, day: datetime.date) -> CounselQuerySet:
        """Counsel whose engagement (or certificate) term covers `day`."""
        return self.filter(is_active=True, term_start__lte=day).filter(
            Q(term_end__isnull=True) | Q(term_end__gte=day)
        )


class LegalCounsel(models.Model):
    """A legal advisor (an external firm's lawyer engaged by an agency) or a public lawyer
    (公职律师, a staff member holding the certificate), heard in legality reviews. Each agency
    keeps its own register: a lawyer engaged by two departments has an entry in each."""

    class Kind(models.TextChoices):
        LEGAL_ADVISOR = "legal_advisor", _("法律顾问")
        PUBLIC_LAWYER = "public_lawyer", _("公职律师")

    agency = _agency_field()
    kind = models.CharField(_("类别"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("姓名"), max_length=50)
    firm = models.CharField(_("律师事务所/所在单位"), max_length=100)
    certificate_number = models.CharField(_("执业证/公职律师证号"), max_length=40)
    term_start = models.DateField(_("聘任（任职）起始日"))
    term_end = models.DateField(_("聘任（任职）终止日"), null=True, blank=True)
    fields = models.CharField(_("专业领域"), max_length=200, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("平台账户"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="counsel",
    )
    is_active = models.BooleanField(_("在册"), default=True)

    objects = CounselQuerySet.as_manager()

    class Meta:
        verbose_name = _("法律顾问/公职律师")
        verbose_name_plural = _("法律顾问/公职律师")
        ordering = ["kind", "name"]
        permissions = [("manage_counsel", _("维护法律顾问和公职律师名册"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(term_end__isnull=True) | Q(term_end__gte=models.F("term_start")),
                name="counsel_term_in_order",
            ),
            models.UniqueConstraint(
                fields=["agency", "certificate_number"], name="counsel_certificate_per_agency"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_kind_display()}，{self.firm}）"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """An entry created without an agency (an old factory) belongs to its account's agency,
        or to the installation's only agency."""
        if self.agency_id is None:
            self.agency_id = agency_id_of(self.user) if self.user_id else None
        if self.agency_id is None:
            only = list(
                Organization.objects.filter(kind="agency", parent=None).values_list("pk", flat=True)[:2]
            )
            if len(only) == 1:
                self.agency_id = only[0]
        super().save(*args, **kwargs)

    def is_engaged_on(self, day: datetime.date) -> bool:
        return self.is_active and self.term_start <= day and (self.term_end is None or self.term_end >= day)


class ReviewQuerySet(models.QuerySet["ReviewRequest"]):
    def visible_to(self, user: Any) -> ReviewQuerySet:
        """Within the user's own agency only (issue 12): its legal affairs division, leadership
        and administrators see every request of the agency; a division sees its own (its
        enforcement officers too: they send their major enforcement decisions). An advisor (who
        has no organization) sees only the requests assigned to them."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        agency_id = agency_id_of(user)
        if agency_id is not None and user.has_role(Role.LEGAL_REVIEWER, Role.LEADERSHIP, Role.SYSTEM_ADMIN):
            return scoped(self, user)
        scope = Q(pk__in=[])
        if (
            agency_id is not None
            and user.organization_id
            and user.has_role(Role.DIVISION_STAFF, Role.DIVISION_HEAD, Role.ENFORCEMENT_OFFICER)
        ):
            scope |= Q(agency_id=agency_id, division_id=user.organization_id)
        if user.has_role(Role.LEGAL_ADVISOR):
            # Counsel are engaged by the review's agency (assign_review checks it).
            scope |= Q(counsel__user=user, counsel__agency_id=models.F("agency_id"))
        return self.filter(scope).distinct()

    def open(self) -> ReviewQuerySet:
        return self.filter(status__in=[ReviewRequest.Status.SUBMITTED, ReviewRequest.Status.UNDER_REVIEW])

    def overdue(self, today: datetime.date) -> ReviewQuerySet:
        return self.filter(status=ReviewRequest.Status.UNDER_REVIEW, due_on__lt=today)

    def concluded_in(self, year: int) -> ReviewQuerySet:
        return self.filter(
            status__in=[ReviewRequest.Status.CONCLUDED, ReviewRequest.Status.CLOSED], concluded_on__year=year
        )


class ReviewRequest(models.Model):
    """A request for legality review (合法性审核) and its outcome."""

    class SubjectKind(models.TextChoices):
        NORMATIVE_DOCUMENT = "normative_document", _("行政规范性文件")
        MAJOR_DECISION = "major_decision", _("重大行政决策")
        CONTRACT = "contract", _("合同")
        MAJOR_ENFORCEMENT = "major_enforcement", _("重大执法决定")
        OTHER = "other", _("其他事项")

    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        SUBMITTED = "submitted", _("已送审")
        RETURNED = "returned", _("退回补充材料")
        UNDER_REVIEW = "under_review", _("审核中")
        CONCLUDED = "concluded", _("已出具意见")
        CLOSED = "closed", _("已办结")
        WITHDRAWN = "withdrawn", _("已撤回")

    class Conclusion(models.TextChoices):
        LAWFUL = "lawful", _("合法")
        LAWFUL_WITH_CHANGES = "lawful_with_changes", _("修改后合法")
        UNLAWFUL = "unlawful", _("不合法")

    agency = _agency_field()
    # The review's place in its agency's own series of internal codes (HF-00001, per agency).
    seq = models.PositiveIntegerField(_("审核编号"), editable=False)
    title = models.CharField(_("送审事项"), max_length=200)
    subject_kind = models.CharField(_("事项类别"), max_length=30, choices=SubjectKind.choices)
    subject_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    subject_id = models.CharField(max_length=64, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")
    division = models.ForeignKey(
        Organization, verbose_name=_("送审处室"), on_delete=models.PROTECT, related_name="+"
    )
    legal_basis = models.TextField(_("法律依据"), blank=True)
    explanation = models.TextField(_("起草说明"), blank=True)
    # The SHA-256 of the text under review (the UTF-8 送审稿), when the subject has one: the text
    # the conclusion clears, and the only text that may go on to deliberation (issue 15).
    text_sha256 = models.CharField(_("送审文本 SHA-256"), max_length=64, blank=True)
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("创建人"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    submitted_on = models.DateField(_("送审日期"), null=True, blank=True)
    return_reason = models.TextField(_("退回理由"), blank=True)
    accepted_on = models.DateField(_("受理日期"), null=True, blank=True)
    due_on = models.DateField(_("审核期限"), null=True, blank=True)
    due_rule = models.ForeignKey(
        DeadlineRule,
        verbose_name=_("期限规则"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    earliest_conclusion_on = models.DateField(_("最短审核期满日"), null=True, blank=True)
    reviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("审核人员"), blank=True, related_name="assigned_reviews"
    )
    counsel = models.ManyToManyField(
        LegalCounsel, verbose_name=_("法律顾问/公职律师"), blank=True, related_name="reviews"
    )
    conclusion = models.CharField(_("审核结论"), max_length=30, choices=Conclusion.choices, blank=True)
    conclusion_text = models.TextField(_("审核意见说明"), blank=True)
    short_review_reason = models.TextField(_("审核时间少于最短期限的理由"), blank=True)
    concluded_on = models.DateField(_("出具意见日期"), null=True, blank=True)
    # 津科法审〔2026〕68号: the letter's own gap-free yearly series, issued with the conclusion
    # (GB/T 9704 §7.2.5: no internal codes, no zero padding).
    letter_number = models.CharField(_("法律审核意见书文号"), max_length=40, blank=True)
    concluded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审核结论人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    closed_on = models.DateField(_("办结日期"), null=True, blank=True)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        verbose_name = _("合法性审核")
        verbose_name_plural = _("合法性审核")
        ordering = ["-pk"]
        indexes = [
            models.Index(fields=["subject_type", "subject_id"]),
            models.Index(fields=["status", "due_on"]),
            models.Index(fields=["concluded_on"]),
        ]
        permissions = [("review_legality", _("办理合法性审核"))]
        constraints = [models.UniqueConstraint(fields=["agency", "seq"], name="review_code_per_agency")]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        """The agency defaults to the submitting division's; a new review takes the next code of
        its agency's series (the unique constraint turns a race into an error, not a duplicate)."""
        if self.agency_id is None and self.division_id is not None:
            self.agency_id = self.division.agency_id
        if self.seq is None and self.agency_id is not None:
            last = ReviewRequest.objects.filter(agency_id=self.agency_id).aggregate(m=models.Max("seq"))["m"]
            self.seq = (last or 0) + 1
        super().save(*args, **kwargs)

    @property
    def code(self) -> str:
        return f"HF-{(self.seq or 0):05d}"

    @property
    def deadline(self) -> Deadline | None:
        """The review deadline as computed at acceptance, with the rule version behind it."""
        return stored_deadline(self.accepted_on, self.due_on, self.due_rule)

    def is_overdue(self, today: datetime.date) -> bool:
        return self.status == self.Status.UNDER_REVIEW and self.due_on is not None and self.due_on < today


class ReviewOpinion(models.Model):
    """A numbered opinion (法审意见) and the submitting division's answer to it."""

    class Kind(models.TextChoices):
        MUST_CHANGE = "must_change", _("必须修改")
        SUGGESTION = "suggestion", _("建议")

    class Response(models.TextChoices):
        ADOPTED = "adopted", _("采纳")
        PARTLY_ADOPTED = "partly_adopted", _("部分采纳")
        NOT_ADOPTED = "not_adopted", _("未采纳")

    review = models.ForeignKey(ReviewRequest, on_delete=models.CASCADE, related_name="opinions")
    number = models.PositiveIntegerField(_("序号"))
    kind = models.CharField(_("意见类型"), max_length=20, choices=Kind.choices)
    text = models.TextField(_("意见内容"))
    legal_basis = models.TextField(_("引用依据"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("提出人"), on_delete=models.PROTECT, related_name="+"
    )
    counsel = models.ForeignKey(
        LegalCounsel,
        verbose_name=_("法律顾问/公职律师"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="opinions",
    )
    created_at = models.DateTimeField(_("提出时间"), auto_now_add=True)
    response = models.CharField(_("采纳情况"), max_length=20, choices=Response.choices, blank=True)
    response_reason = models.TextField(_("采纳说明"), blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("答复人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    responded_at = models.DateTimeField(_("答复时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("法审意见")
        verbose_name_plural = _("法审意见")
        ordering = ["review", "number"]
        constraints = [models.UniqueConstraint(fields=["review", "number"], name="review_opinion_number")]

    def __str__(self) -> str:
        return f"{self.review.code} 第{self.number}条"


def subject_key(subject: models.Model) -> tuple[ContentType, str]:
    return ContentType.objects.get_for_model(subject), str(subject.pk)
