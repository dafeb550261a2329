"""“Double random, one public” demo data: the bureau's published item list in its two enforcement
duties (laboratory animals; human genetic resources), the registries — a few hundred entities with
valid unified social credit codes, enforcement officers (some certificates expired), experts and
conflicts of interest — the 2021 year entered from the archive, and a plan of the current year
published and ready to draw.

2021 (the seed report): on-site inspections of 38 units chosen by double-random sampling, 24 in
laboratory animals and 14 in human genetic resources, each by two enforcement officers with an
expert; no violation found; every result published within the publicity period. The two plans, their
draws and results are entered through history.py with their 2021 dates — the draws recomputed by
`fazhi-draw-v1` on the pools frozen then, so that their bundles verify with verify_draw.py.

The current year's plan is made through the live actions and published a week before its draw
date. Its contributors' secrets are the demo's (CURRENT_SECRETS, also printed by `fazhi demo`):
whoever tries the demo enters them on the draw page, as the two contributors would at a real draw.
Only laboratory animals are planned for the current year: 国务院令第777号 moved the competent
authority for human genetic resources to the health department from 1 May 2024, and the bureau's
remaining power there is unconfirmed (research notes §8.2).

The registry is generated, not real: fictional names, and codes that are valid by GB 32100-2015
(`uscc.check_character`) over deterministic pseudo-random bodies. Loading twice changes nothing.
"""

from __future__ import annotations

import datetime
import hashlib
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from fazhi.core.calendar import CalendarNotCovered, WorkCalendar
from fazhi.core.models import Domain, Inspector, User
from fazhi.core.uscc import CODE_SET, check_character
from fazhi.core.workflow import DomainError
from fazhi.inspections import actions, history, registry
from fazhi.inspections.draw import commitment_of
from fazhi.inspections.excel import EntityRow, import_entities
from fazhi.inspections.models import (
    Conflict,
    Entity,
    Expert,
    InspectionItem,
    InspectionPlan,
    InspectionTask,
    RiskLevel,
)

D = datetime.date.fromisoformat
LAB = Domain.LAB_ANIMALS
HGR = Domain.HUMAN_GENETIC_RESOURCES
ARCHIVE_YEAR = 2021
INSPECTING_BODY = "天津市科学技术局"
CONTRIBUTORS = ("政策法规处", "科技监督与诚信建设处")


def _demo_secret(label: str) -> str:
    """A contributor's secret for the demo: 64 hex characters, fixed so that it can be printed
    and typed (a real contributor draws one with `draw.new_secret()` on their own computer)."""
    return hashlib.sha256(f"fazhi demo secret / {label}".encode()).hexdigest()


# The secrets of the current year's plan, in contributor order: enter them on the draw page.
CURRENT_SECRETS = (_demo_secret("current 政策法规处"), _demo_secret("current 科技监督与诚信建设处"))

# name, legal basis, method, domain
ITEMS = [
    (
        "实验动物生产、使用许可条件检查",
        "《实验动物管理条例》第五条、第八条至第二十条、第二十九条；"
        "《天津市实施〈实验动物管理条例〉的办法》第四条、第六条",
        "现场检查、查阅资料（随机抽取检查对象、随机选派执法检查人员）",
        LAB,
    ),
    (
        "实验动物质量监测和从业人员健康检查情况检查",
        "《实验动物管理条例》第八条、第二十六条；《天津市实施〈实验动物管理条例〉的办法》第六条",
        "书面检查、抽样检测",
        LAB,
    ),
    (
        "人类遗传资源采集、保藏、利用、对外提供活动检查",
        "《人类遗传资源管理条例》第九条、第十一条、第十二条、第十四条、第十五条、第二十八条、"
        "第三十三条、第三十四条；《人类遗传资源管理条例实施细则》（科学技术部令第21号）第四条",
        "现场检查、查阅资料、询问有关人员",
        HGR,
    ),
    (
        "人类遗传资源国际合作科学研究情况检查",
        "《人类遗传资源管理条例》第二十二条至第二十四条、第二十六条、第二十七条",
        "书面检查、现场检查",
        HGR,
    ),
]
LAB_ITEM, HGR_ITEM = ITEMS[0][0], ITEMS[2][0]

