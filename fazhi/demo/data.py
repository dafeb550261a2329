"""The demo dataset: 天津市科学技术局 with its 18 divisions, the Municipal Justice Bureau, the
districts and functional zones that receive delegated powers, one account per role, and the
number series. Later modules add their records here. Loading is idempotent."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import Group
from django.db import transaction

from fazhi.core.models import NumberSeries, Organization, User
from fazhi.core.roles import Role

DEMO_PASSWORD = "Fazhi@2026"  # noqa: S105 - the published demo password

BUREAU = ("天津市科学技术局", "市科技局", "tjkjj")
LEGAL_AFFAIRS = "政策法规处"
DIVISIONS = [
    "办公室",
    "政策法规处",
    "发展规划处",
    "资源配置与管理处",
    "基础研究处",
    "高新技术处",
    "农村科技处",
    "社会发展科技处",
    "成果转化与区域创新处",
    "科技人才与外国专家服务处",
    "国际合作处",
    "科技监督与诚信建设处",
    "企业创新处",
    "重大科技专项处",
    "科技服务业处",
    "行政审批处",
    "财务与审计处",
    "人事处",
]
DISTRICTS = [
    "滨海新区",
    "天津经济技术开发区",
    "天津港保税区",
    "天津滨海高新技术产业开发区",
    "中新天津生态城",
    "东疆综合保税区",
]


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    organization: str | None
    roles: tuple[Role, ...]
    title: str = ""
    superuser: bool = False


ACCOUNTS = [
    DemoAccount("admin", "郑管理", BUREAU[0], (Role.SYSTEM_ADMIN,), "系统管理员", superuser=True),
    DemoAccount("staff", "张起草", "基础研究处", (Role.DIVISION_STAFF,), "一级主任科员"),
    DemoAccount("divhead", "李处长", "基础研究处", (Role.DIVISION_HEAD,), "处长"),
    DemoAccount("reviewer", "王审核", LEGAL_AFFAIRS, (Role.LEGAL_REVIEWER,), "政策法规处四级调研员"),
    DemoAccount("lawyer", "刘公职", LEGAL_AFFAIRS, (Role.LEGAL_ADVISOR,), "公职律师"),
    DemoAccount("advisor", "赵律师", None, (Role.LEGAL_ADVISOR,), "常年法律顾问（律师事务所）"),
    DemoAccount("director", "陈局长", BUREAU[0], (Role.LEADERSHIP,), "局长"),
    DemoAccount("deputy", "周副局长", BUREAU[0], (Role.LEADERSHIP,), "副局长"),
    DemoAccount("officer", "孙执法", "科技监督与诚信建设处", (Role.ENFORCEMENT_OFFICER,), "执法人员"),
    DemoAccount("filing", "吴备案", "天津市司法局", (Role.FILING_OFFICER,), "备案审查处"),
    DemoAccount("personnel", "钱人事", "人事处", (Role.PERSONNEL,), "人事处一级主任科员"),
]


def _org(name: str, **fields: object) -> Organization:
    org, _created = Organization.objects.get_or_create(name=name, defaults=fields)
    return org


@transaction.atomic
def load_demo() -> dict[str, Any]:
    bureau = _org(BUREAU[0], short_name=BUREAU[1], code=BUREAU[2], kind=Organization.Kind.AGENCY)
    for i, name in enumerate(DIVISIONS, start=1):
        _org(
            name,
            code=f"tjkjj-d{i:02d}",
            kind=Organization.Kind.DIVISION,
            parent=bureau,
            sort_order=i,
            is_legal_affairs=(name == LEGAL_AFFAIRS),
        )
    _org(
        "天津市司法局",
        short_name="市司法局",
        code="tjsfj",
        kind=Organization.Kind.JUSTICE_BUREAU,
        sort_order=100,
    )
    for i, name in enumerate(DISTRICTS, start=1):
        _org(name, code=f"district-{i:02d}", kind=Organization.Kind.DISTRICT, sort_order=200 + i)

    for prefix, kind in (
        ("津科规", NumberSeries.Kind.NORMATIVE),
        ("津科", NumberSeries.Kind.ORDINARY),
        ("津科罚", NumberSeries.Kind.PENALTY),
    ):
        NumberSeries.objects.get_or_create(organization=bureau, kind=kind, defaults={"prefix": prefix})

    for account in ACCOUNTS:
        if User.objects.filter(username=account.username).exists():
            continue
        org = Organization.objects.get(name=account.organization) if account.organization else None
        user = User(
            username=account.username,
            full_name=account.full_name,
            organization=org,
            title=account.title,
            is_staff=account.superuser,
            is_superuser=account.superuser,
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
        user.groups.set(Group.objects.filter(name__in=[r.value for r in account.roles]))

    from fazhi.demo.complaints import load_complaints
    from fazhi.demo.decisions import load_decisions
    from fazhi.demo.disputes import load_disputes
    from fazhi.demo.documents import load_documents
    from fazhi.demo.enforcement import load_enforcement
    from fazhi.demo.inspections import load_inspections
    from fazhi.demo.learning import load_learning
    from fazhi.demo.ledger import load_ledger
    from fazhi.demo.legal_publicity import load_legal_publicity
    from fazhi.demo.legislation import load_legislation
    from fazhi.demo.oversight import load_oversight
    from fazhi.demo.reports import load_reports
    from fazhi.demo.reviews import load_reviews
    from fazhi.demo.services import load_services

    notes = (
        load_reviews()
        + load_documents()
        + load_decisions()
        + load_inspections()
        + load_enforcement()
        + load_disputes()
        + load_ledger()
        + load_legal_publicity()
        + load_services()
        + load_complaints()
        + load_legislation()
        + load_oversight()
        + load_learning()
        # Last: the annual report reads the figures every other system registers.
        + load_reports()
    )
    return {"organizations": Organization.objects.count(), "users": User.objects.count(), "notes": notes}
