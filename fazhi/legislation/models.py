"""Legislation work (DOMAIN.md §15): the legislative projects the bureau leads or joins — a new
local regulation or government rule, or an amendment — from the year's legislative plan through
drafting, public comment on the draft (every comment answered), legality review by the Justice
Bureau, deliberation and adoption to promulgation, which records the new version in the register
of laws (`core.Law`, `core.LawVersion`); and the flags raised when a new version of a law takes
effect on what cited the version before it (documents, rule-book rows)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fazhi.core.agencies import scoped
from fazhi.core.models import DeadlineRule, Law, LawVersion, Organization


class ProjectQuerySet(models.QuerySet["LegislativeProject"]):
    def visible_to(self, user: Any) -> ProjectQuerySet:
        """The legal affairs division and the leadership see every project of their own agency; a
        division sees the projects it drafts."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        own = scoped(self, user)
        if user.has_perm("legislation.view_legislativeproject"):
            return own
        if user.organization_id:
            return own.filter(division_id=user.organization_id)
        return self.none()


class LegislativeProject(models.Model):
    """A legislative project of the year's plan that the bureau leads (drafts) or joins."""

    class PlanKind(models.TextChoices):
        FORMAL = "formal", _("正式项目")
        PREPARATORY = "preparatory", _("预备项目")
        RESEARCH = "research", _("调研项目")

    class Part(models.TextChoices):
        LEAD = "lead", _("牵头起草")
        JOIN = "join", _("配合参与")

    class LawKind(models.TextChoices):
        LOCAL_REGULATION = "local_regulation", _("地方性法规")
        GOVERNMENT_RULE = "government_rule", _("地方政府规章")

    class Change(models.TextChoices):
        NEW = "new", _("制定")
        AMENDMENT = "amended", _("修正")
        REVISION = "revised", _("修订")

    class Stage(models.TextChoices):
        PLANNED = "planned", _("列入立法计划")
        DRAFTING = "drafting", _("起草")
        PUBLIC_COMMENT = "public_comment", _("公开征求意见")
        LEGALITY_REVIEW = "legality_review", _("报送合法性审查")
        DELIBERATION = "deliberation", _("审议")
        ADOPTED = "adopted", _("已通过")
        PROMULGATED = "promulgated", _("已公布")
        TERMINATED = "terminated", _("已终止")

    # The order the stages run in (the figures and the board list them so).
    FLOW = (
        Stage.PLANNED,
        Stage.DRAFTING,
        Stage.PUBLIC_COMMENT,
        Stage.LEGALITY_REVIEW,
        Stage.DELIBERATION,
        Stage.ADOPTED,
        Stage.PROMULGATED,
    )

    title = models.CharField(_("项目名称"), max_length=200)
    law_kind = models.CharField(_("立法形式"), max_length=30, choices=LawKind.choices)
    change = models.CharField(_("立法类型"), max_length=20, choices=Change.choices)
    law = models.ForeignKey(
        Law,
        verbose_name=_("所修改的法规规章"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="legislative_projects",
    )
    plan_year = models.PositiveSmallIntegerField(_("立法计划年度"))
    plan_kind = models.CharField(_("计划类别"), max_length=20, choices=PlanKind.choices)
    part = models.CharField(_("本机关职责"), max_length=10, choices=Part.choices)
    agency = models.ForeignKey(
        Organization, verbose_name=_("所属机关"), on_delete=models.PROTECT, related_name="+"
    )
    division = models.ForeignKey(
        Organization, verbose_name=_("承办处室"), on_delete=models.PROTECT, related_name="+"
    )
    partners = models.CharField(_("牵头或配合单位"), max_length=200, blank=True)
    stage = models.CharField(_("阶段"), max_length=20, choices=Stage.choices, default=Stage.PLANNED)
    # Drafting.
    draft_text = models.TextField(_("草案文本"), blank=True)
    explanation = models.TextField(_("起草说明"), blank=True)
    # Public comment on the draft.
    comment_opens_on = models.DateField(_("征求意见开始日"), null=True, blank=True)
    comment_closes_on = models.DateField(_("征求意见截止日"), null=True, blank=True)
    comment_rule = models.ForeignKey(
        DeadlineRule, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Legality review by the Justice Bureau (合法性审查).
    review_submitted_on = models.DateField(_("报送审查日期"), null=True, blank=True)
    review_concluded_on = models.DateField(_("审查完成日期"), null=True, blank=True)
    review_opinion = models.TextField(_("审查意见"), blank=True)
    # Adoption and promulgation.
    adopted_on = models.DateField(_("通过日期"), null=True, blank=True)
    adopted_by = models.CharField(_("通过机关"), max_length=100, blank=True)
    promulgated_on = models.DateField(_("公布日期"), null=True, blank=True)
    effective_on = models.DateField(_("施行日期"), null=True, blank=True)
    promulgation_number = models.CharField(_("公告（令）号"), max_length=100, blank=True)
    law_version = models.OneToOneField(
        LawVersion,
        verbose_name=_("法规库中的版本"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="legislative_project",
    )
    termination_reason = models.TextField(_("终止理由"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("立法项目")
        verbose_name_plural = _("立法项目")
        ordering = ["-plan_year", "pk"]
        permissions = [("manage_legislation", _("管理立法项目"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(comment_closes_on__isnull=True)
                | Q(comment_closes_on__gte=models.F("comment_opens_on")),
                name="legislation_comment_window_in_order",
            ),
            models.CheckConstraint(
                condition=Q(change="new") | Q(law__isnull=False),
                name="legislation_amendment_names_its_law",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        # A project belongs to the agency of its division unless set explicitly.
        if self.agency_id is None and self.division_id is not None:
            self.agency_id = Organization.objects.get(pk=self.division_id).agency_id
        super().save(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        return self.stage not in (self.Stage.PROMULGATED, self.Stage.TERMINATED)

    def comment_window_open(self, day: Any) -> bool:
        return (
            self.stage == self.Stage.PUBLIC_COMMENT
            and self.comment_opens_on is not None
            and self.comment_closes_on is not None
            and self.comment_opens_on <= day <= self.comment_closes_on
        )


class DraftComment(models.Model):
    """An opinion on the draft — from the public (the portal form or a letter) or from an organ
    consulted — and the bureau's answer to it (the same shape as a document's or a decision's)."""

    class Source(models.TextChoices):
        PUBLIC = "public", _("社会公众")
        ORGAN = "organ", _("有关机关、组织")

    class Adoption(models.TextChoices):
        ADOPTED = "adopted", _("采纳")
        PARTLY_ADOPTED = "partly_adopted", _("部分采纳")
        NOT_ADOPTED = "not_adopted", _("未采纳")

    project = models.ForeignKey(LegislativeProject, on_delete=models.CASCADE, related_name="comments")
    source = models.CharField(_("来源"), max_length=20, choices=Source.choices)
    author_name = models.CharField(_("提出人"), max_length=100, blank=True)
    # Never shown on a public page.
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
        verbose_name = _("草案意见")
        verbose_name_plural = _("草案意见")
        ordering = ["project", "submitted_at", "pk"]

    def __str__(self) -> str:
        return self.text[:30]


class Deliberation(models.Model):
    """A deliberation of the draft: the government's executive meeting, or a reading of the
    People's Congress Standing Committee."""

    class Body(models.TextChoices):
        GOVERNMENT_MEETING = "government_meeting", _("市政府常务会议")
        STANDING_COMMITTEE = "standing_committee", _("市人大常委会会议")

    class Outcome(models.TextChoices):
        PASSED = "passed", _("通过")
        CONTINUED = "continued", _("继续审议")
        NOT_PASSED = "not_passed", _("未通过")

    project = models.ForeignKey(LegislativeProject, on_delete=models.CASCADE, related_name="deliberations")
    body = models.CharField(_("审议机关"), max_length=30, choices=Body.choices)
    reading = models.PositiveSmallIntegerField(_("审次"), default=1)
    held_on = models.DateField(_("会议日期"))
    outcome = models.CharField(_("审议结果"), max_length=20, choices=Outcome.choices)
    note = models.TextField(_("审议情况"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("审议")
        verbose_name_plural = _("审议")
        ordering = ["project", "held_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_body_display()} {self.held_on:%Y-%m-%d}"


class CitationFlag(models.Model):
    """Something that cited a law in the version a newer one replaced, for its owner to check:
    a normative document (its drafter) or a rule-book row (the rule book's keepers). Nothing is
    changed by the flag; the owner records the check."""

    class Subject(models.TextChoices):
        DOCUMENT = "document", _("规范性文件")
        RULE = "rule", _("期限规则")

    class Status(models.TextChoices):
        OPEN = "open", _("待核对")
        CHECKED = "checked", _("已核对")

    version = models.ForeignKey(LawVersion, on_delete=models.PROTECT, related_name="citation_flags")
    # A document's flag belongs to the document's agency; a rule-book row's flag to none (the
    # rule book and the register of laws are the installation's, kept by their keepers).
    agency = models.ForeignKey(
        Organization,
        verbose_name=_("所属机关"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    subject = models.CharField(_("类别"), max_length=20, choices=Subject.choices)
    # The document's id, or the rule's code (a rule is known by its code across versions).
    subject_key = models.CharField(_("编号"), max_length=60)
    title = models.CharField(_("名称"), max_length=200)
    division = models.ForeignKey(
        Organization,
        verbose_name=_("处室"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("起草人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.OPEN)
    note = models.TextField(_("核对结果"), blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    checked_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("法规修改后待核对事项")
        verbose_name_plural = _("法规修改后待核对事项")
        ordering = ["status", "-created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["version", "subject", "subject_key"], name="citation_flag_once")
        ]

    def __str__(self) -> str:
        return f"{self.title} ← {self.version}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # A document's flag belongs to the agency of the document's division unless set.
        if self.agency_id is None and self.subject == self.Subject.DOCUMENT and self.division_id is not None:
            self.agency_id = Organization.objects.get(pk=self.division_id).agency_id
        super().save(*args, **kwargs)