AREAS = [
    ("120101", "和平区"),
    ("120102", "河东区"),
    ("120103", "河西区"),
    ("120104", "南开区"),
    ("120105", "河北区"),
    ("120106", "红桥区"),
    ("120110", "东丽区"),
    ("120111", "西青区"),
    ("120112", "津南区"),
    ("120113", "北辰区"),
    ("120114", "武清区"),
    ("120115", "宝坻区"),
    ("120116", "滨海新区"),
    ("120118", "静海区"),
]
ROADS = [
    "科研西路",
    "华苑产业园海泰南道",
    "津塘公路",
    "红旗南路",
    "卫津路",
    "复康路",
    "鞍山西道",
    "黄海路",
    "宏达道",
    "泰华路",
]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段漕钱汤尹黎易常武乔贺赖龚文"
GIVEN = (
    "建国 志强 秀英 丽华 文军 明海 晓燕 红梅 晓东 玉兰 春生 德成 立新 宏伟 国庆 永刚 桂芳 金凤 淑珍 振华 俊杰 "
    "静 伟 敏 磊 洋 勇 艳 杰 娟 涛 超 霞 平 刚"
).split()
BRANDS = "华瑞博康诺恒泰金赛维安德普和启鼎同远新元海天润中科百奥盛源信达佳宇弘昌益"
LAB_KINDS = [
    "实验动物科技有限公司",
    "生物技术有限公司",
    "医药科技有限公司",
    "生物医药研究院有限公司",
    "药物安全评价中心有限公司",
]
HGR_KINDS = [
    "基因科技有限公司",
    "医学检验实验室有限公司",
    "生物样本库有限公司",
    "精准医学研究院有限公司",
    "医院",
]
INSTITUTES = {
    LAB: ["大学实验动物中心", "医学院动物实验室", "研究所实验动物部"],
    HGR: ["医学研究所", "大学医学院生物样本库", "医院临床研究中心"],
}
HOMES = ["幸福里", "康宁里", "和平小区", "新兴村", "振兴村", "东方花园"]

# domain, risk level, registered now, of which already registered in 2021 (those come first)
REGISTRY = [
    (LAB, RiskLevel.HIGH, 24, 20),
    (LAB, RiskLevel.MEDIUM_HIGH, 36, 30),
    (LAB, RiskLevel.MEDIUM, 80, 60),
    (LAB, RiskLevel.LOW, 60, 40),
    (HGR, RiskLevel.HIGH, 20, 16),
    (HGR, RiskLevel.MEDIUM_HIGH, 14, 10),
    (HGR, RiskLevel.MEDIUM, 30, 20),
    (HGR, RiskLevel.LOW, 20, 15),
]
# Individual breeders (natural persons, 个体工商户) among the laboratory-animal entities: every
# tenth of these groups. Their names and addresses are masked in public.
NATURAL_PERSONS = {(LAB, RiskLevel.MEDIUM), (LAB, RiskLevel.LOW)}
# Entities of 2021 deregistered since (position within their group): in the 2021 pool only.
DEREGISTERED = {
    (LAB, RiskLevel.MEDIUM_HIGH): (3,),
    (LAB, RiskLevel.MEDIUM): (11, 40),
    (HGR, RiskLevel.MEDIUM): (5,),
}


@dataclass(frozen=True)
class DemoInspector:
    name: str
    number: int
    domains: tuple[str, ...]
    expires_on: str
    joined: int  # the year the officer entered the registry (2021 pools: joined by 2020)
    username: str = ""

    @property
    def certificate_number(self) -> str:
        return f"1201{self.number:07d}"


