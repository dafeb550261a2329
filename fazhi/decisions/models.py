"""Major administrative decisions (重大行政决策, DOMAIN.md §6; 国务院令第713号): the annual
catalog and its versions, the five statutory procedures in order, publication, archive,
execution tracking and post-decision evaluation."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fazhi.core.agencies import scoped
from fazhi.core.models import DeadlineRule, Organization
from fazhi.core.roles import Role


class Step(models.TextChoices):
    """The five statutory procedures. 713号 fixes no order among the first three (public
    participation, expert argumentation, risk assessment); the legality review comes before the
    collective decision (Art 25), and its request accounts for the procedures performed (Art 26)."""

    PUBLIC_PARTICIPATION = "public_participation", _("公众参与")
    EXPERT_ARGUMENTATION = "expert_argumentation", _("专家论证")
    RISK_ASSESSMENT = "risk_assessment", _("风险评估")
    LEGALITY_REVIEW = "legality_review", _("合法性审查")
    COLLECTIVE_DECISION = "collective_decision", _("集体讨论决定")


STEP_ORDER = list(Step)
# The procedures that may run in any order, or side by side, before the legality review.
PRELIMINARY = (Step.PUBLIC_PARTICIPATION, Step.EXPERT_ARGUMENTATION, Step.RISK_ASSESSMENT)
# Legality review and collective decision can never be waived (713号 Art 25, Art 30).
WAIVABLE = {Step.PUBLIC_PARTICIPATION, Step.EXPERT_ARGUMENTATION, Step.RISK_ASSESSMENT}


class DecisionCatalog(models.Model):
    """One version of a year's catalog (决策事项目录). An adjustment is a new version, approved
    by the Party committee meeting and published like the first."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("编制中")
        APPROVED = "approved", _("已审议通过")
        PUBLISHED = "published", _("已公布")

    agency = models.ForeignKey(
        Organization, verbose_name=_("决策机关"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    version = models.PositiveSmallIntegerField(_("版本"), default=1)
    previous = models.OneToOneField(
        "self",
        verbose_name=_("调整前版本"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="next",
    )
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    change_note = models.TextField(_("调整说明"), blank=True)
    approval_meeting = models.CharField(_("审议会议"), max_length=100, blank=True)
    approved_on = models.DateField(_("审议日期"), null=True, blank=True)
    published_on = models.DateField(_("公布日期"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("重大行政决策事项目录")
        verbose_name_plural = _("重大行政决策事项目录")
        ordering = ["-year", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "version"], name="catalog_year_version")
        ]
        permissions = [("compile_catalog", _("编制、调整决策事项目录"))]

    def __str__(self) -> str:
        return f"{self.year}年度重大行政决策事项目录（第{self.version}版）"


class DecisionQuerySet(models.QuerySet["MajorDecision"]):
    def visible_to(self, user: Any) -> DecisionQuerySet:
        """The matters of the user's own agency only, for every role (issue 12): reviewers,
        leaders and administrators see all of them, divisions their own."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        own = scoped(self, user)
        if user.has_role(Role.LEGAL_REVIEWER, Role.LEADERSHIP, Role.SYSTEM_ADMIN):
            return own
        if user.organization_id and user.has_role(Role.DIVISION_STAFF, Role.DIVISION_HEAD):
            return own.filter(lead_division_id=user.organization_id)
        return self.none()


class MajorDecision(models.Model):
    """A matter of the catalog and the procedure it goes through."""

    class Stage(models.TextChoices):
        PROPOSED = "proposed", _("拟列入目录")
        DRAFTING = "drafting", _("起草中")
        PUBLIC_PARTICIPATION = "public_participation", _("公众参与")
        EXPERT_ARGUMENTATION = "expert_argumentation", _("专家论证")
        RISK_ASSESSMENT = "risk_assessment", _("风险评估")
        LEGALITY_REVIEW = "legality_review", _("合法性审查")
        COLLECTIVE_DECISION = "collective_decision", _("集体讨论决定")
        DECIDED = "decided", _("已决定待公布")
        PUBLISHED = "published", _("已公布")
        NOT_ADOPTED = "not_adopted", _("未通过")
        SUSPENDED = "suspended", _("已中止")
        REMOVED = "removed", _("已调出目录")

    agency = models.ForeignKey(
        Organization, verbose_name=_("决策机关"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    title = models.CharField(_("决策事项"), max_length=200)
    lead_division = models.ForeignKey(
        Organization, verbose_name=_("承办处室"), on_delete=models.PROTECT, related_name="+"
    )
    legal_basis = models.TextField(_("决策依据"))
    reason = models.TextField(_("列入理由"))
    planned_start = models.DateField(_("计划启动"), null=True, blank=True)
    planned_end = models.DateField(_("计划完成"), null=True, blank=True)
    waivers = models.JSONField(_("不适用程序及理由"), default=dict, blank=True)
    stage = models.CharField(_("所处阶段"), max_length=30, choices=Stage.choices, default=Stage.PROPOSED)
    # The preliminary procedures completed in the current round, in the order they were completed:
    # while one remains, the stage names the first of those still open.
    completed_procedures = models.JSONField(_("本轮已完成的程序"), default=list, blank=True)
    draft_text = models.TextField(_("决策草案"), blank=True)
    explanation = models.TextField(_("起草说明"), blank=True)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # Collective decision (集体讨论决定).
    meeting_name = models.CharField(_("决策会议"), max_length=100, blank=True)
    meeting_on = models.DateField(_("会议日期"), null=True, blank=True)
    attendees = models.TextField(_("出席人员"), blank=True)
    head_conclusion = models.TextField(_("主要负责人意见"), blank=True)
    dissent = models.TextField(_("不同意见"), blank=True)
    decision_text = models.TextField(_("决定内容"), blank=True)
    # SHA-256 of the decided text's UTF-8 bytes: recorded at the decision, published with it.
    decision_sha256 = models.CharField(_("决定内容 SHA-256"), max_length=64, blank=True)
    # Publication, archive.
    published_on = models.DateField(_("公布日期"), null=True, blank=True)
    publication_channel = models.CharField(_("公布载体"), max_length=100, blank=True)
    archive_due_on = models.DateField(_("归档期限"), null=True, blank=True)
    archive_rule = models.ForeignKey(
        DeadlineRule, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    archived_on = models.DateField(_("归档日期"), null=True, blank=True)
    archive_sha256 = models.CharField(_("档案包 SHA-256"), max_length=64, blank=True)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("重大行政决策")
        verbose_name_plural = _("重大行政决策")
        ordering = ["-year", "pk"]
        permissions = [("decide", _("记录集体讨论决定"))]

    def __str__(self) -> str:
        return self.title

    def applies(self, step: str) -> bool:
        return step not in (self.waivers or {})

    def next_step_after(self, step: str | None) -> str:
        """The stage that follows `step` (None: the first), skipping waived procedures and the
        preliminary procedures already completed in this round (which have no order among
        themselves)."""
        done = set(self.completed_procedures or [])
        if step in PRELIMINARY or step is None:
            done |= {step} if step else set()
            for candidate in PRELIMINARY:
                if self.applies(candidate) and candidate.value not in done:
                    return str(candidate)
            return str(Step.LEGALITY_REVIEW)
        start = STEP_ORDER.index(Step(step)) + 1
        for candidate in STEP_ORDER[start:]:
            if self.applies(candidate):
                return str(candidate)
        return self.Stage.DECIDED

    @property
    def in_preliminary_procedures(self) -> bool:
        return self.stage in {s.value for s in PRELIMINARY}

    def open_procedures(self) -> list[Step]:
        """The preliminary procedures that may be run now, in any order (713号 fixes none)."""
        if not self.in_preliminary_procedures:
            return []
        done = set(self.completed_procedures or [])
        return [s for s in PRELIMINARY if self.applies(s) and s.value not in done]

    def may_run(self, step: str) -> bool:
        if step in PRELIMINARY:
            return Step(step) in self.open_procedures()
        return self.stage == step


class CatalogEntry(models.Model):
    """A matter as it stands in one catalog version: the text of that version, so that the
    changes between versions stay visible."""

    catalog = models.ForeignKey(DecisionCatalog, on_delete=models.CASCADE, related_name="entries")
    decision = models.ForeignKey(MajorDecision, on_delete=models.PROTECT, related_name="entries")
    title = models.CharField(_("决策事项"), max_length=200)
    lead_division_name = models.CharField(_("承办处室"), max_length=100)
    planned_end = models.DateField(_("计划完成"), null=True, blank=True)
    change = models.CharField(_("调整"), max_length=20, blank=True)  # "" / added / changed / removed

    class Meta:
        ordering = ["catalog", "pk"]
        constraints = [models.UniqueConstraint(fields=["catalog", "decision"], name="catalog_entry_once")]

    def __str__(self) -> str:
        return self.title


class Consultation(models.Model):
    """Public participation: the draft published for comment (713号 Art 14–18)."""

    decision = models.OneToOneField(MajorDecision, on_delete=models.CASCADE, related_name="consultation")
    draft_text = models.TextField(_("征求意见稿"))
    explanation = models.TextField(_("起草说明"))
    opens_on = models.DateField(_("开始日期"))
    closes_on = models.DateField(_("截止日期"))
    rule = models.ForeignKey(DeadlineRule, on_delete=models.PROTECT, related_name="+")
    short_reason = models.TextField(_("期限少于30日的理由"), blank=True)
    report = models.TextField(_("意见采纳情况报告"), blank=True)
    report_published_on = models.DateField(_("报告公布日期"), null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.decision} 征求意见"


class DecisionComment(models.Model):
    class Adoption(models.TextChoices):
        ADOPTED = "adopted", _("采纳")
        PARTLY_ADOPTED = "partly_adopted", _("部分采纳")
        NOT_ADOPTED = "not_adopted", _("未采纳")

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="comments")
    author_name = models.CharField(_("提出人"), max_length=100, blank=True)
    text = models.TextField(_("意见"))
    submitted_at = models.DateTimeField(auto_now_add=True)
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("与之重复的意见"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
    )
    adoption = models.CharField(_("采纳情况"), max_length=20, choices=Adoption.choices, blank=True)
    answer = models.TextField(_("答复"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["consultation", "submitted_at", "pk"]

    def __str__(self) -> str:
        return self.text[:30]


class Hearing(models.Model):
    """An optional hearing (713号 Art 16): the draft, the time and place and the participant
    list published in advance (no fixed period), the materials delivered to the participants at
    least 7 days before it (¶3; rule `decision.hearing_materials_min`)."""

    decision = models.ForeignKey(MajorDecision, on_delete=models.CASCADE, related_name="hearings")
    held_on = models.DateField(_("听证日期"))
    place = models.CharField(_("地点"), max_length=200)
    notice_published_on = models.DateField(_("公告日期"))
    materials_delivered_on = models.DateField(_("听证会材料送达听证参加人之日"), null=True, blank=True)
    participants = models.TextField(_("听证参加人"))
    record = models.TextField(_("听证笔录摘要"), blank=True)

    def __str__(self) -> str:
        return f"{self.decision} 听证会 {self.held_on}"


class DecisionExpert(models.Model):
    """The expert pool of decision argumentation: each decision organ (决策机关) keeps its own."""

    agency = models.ForeignKey(
        Organization, verbose_name=_("所属机关"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("姓名"), max_length=50)
    organization = models.CharField(_("工作单位"), max_length=100)
    field = models.CharField(_("专业领域"), max_length=100)
    is_active = models.BooleanField(_("在库"), default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name}（{self.organization}）"


class ExpertOpinion(models.Model):
    decision = models.ForeignKey(MajorDecision, on_delete=models.CASCADE, related_name="expert_opinions")
    expert = models.ForeignKey(DecisionExpert, on_delete=models.PROTECT, related_name="+")
    declared_interest = models.BooleanField(_("声明存在直接利害关系"), default=False)
    interest_note = models.TextField(_("利害关系说明"), blank=True)
    opinion = models.TextField(_("论证意见"), blank=True)
    signed_on = models.DateField(_("签署日期"), null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["decision", "expert"], name="expert_opinion_once")]

    def __str__(self) -> str:
        return f"{self.expert}：{self.decision}"


class RiskAssessment(models.Model):
    class Level(models.TextChoices):
        LOW = "low", _("低")
        MEDIUM = "medium", _("中")
        HIGH = "high", _("高")
        UNCONTROLLABLE = "uncontrollable", _("不可控")

    decision = models.ForeignKey(MajorDecision, on_delete=models.CASCADE, related_name="risk_assessments")
    assessor = models.CharField(_("评估单位"), max_length=100)
    level = models.CharField(_("风险等级"), max_length=20, choices=Level.choices)
    risk_points = models.TextField(_("风险点"))
    mitigations = models.TextField(_("防范化解措施"))
    assessed_on = models.DateField(_("评估日期"))
    revised_draft = models.BooleanField(_("已据评估调整草案"), default=False)

    class Meta:
        ordering = ["decision", "assessed_on", "pk"]

    def __str__(self) -> str:
        return f"{self.decision} 风险评估（{self.get_level_display()}）"


class ExecutionReport(models.Model):
    decision = models.ForeignKey(MajorDecision, on_delete=models.CASCADE, related_name="execution_reports")
    execution_unit = models.CharField(_("执行单位"), max_length=100)
    period = models.CharField(_("报告期"), max_length=50)
    progress = models.TextField(_("执行进展"))
    problems = models.TextField(_("存在问题"), blank=True)
    reported_on = models.DateField(_("报告日期"))
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["decision", "reported_on", "pk"]

    def __str__(self) -> str:
        return f"{self.decision} {self.period}"


class PostEvaluation(models.Model):
    decision = models.ForeignKey(MajorDecision, on_delete=models.CASCADE, related_name="evaluations")
    evaluator = models.CharField(_("评估单位"), max_length=100)
    trigger = models.TextField(_("评估原因"))
    report = models.TextField(_("评估报告"))
    conclusion = models.TextField(_("评估结论"))
    evaluated_on = models.DateField(_("评估日期"))

    def __str__(self) -> str:
        return f"{self.decision} 决策后评估"


class Adjustment(models.Model):
    """An adjustment or a suspension of a published decision (713号 Art 37)."""

    class Kind(models.TextChoices):
        ADJUST = "adjust", _("调整")
        SUSPEND = "suspend", _("中止")

    decision = models.ForeignKey(MajorDecision, on_delete=models.CASCADE, related_name="adjustments")
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices)
    reason = models.TextField(_("理由"))
    rerun = models.JSONField(_("重新履行的程序"), default=list, blank=True)
    on = models.DateField(_("日期"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return f"{self.decision} {self.get_kind_display()}"


def open_consultations(today: Any) -> models.QuerySet[Consultation]:
    return Consultation.objects.filter(
        opens_on__lte=today, closes_on__gte=today, decision__stage=MajorDecision.Stage.PUBLIC_PARTICIPATION
    ).select_related("decision")
