"""“Double random, one public” inspections (双随机、一公开, DOMAIN.md §8 and §10): the item list,
the registries of entities, inspectors and experts, conflicts of interest, sampling plans
with their frozen pools and seed contributors, the draw, and the inspection tasks."""

from __future__ import annotations

import datetime
import json
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from fazhi.core.agencies import inspection_domains, scoped
from fazhi.core.calendar import Deadline, stored_deadline
from fazhi.core.models import DeadlineRule, Inspector
from fazhi.core.roles import Role
from fazhi.core.uscc import uscc_validator


def domain_label(agency: Any, code: str) -> str:
    """The label of an inspection domain in `agency`'s list (its own, else the defaults)."""
    return str(dict(inspection_domains(agency)).get(code, code))


class AgencyDomainMixin:
    """`domain_label`: the record's domain in its agency's words (the domains are per agency,
    so the field has no fixed choices)."""

    agency: Any
    domain: str

    @property
    def domain_label(self) -> str:
        return domain_label(self.agency, self.domain)


class RiskLevel(models.TextChoices):
    """Risk tiers of the entity registry (a stratum may sample one tier at its own ratio)."""

    HIGH = "high", _("高风险")
    MEDIUM_HIGH = "medium_high", _("较高风险")
    MEDIUM = "medium", _("一般风险")
    LOW = "low", _("低风险")


class InspectionItem(AgencyDomainMixin, models.Model):
    """An entry of the random-inspection item list (随机抽查事项清单): no inspection without a
    basis in law, regulation or rule (国办发〔2015〕58号)."""

    agency = models.ForeignKey(
        "core.Organization", verbose_name=_("所属机关"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("抽查事项"), max_length=200)
    legal_basis = models.TextField(_("检查依据"))
    inspecting_body = models.CharField(_("检查主体"), max_length=100)
    method = models.CharField(_("检查方式"), max_length=200)
    domain = models.CharField(_("领域"), max_length=30)
    published = models.BooleanField(_("已公开"), default=False)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("抽查事项")
        verbose_name_plural = _("抽查事项清单")
        ordering = ["domain", "pk"]
        permissions = [("manage_registry", _("维护抽查事项清单和名录库"))]

    def __str__(self) -> str:
        return self.name


class EntityQuerySet(models.QuerySet["Entity"]):
    def active(self) -> EntityQuerySet:
        return self.filter(is_active=True)


class Entity(AgencyDomainMixin, models.Model):
    """An inspection object (检查对象名录库) of an agency's registry (two departments may both
    register one company). Its public id in a draw is its USCC."""

    agency = models.ForeignKey(
        "core.Organization", verbose_name=_("所属机关"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("名称"), max_length=200)
    uscc = models.CharField(_("统一社会信用代码"), max_length=18, validators=[uscc_validator])
    legal_representative = models.CharField(_("法定代表人（负责人）"), max_length=50)
    address = models.CharField(_("住所（地址）"), max_length=200)
    domain = models.CharField(_("领域"), max_length=30)
    risk_level = models.CharField(
        _("风险等级"), max_length=20, choices=RiskLevel.choices, default=RiskLevel.MEDIUM
    )
    is_active = models.BooleanField(_("在册"), default=True)
    is_natural_person = models.BooleanField(
        _("自然人"),
        default=False,
        help_text=_("个体经营者等自然人：公示时隐去姓名、住址等个人信息"),
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = EntityQuerySet.as_manager()

    class Meta:
        verbose_name = _("检查对象")
        verbose_name_plural = _("检查对象名录库")
        ordering = ["uscc"]
        indexes = [models.Index(fields=["domain", "risk_level", "is_active"])]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "uscc"],
                name="entity_uscc_per_agency",
                violation_error_message=_("该统一社会信用代码已在名录库中"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.uscc}）"


class Expert(models.Model):
    """A member of the expert pool; id in a draw: the pool code."""

    agency = models.ForeignKey(
        "core.Organization", verbose_name=_("所属机关"), on_delete=models.PROTECT, related_name="+"
    )
    code = models.CharField(_("专家库编号"), max_length=40)
    name = models.CharField(_("姓名"), max_length=50)
    field = models.CharField(_("专业领域"), max_length=100)
    domains = models.JSONField(
        _("适用领域"), default=list, blank=True, help_text=_("Domain 代码的列表；为空的适用于所有领域")
    )
    is_active = models.BooleanField(_("在册"), default=True)

    class Meta:
        verbose_name = _("专家")
        verbose_name_plural = _("专家库")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "code"],
                name="expert_code_per_agency",
                violation_error_message=_("该专家库编号已登记"),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.code}）"

    def serves(self, domain: str) -> bool:
        """Whether the expert is drawn for plans of `domain` (no domains: every domain)."""
        return not self.domains or domain in self.domains

    def domain_labels(self) -> list[str]:
        labels = dict(inspection_domains(self.agency))
        return [str(labels.get(code, code)) for code in self.domains]