INSPECTORS = [
    DemoInspector("孙执法", 1020101, (LAB, HGR), "2029-06-30", 2019, username="officer"),
    DemoInspector("马振华", 1020102, (LAB,), "2029-06-30", 2018),
    DemoInspector("高立新", 1020103, (LAB,), "2028-12-31", 2018),
    DemoInspector("林晓东", 1020104, (LAB,), "2030-03-31", 2019),
    DemoInspector("何玉兰", 1020105, (LAB,), "2028-12-31", 2019),
    DemoInspector("郭建国", 1020106, (LAB,), "2023-06-30", 2017),  # expired since
    DemoInspector("罗春生", 1020107, (LAB,), "2029-06-30", 2020),
    DemoInspector("梁秀英", 1020108, (LAB, HGR), "2029-06-30", 2020),
    DemoInspector("宋德成", 1020109, (LAB,), "2024-12-31", 2016),  # expired since
    DemoInspector("郑宏伟", 1020110, (LAB,), "2030-03-31", 2020),
    DemoInspector("谢桂芳", 1020111, (LAB,), "2029-06-30", 2020),
    DemoInspector("韩俊杰", 1020112, (LAB,), "2030-12-31", 2022),
    DemoInspector("唐晓燕", 1020113, (LAB,), "2030-12-31", 2023),
    DemoInspector("冯国庆", 1020114, (LAB, HGR), "2030-12-31", 2024),
    DemoInspector("于淑珍", 1020201, (HGR,), "2029-06-30", 2019),
    DemoInspector("董明海", 1020202, (HGR,), "2029-06-30", 2019),
    DemoInspector("程丽华", 1020203, (HGR,), "2025-03-31", 2019),  # expired since
    DemoInspector("曹文军", 1020204, (HGR,), "2030-03-31", 2020),
    DemoInspector("袁金凤", 1020205, (HGR,), "2030-12-31", 2022),
    DemoInspector("邓振华", 1020206, (HGR,), "2030-12-31", 2023),
]

# code, name, field, domain
EXPERTS = [
    ("ZJ-SY-001", "许志远", "实验动物医学", LAB),
    ("ZJ-SY-002", "傅晓峰", "实验动物质量检测", LAB),
    ("ZJ-SY-003", "沈静", "动物福利与伦理", LAB),
    ("ZJ-SY-004", "曾岩", "实验动物设施环境", LAB),
    ("ZJ-SY-005", "彭伟", "比较医学", LAB),
    ("ZJ-SY-006", "吕红梅", "实验动物微生物学", LAB),
    ("ZJ-YC-001", "苏立新", "医学伦理", HGR),
    ("ZJ-YC-002", "卢建华", "生物样本库管理", HGR),
    ("ZJ-YC-003", "蒋明", "医学遗传学", HGR),
    ("ZJ-YC-004", "蔡玉洁", "生物信息与数据安全", HGR),
]

# (domain, risk level, position in group), person (certificate number or expert code), reason
CONFLICTS = [
    ((LAB, RiskLevel.HIGH, 2), "12011020102", "近三年曾在该单位任职"),
    ((LAB, RiskLevel.MEDIUM, 7), "12011020105", "配偶在该单位工作"),
    ((LAB, RiskLevel.HIGH, 5), "ZJ-SY-002", "专家所在单位"),
    ((LAB, RiskLevel.MEDIUM_HIGH, 0), "ZJ-SY-005", "近三年为该单位提供有偿技术服务"),
    ((HGR, RiskLevel.HIGH, 1), "12011020201", "近亲属为该单位负责人"),
    ((HGR, RiskLevel.HIGH, 3), "ZJ-YC-001", "专家所在单位"),
]


@dataclass(frozen=True)
class ArchivePlan:
    """A 2021 plan: its dates, strata (risk level → ratio) and the seed of its draw."""

    item: str
    domain: str
    batch: int
    published_on: str
    draw_on: str
    ratios: dict[str, str]
    inspections_from: str  # the first day of the on-site inspections, two units a working day
    inspector_cap: int | None = None
    public_value_source: str = ""
    public_value: str = ""

    def secrets(self) -> list[str]:
        return [_demo_secret(f"{ARCHIVE_YEAR} {self.domain} {name}") for name in CONTRIBUTORS]


