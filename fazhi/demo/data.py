"""The demo dataset: 天津市科学技术局 with its 18 divisions, the Municipal Justice Bureau, the
districts and functional zones that receive delegated powers, one account per role, and the
number series. Each system's loader adds its records; the names they share are in
`demo.constants`. Loading is idempotent."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group
from django.db import transaction

from fazhi.core.models import NumberSeries, Organization, User
from fazhi.demo.complaints import load_complaints
from fazhi.demo.constants import ACCOUNTS, BUREAU, DEMO_PASSWORD, DISTRICTS, DIVISIONS, LEGAL_AFFAIRS
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


def _org(name: str, **fields: object) -> Organization:
    org, _created = Organization.objects.get_or_create(
        name=name, parent=fields.pop("parent", None), defaults=fields
    )
    return org


@transaction.atomic
def load_demo() -> dict[str, Any]:
    justice_bureau = _org(
        "天津市司法局",
        short_name="市司法局",
        code="tjsfj",
        kind=Organization.Kind.JUSTICE_BUREAU,
        sort_order=100,
    )
    bureau = _org(
        BUREAU[0],
        short_name=BUREAU[1],
        code=BUREAU[2],
        kind=Organization.Kind.AGENCY,
        head_title="局长",
        leaders_title="局领导",
        office_meeting="局长办公会",
        party_meeting="局党委会",
        filing_authority=justice_bureau,
    )
    for i, name in enumerate(DIVISIONS, start=1):
        _org(
            name,
            code=f"tjkjj-d{i:02d}",
            kind=Organization.Kind.DIVISION,
            parent=bureau,
            sort_order=i,
            is_legal_affairs=(name == LEGAL_AFFAIRS),
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