class Conflict(models.Model):
    """A conflict of interest (回避): the person is never assigned to the entity."""

    entity = models.ForeignKey(Entity, verbose_name=_("检查对象"), on_delete=models.CASCADE, related_name="+")
    inspector = models.ForeignKey(
        Inspector,
        verbose_name=_("执法检查人员"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="conflicts",
    )
    expert = models.ForeignKey(
        Expert,
        verbose_name=_("专家"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="conflicts",
    )
    reason = models.CharField(_("回避理由"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("登记人"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("回避关系")
        verbose_name_plural = _("回避关系")
        ordering = ["entity", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(inspector__isnull=False) & Q(expert__isnull=True))
                | (Q(inspector__isnull=True) & Q(expert__isnull=False)),
                name="conflict_one_person",
            ),
            models.UniqueConstraint(
                fields=["entity", "inspector"],
                condition=Q(inspector__isnull=False),
                name="conflict_inspector",
            ),
            models.UniqueConstraint(
                fields=["entity", "expert"], condition=Q(expert__isnull=False), name="conflict_expert"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.entity.name} ↔ {self.person}"

    @property
    def person(self) -> Inspector | Expert:
        person = self.inspector or self.expert
        assert person is not None  # conflict_one_person
        return person

    @property
    def person_id_text(self) -> str:
        """The person's public id in a draw: certificate number or pool code."""
        if self.inspector is not None:
            return self.inspector.certificate_number
        assert self.expert is not None
        return self.expert.code


class PlanQuerySet(models.QuerySet["InspectionPlan"]):
    def public(self) -> PlanQuerySet:
        """Published plans (their pools, commitments and, once drawn, the draw) are public."""
        return self.exclude(status=InspectionPlan.Status.DRAFT)

    def visible_to(self, user: Any) -> PlanQuerySet:
        """The staff pages: the plans of the user's agency (drafts to its planners and leaders
        only). The public pages list every agency's published plans through `public()`."""
        if user is not None and user.is_authenticated and user.is_active:
            own = scoped(self, user)
            if user.has_perm("inspections.manage_plan") or user.has_role(Role.LEADERSHIP):
                return own
            return own.public()
        return self.public()


class InspectionPlan(models.Model):
    """A sampling plan (抽查计划) of an agency, which is its inspecting body: what is sampled,
    at which ratios, by how many people; its pools hold the agency's registries only."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        PUBLISHED = "published", _("已公布，待抽取")
        DRAWN = "drawn", _("已抽取")

    agency = models.ForeignKey(
        "core.Organization", verbose_name=_("所属机关"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("计划名称"), max_length=200)
    year = models.PositiveSmallIntegerField(_("年度"))
    batch = models.PositiveSmallIntegerField(_("批次"), default=1)
    item = models.ForeignKey(
        InspectionItem, verbose_name=_("抽查事项"), on_delete=models.PROTECT, related_name="plans"
    )
    draw_on = models.DateField(
        _("抽取日期"), help_text=_("执法证在该日有效的人员才进入人员库；抽取不得晚于该日")
    )
    inspectors_per_entity = models.PositiveSmallIntegerField(_("每个对象的执法人员数"), default=2)
    inspector_cap = models.PositiveIntegerField(
        _("每名执法人员最多分派对象数"), null=True, blank=True, help_text=_("留空为不设上限")
    )
    experts_per_entity = models.PositiveSmallIntegerField(_("每个对象的专家数"), default=0)
    public_value_source = models.CharField(
        _("公开随机值来源"),
        max_length=200,
        blank=True,
        help_text=_("事先确定、承诺时尚未产生的公开值（如某期彩票开奖号码）；留空为不使用"),
    )
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    redraw_of = models.ForeignKey(
        "self",
        verbose_name=_("重新抽取所替代的计划"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="redraws",
    )
    redraw_reason = models.TextField(_("重新抽取的理由"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("制定人"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    published_at = models.DateTimeField(_("公布时间"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("公布人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    pool_digest = models.CharField(_("对象名录摘要"), max_length=64, blank=True)
    inspector_digest = models.CharField(_("执法人员名录摘要"), max_length=64, blank=True)
    expert_digest = models.CharField(_("专家名录摘要"), max_length=64, blank=True)
    conflict_digest = models.CharField(_("回避关系摘要"), max_length=64, blank=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("抽查计划")
        verbose_name_plural = _("抽查计划")
        ordering = ["-year", "-batch", "-pk"]
        permissions = [("manage_plan", _("制定抽查计划并组织抽取"))]
        constraints = [
            # DOMAIN.md §8: at least two inspectors per entity (the plan's rule).
            models.CheckConstraint(
                condition=Q(inspectors_per_entity__gte=2), name="plan_at_least_two_inspectors"
            ),
            models.CheckConstraint(
                condition=Q(inspector_cap__isnull=True) | Q(inspector_cap__gte=1), name="plan_cap_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.agency_id is None and self.item_id is not None:
            self.agency_id = self.item.agency_id  # the plan of an item is its agency's
        super().save(*args, **kwargs)

    def digests(self) -> dict[str, str]:
        return {
            "pool_digest": self.pool_digest,
            "inspector_digest": self.inspector_digest,
            "expert_digest": self.expert_digest,
            "conflict_digest": self.conflict_digest,
        }


class Stratum(models.Model):
    """A stratum of a plan: the active entities of a domain (and a risk level, or all levels),
    sampled at a ratio kept exactly as entered (a decimal string such as "0.03")."""

    plan = models.ForeignKey(InspectionPlan, on_delete=models.CASCADE, related_name="strata")
    name = models.CharField(_("分层名称"), max_length=60)
    domain = models.CharField(_("领域"), max_length=30)
    risk_level = models.CharField(
        _("风险等级"), max_length=20, choices=RiskLevel.choices, blank=True, help_text=_("留空为全部等级")
    )
    ratio = models.CharField(_("抽查比例"), max_length=20, help_text=_("十进制小数，如 0.03 表示 3%"))

    class Meta:
        verbose_name = _("抽查分层")
        verbose_name_plural = _("抽查分层")
        ordering = ["plan", "name"]
        constraints = [models.UniqueConstraint(fields=["plan", "name"], name="stratum_name_per_plan")]

    def __str__(self) -> str:
        return f"{self.name}（{self.ratio}）"


class SeedContributor(models.Model):
    """A party that contributes a secret to the seed (e.g. the legal affairs division and the
    supervising division). The commitment is published with the plan; the secret only at the
    draw, where it is checked against the commitment."""

    plan = models.ForeignKey(InspectionPlan, on_delete=models.CASCADE, related_name="contributors")
    name = models.CharField(_("种子提供方"), max_length=100)
    order = models.PositiveSmallIntegerField(_("顺序"))
    commitment = models.CharField(_("承诺值（SHA-256）"), max_length=64, blank=True)
    secret = models.CharField(_("秘密值"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("种子提供方")
        verbose_name_plural = _("种子提供方")
        ordering = ["plan", "order"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "order"], name="contributor_order_per_plan"),
            models.UniqueConstraint(fields=["plan", "name"], name="contributor_name_per_plan"),
        ]

    def __str__(self) -> str:
        return self.name


class FrozenPool(models.Model):
    """One of the four canonical texts of a plan, frozen at publication (DOMAIN.md §10 step 1):
    registry edits after publication do not change the draw. `refs` maps the public id of an
    inspector or expert to its registry row, so a renewed certificate number still finds the
    person."""

    class Kind(models.TextChoices):
        ENTITIES = "entities", _("检查对象")
        INSPECTORS = "inspectors", _("执法检查人员")
        EXPERTS = "experts", _("专家")
        CONFLICTS = "conflicts", _("回避关系")

    plan = models.ForeignKey(InspectionPlan, on_delete=models.CASCADE, related_name="frozen_pools")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    text = models.TextField()
    digest = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    refs = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("冻结名录")
        verbose_name_plural = _("冻结名录")
        constraints = [models.UniqueConstraint(fields=["plan", "kind"], name="frozen_pool_kind_per_plan")]

    def __str__(self) -> str:
        return f"{self.plan} {self.get_kind_display()}"

    def lines(self) -> list[str]:
        return self.text.split("\n") if self.text else []


class PoolExclusion(models.Model):
    """A registry member left out of a plan's pool at publication, with the reason (shown with
    the plan), e.g. an enforcement certificate that expires before the draw date."""

    plan = models.ForeignKey(InspectionPlan, on_delete=models.CASCADE, related_name="exclusions")
    kind = models.CharField(max_length=20, choices=FrozenPool.Kind.choices)
    person_id = models.CharField(_("编号"), max_length=40)
    name = models.CharField(_("姓名"), max_length=50)
    reason = models.CharField(_("未纳入理由"), max_length=200)

    class Meta:
        verbose_name = _("未纳入人员")
        verbose_name_plural = _("未纳入人员")
        ordering = ["plan", "kind", "person_id"]

    def __str__(self) -> str:
        return f"{self.name}：{self.reason}"


class DrawManager(models.Manager["Draw"]):
    def get_queryset(self) -> models.QuerySet[Draw]:
        # The bundle holds the whole pool (tens of megabytes for a large registry): read it
        # only when it is asked for (`draw.bundle_json` loads it on first access).
        return super().get_queryset().defer("bundle_json")


class Draw(models.Model):
    """The draw of a plan: final once made (no redraw; a new plan with a reason instead)."""

    plan = models.OneToOneField(InspectionPlan, on_delete=models.PROTECT, related_name="draw")
    public_value = models.CharField(_("公开随机值"), max_length=200, blank=True)
    seed = models.CharField(_("种子"), max_length=64)
    bundle_json = models.TextField(_("验证数据包"))
    bundle_sha256 = models.CharField(_("数据包摘要"), max_length=64)
    selected_count = models.PositiveIntegerField(_("抽中对象数"))
    drawn_at = models.DateTimeField(_("抽取时间"))
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("抽取人"), on_delete=models.PROTECT, related_name="+"
    )

    objects = DrawManager()  # also the base manager (Meta), so related access defers the bundle

    class Meta:
        verbose_name = _("随机抽取")
        verbose_name_plural = _("随机抽取")
        ordering = ["-drawn_at"]
        # `plan.draw` goes through the base manager: it too leaves the bundle unread.
        base_manager_name = "objects"

    def __str__(self) -> str:
        return f"{self.plan} 抽取结果"

    @property
    def bundle(self) -> dict[str, Any]:
        """The bundle of DOMAIN.md §10 step 6 (parsed from the stored text)."""
        result: dict[str, Any] = json.loads(self.bundle_json)
        return result


class TaskQuerySet(models.QuerySet["InspectionTask"]):
    def visible_to(self, user: Any) -> TaskQuerySet:
        """Within the user's agency: planners and the leadership see every task; an inspector
        sees their own."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        own = scoped(self, user, "plan__agency")
        if user.has_perm("inspections.manage_plan") or user.has_role(Role.LEADERSHIP):
            return own
        return own.filter(inspectors__user=user).distinct()

    def of_agency(self, agency: Any) -> TaskQuerySet:
        return self.filter(plan__agency=agency)

    def assigned_to(self, user: Any) -> TaskQuerySet:
        return self.filter(inspectors__user=user).distinct()

    def published(self) -> TaskQuerySet:
        return self.filter(status=InspectionTask.Status.PUBLISHED)

    def publicity_overdue(self, today: datetime.date) -> TaskQuerySet:
        """Results recorded but not published by their publicity deadline."""
        return self.filter(status=InspectionTask.Status.RECORDED, publicity_due_on__lt=today)


class InspectionTask(models.Model):
    """The inspection of one selected entity by its assigned inspectors (and experts)."""

    class Status(models.TextChoices):
        ASSIGNED = "assigned", _("待检查")
        RECORDED = "recorded", _("已录入结果，待公示")
        PUBLISHED = "published", _("已公示")

    class Result(models.TextChoices):
        NO_PROBLEM = "no_problem", _("未发现问题")
        PROBLEMS_FOUND = "problems_found", _("发现问题")
        NOT_FOUND_AT_ADDRESS = "not_found_at_address", _("通过登记的住所（经营场所）无法联系")
        CLOSED_DOWN = "closed_down", _("已关闭（停业）")

    plan = models.ForeignKey(InspectionPlan, on_delete=models.PROTECT, related_name="tasks")
    entity = models.ForeignKey(
        Entity, verbose_name=_("检查对象"), on_delete=models.PROTECT, related_name="tasks"
    )
    stratum = models.CharField(_("分层"), max_length=60)
    sequence = models.PositiveIntegerField(_("抽取顺序"))
    inspectors = models.ManyToManyField(Inspector, verbose_name=_("执法检查人员"), related_name="tasks")
    experts = models.ManyToManyField(Expert, verbose_name=_("专家"), blank=True, related_name="tasks")
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.ASSIGNED)
    ended_on = models.DateField(_("检查结束日期"), null=True, blank=True)
    result = models.CharField(_("检查结果"), max_length=30, choices=Result.choices, blank=True)
    result_description = models.TextField(_("问题描述"), blank=True)
    result_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("结果录入人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    result_recorded_at = models.DateTimeField(_("结果录入时间"), null=True, blank=True)
    publicity_due_on = models.DateField(_("公示期限"), null=True, blank=True)
    publicity_rule = models.ForeignKey(
        DeadlineRule,
        verbose_name=_("期限规则"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    published_on = models.DateField(_("公示日期"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("公示人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("抽查任务")
        verbose_name_plural = _("抽查任务")
        ordering = ["plan", "sequence"]
        permissions = [("record_result", _("录入抽查检查结果"))]
        constraints = [
            models.UniqueConstraint(fields=["plan", "entity"], name="task_entity_per_plan"),
            models.UniqueConstraint(fields=["plan", "sequence"], name="task_sequence_per_plan"),
        ]
        indexes = [models.Index(fields=["status", "publicity_due_on"])]

    def __str__(self) -> str:
        return f"{self.plan}：{self.entity.name}"

    @property
    def publicity_deadline(self) -> Deadline | None:
        """The publicity deadline as computed when the result was recorded, with its rule."""
        return stored_deadline(self.ended_on, self.publicity_due_on, self.publicity_rule)

    def is_publicity_overdue(self, today: datetime.date) -> bool:
        return (
            self.status == self.Status.RECORDED
            and self.publicity_due_on is not None
            and self.publicity_due_on < today
        )