ARCHIVE_PLANS = [
    # 24 units: ceil(20 × 0.5) + ceil(30 × 0.2) + ceil(60 × 0.1) + ceil(40 × 0.05) = 10 + 6 + 6 + 2
    ArchivePlan(
        LAB_ITEM,
        LAB,
        1,
        "2021-04-06",
        "2021-04-15",
        {RiskLevel.HIGH: "0.5", RiskLevel.MEDIUM_HIGH: "0.2", RiskLevel.MEDIUM: "0.1", RiskLevel.LOW: "0.05"},
        "2021-05-10",
        inspector_cap=5,
        public_value_source="抽取前一日中国福利彩票“双色球”开奖号码（演示数据）",
        public_value="03 08 14 19 26 31 + 09",
    ),
    # 14 units: ceil(16 × 0.5) + ceil(10 × 0.3) + ceil(20 × 0.1) + ceil(15 × 0.05) = 8 + 3 + 2 + 1
    ArchivePlan(
        HGR_ITEM,
        HGR,
        2,
        "2021-08-02",
        "2021-08-10",
        {RiskLevel.HIGH: "0.5", RiskLevel.MEDIUM_HIGH: "0.3", RiskLevel.MEDIUM: "0.1", RiskLevel.LOW: "0.05"},
        "2021-09-06",
    ),
]
# The current year's plan: laboratory animals, every risk level.
CURRENT_RATIOS = {
    RiskLevel.HIGH: "0.3",
    RiskLevel.MEDIUM_HIGH: "0.1",
    RiskLevel.MEDIUM: "0.05",
    RiskLevel.LOW: "0.03",
}


# --- the registry ------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoEntity:
    row: EntityRow
    group: tuple[str, str]
    position: int
    in_2021: bool


def _organization_code(rng: random.Random) -> str:
    """Nine characters of an organization code (GB 11714): eight from the code set, then its
    check character (11 − Σ value × weight mod 11; 10 is X, 11 is 0)."""
    body = "".join(rng.choice(CODE_SET) for _ in range(8))
    total = sum(int(c, 36) * w for c, w in zip(body, (3, 7, 9, 10, 5, 8, 4, 2), strict=True))
    check = 11 - total % 11
    return body + {10: "X", 11: "0"}.get(check, str(check))


def _uscc(rng: random.Random, prefix: str, area: str, taken: set[str]) -> str:
    while True:
        first17 = prefix + area + _organization_code(rng)
        code = first17 + check_character(first17)
        if code not in taken:
            taken.add(code)
            return code


def _person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def demo_entities() -> list[DemoEntity]:
    """The registry, the same on every run."""
    rng = random.Random(20210406)
    brands = [a + b for a in BRANDS for b in BRANDS if a != b]
    rng.shuffle(brands)
    taken: set[str] = set()
    names: set[str] = set()
    entities: list[DemoEntity] = []
    line = 2
    for domain, risk_level, count, before in REGISTRY:
        for position in range(count):
            code, district = rng.choice(AREAS)
            address = f"天津市{district}{rng.choice(ROADS)}{rng.randint(1, 399)}号"
            natural = (domain, risk_level) in NATURAL_PERSONS and position % 10 == 9
            if natural:
                name = representative = _person(rng)
                prefix = "92"  # 个体工商户
                address = f"天津市{district}{rng.choice(HOMES)}{rng.randint(1, 30)}号楼{rng.randint(1, 6)}门{rng.randint(101, 602)}"
            else:
                representative = _person(rng)
                if position % 9 == 4:
                    name = f"天津{brands.pop()}{rng.choice(INSTITUTES[domain])}"
                    prefix = "12"  # 事业单位
                else:
                    kinds = LAB_KINDS if domain == LAB else HGR_KINDS
                    name = f"天津{brands.pop()}{rng.choice(kinds)}"
                    prefix = "91"
                while name in names:
                    name = f"天津{brands.pop()}{(LAB_KINDS if domain == LAB else HGR_KINDS)[0]}"
            names.add(name)
            row = EntityRow(
                line=line,
                uscc=_uscc(rng, prefix, code, taken),
                name=name,
                legal_representative=representative,
                address=address,
                domain=domain,
                risk_level=risk_level,
                is_natural_person=natural,
            )
            line += 1
            entities.append(DemoEntity(row, (domain, risk_level), position, position < before))
    return entities


def _entity_at(entities: list[DemoEntity], domain: str, risk_level: str, position: int) -> DemoEntity:
    return next(e for e in entities if e.group == (domain, risk_level) and e.position == position)


def load_registry(reviewer: User) -> list[DemoEntity]:
    """The item list, the entity registry (one audited import), inspectors, experts and
    conflicts, through registry.py and excel.py."""
    entities = demo_entities()
    if Entity.objects.filter(uscc=entities[0].row.uscc).exists():
        return entities
    for name, basis, method, domain in ITEMS:
        registry.create_item(
            actor=reviewer,
            name=name,
            legal_basis=basis,
            inspecting_body=INSPECTING_BODY,
            method=method,
            domain=domain,
            published=True,
        )
    import_entities([e.row for e in entities], actor=reviewer, filename="检查对象名录库.xlsx")
    for (domain, risk_level), positions in DEREGISTERED.items():
        for position in positions:
            entity = Entity.objects.get(uscc=_entity_at(entities, domain, risk_level, position).row.uscc)
            registry.set_entity_active(entity, actor=reviewer, active=False, reason="已注销登记（2023年）")
    for officer in INSPECTORS:
        registry.create_inspector(
            actor=reviewer,
            name=officer.name,
            certificate_number=officer.certificate_number,
            certificate_expires_on=D(officer.expires_on),
            domains=list(officer.domains),
            user=User.objects.filter(username=officer.username).first() if officer.username else None,
        )
    for code, name, field, domain in EXPERTS:
        registry.create_expert(actor=reviewer, code=code, name=name, field=field, domains=[domain])
    for (domain, risk_level, position), person_id, reason in CONFLICTS:
        entity = Entity.objects.get(uscc=_entity_at(entities, domain, risk_level, position).row.uscc)
        person: Inspector | Expert = (
            Inspector.objects.get(certificate_number=person_id)
            if person_id[0].isdigit()
            else Expert.objects.get(code=person_id)
        )
        registry.add_conflict(actor=reviewer, entity=entity, person=person, reason=reason)
    return entities


# --- 2021 from the archive -----------------------------------------------------------------


def _archived_plan(spec: ArchivePlan, entities: list[DemoEntity]) -> history.ArchivedPlan:
    """The plan as published in 2021: its pools are the registry of that year — the entities and
    inspectors registered by then, the experts of its field, the conflicts among them."""
    item = InspectionItem.objects.get(name=spec.item)
    strata = [
        history.ArchivedStratum(domain=spec.domain, risk_level=r, ratio=x) for r, x in spec.ratios.items()
    ]
    by_level = {s.risk_level: s.label() for s in strata}
    pool = [
        (by_level[e.row.risk_level], e.row.uscc)
        for e in entities
        if e.in_2021 and e.row.domain == spec.domain
    ]
    draw_on = D(spec.draw_on)
    inspectors = [
        p.certificate_number
        for p in INSPECTORS
        if spec.domain in p.domains and p.joined < ARCHIVE_YEAR and D(p.expires_on) >= draw_on
    ]
    experts = [code for code, _name, _field, domain in EXPERTS if domain == spec.domain]
    in_pool = {uscc for _stratum, uscc in pool}
    people = set(inspectors) | set(experts)
    conflicts = [
        (c.entity.uscc, c.person_id_text)
        for c in Conflict.objects.select_related("entity", "inspector", "expert")
        if c.entity.uscc in in_pool and c.person_id_text in people
    ]
    return history.ArchivedPlan(
        year=ARCHIVE_YEAR,
        batch=spec.batch,
        item=item,
        published_on=D(spec.published_on),
        draw_on=draw_on,
        strata=strata,
        contributors=[(name, commitment_of(s)) for name, s in zip(CONTRIBUTORS, spec.secrets(), strict=True)],
        entities=pool,
        inspectors=inspectors,
        experts=experts,
        conflicts=conflicts,
        title=f"{ARCHIVE_YEAR}年第{spec.batch}批“{spec.item}”双随机抽查计划",
        inspectors_per_entity=2,
        inspector_cap=spec.inspector_cap,
        experts_per_entity=1,
        public_value_source=spec.public_value_source,
    )


def load_archive_year(reviewer: User, entities: list[DemoEntity]) -> list[str]:
    """The two plans of 2021, their draws and their 38 results (no violation found, every one
    published within the publicity period)."""
    notes: list[str] = []
    if InspectionPlan.objects.filter(year=ARCHIVE_YEAR).exists():
        return notes
    cal = WorkCalendar()
    for spec in ARCHIVE_PLANS:
        plan = history.import_plan(_archived_plan(spec, entities), actor=reviewer)
        history.import_draw(
            plan,
            actor=reviewer,
            secrets=spec.secrets(),
            drawn_on=D(spec.draw_on),
            public_value=spec.public_value,
        )
        try:
            with transaction.atomic():
                day = D(spec.inspections_from)
                tasks = InspectionTask.objects.filter(plan=plan).select_related("entity").order_by("sequence")
                for n, task in enumerate(tasks):
                    if n and n % 2 == 0:
                        day = cal.add_working_days(day, 1)
                    history.import_result(
                        task,
                        actor=reviewer,
                        result=InspectionTask.Result.NO_PROBLEM,
                        ended_on=day,
                        published_on=cal.add_working_days(day, 10),
                    )
        except CalendarNotCovered as exc:
            notes.append(f"{ARCHIVE_YEAR}年双随机抽查结果未能录入：{exc}")
    return notes


# --- the current year ----------------------------------------------------------------------


def load_current_plan(reviewer: User) -> list[str]:
    """This year's laboratory-animal plan through the live actions, published today with the
    draw a week from now."""
    today = timezone.localdate()
    year = today.year
    if not InspectionPlan.objects.filter(year=year).exists():
        try:
            with transaction.atomic():
                _publish_current_plan(reviewer, year, today + datetime.timedelta(days=7))
        except DomainError as exc:
            return [f"{year}年双随机抽查计划未能公布：{exc}"]
    # The plan waits for its draw; the contributors' demo secrets are in README's demo section
    # (never in the public title), and `fazhi demo` prints no remark about it.
    return []


def _publish_current_plan(reviewer: User, year: int, draw_on: datetime.date) -> InspectionPlan:
    item = InspectionItem.objects.get(name=LAB_ITEM)
    plan = actions.create_plan(
        actor=reviewer,
        year=year,
        batch=1,
        item=item,
        draw_on=draw_on,
        inspectors_per_entity=2,
        inspector_cap=4,
        experts_per_entity=1,
        title=f"{year}年第1批“{item.name}”双随机抽查计划",
    )
    for risk_level, ratio in CURRENT_RATIOS.items():
        actions.add_stratum(plan, actor=reviewer, domain=LAB, risk_level=risk_level, ratio=ratio)
    for name in CONTRIBUTORS:
        actions.add_contributor(plan, actor=reviewer, name=name)
    return actions.publish_plan(plan, actor=reviewer, commitments=[commitment_of(s) for s in CURRENT_SECRETS])


@transaction.atomic
def load_inspections() -> list[str]:
    reviewer = User.objects.get(username="reviewer")
    entities = load_registry(reviewer)
    notes = load_archive_year(reviewer, entities)
    return notes + load_current_plan(reviewer)
