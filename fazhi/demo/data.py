"""The demo dataset: 天津市科学技术局 with its 18 divisions, the Municipal Justice Bureau, the
districts and functional zones that receive delegated powers, one account per role, and the
number series; then a second department of the city, 天津市教育委员会, with its own divisions,
accounts, number series and a small year of its own (`demo.commission`), and the city
administrator. Each system's loader adds its records; the names they share are in
`demo.constants`. Loading is idempotent.

The bureau's loaders run before the commission exists: they pick divisions by name (two
departments each have a 政策法规处 and a 人事处 now) and draw from all divisions."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group
from django.db import transaction

from fazhi.core.models import NumberSeries, Organization, User
from fazhi.demo.commission import load_commission
from fazhi.demo.complaints import load_complaints
from fazhi.demo.constants import (
    ACCOUNTS,
    BUREAU,
    COMMISSION,
    COMMISSION_DIVISIONS,
    COMMISSION_LEGAL_AFFAIRS,
    COMMISSION_SERIES,
    COMMISSION_WORDS,
    DEMO_PASSWORD,
    DISTRICTS,
    DIVISIONS,
    JUSTICE_BUREAU,
    LEGAL_AFFAIRS,
    DemoAccount,
)
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


def _org(name: str, parent: Organization | None = None, **fields: object) -> Organization:
    org, _created = Organization.objects.get_or_create(name=name, parent=parent, defaults=fields)
    return org


def _series(organization: Organization, kind: str, prefix: str) -> None:
    """Register `prefix` for `organization` unless that organization already has a series of
    that kind or the prefix is taken."""
    if NumberSeries.objects.filter(organization=organization, kind=kind).exists():
        return
    if NumberSeries.objects.filter(prefix=prefix).exists():
        return
    NumberSeries.objects.create(organization=organization, kind=kind, prefix=prefix)


def _organization_of(account: DemoAccount) -> Organization | None:
    """A top-level organization by its name (an agency, the Justice Bureau), or a division of the
    account's department: division names are unique only within a department."""
    if account.organization is None:
        return None
    top = Organization.objects.filter(name=account.organization, parent=None).first()
    if top is not None:
        return top
    return Organization.objects.get(
        name=account.organization, parent__name=account.agency, parent__parent__isnull=True
    )


def _accounts(agencies: set[str]) -> None:
    """The demo accounts of the departments named in `agencies` (the `agency` of each account)."""
    for account in ACCOUNTS:
        if account.agency not in agencies or User.objects.filter(username=account.username).exists():
            continue
        user = User(
            username=account.username,
            full_name=account.full_name,
            organization=_organization_of(account),
            title=account.title,
            is_staff=account.superuser,
            is_superuser=account.superuser,
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
        user.groups.set(Group.objects.filter(name__in=[r.value for r in account.roles]))


def _bureau(justice_bureau: Organization) -> Organization:
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
    # The bureau's review letters (津科法审), registered before any other department's series.
    legal = Organization.objects.get(name=LEGAL_AFFAIRS, parent=bureau)
    _series(legal, NumberSeries.Kind.REVIEW_LETTER, "津科法审")
    return bureau


def _commission(justice_bureau: Organization) -> Organization:
    """天津市教育委员会: its divisions, words, filing authority and number series."""
    commission = _org(
        COMMISSION[0],
        short_name=COMMISSION[1],
        code=COMMISSION[2],
        kind=Organization.Kind.AGENCY,
        filing_authority=justice_bureau,
        sort_order=10,
        portal_intro="天津市教育委员会的行政规范性文件、重大行政决策目录和法治政府建设信息。",
        head_title=COMMISSION_WORDS["head_title"],
        leaders_title=COMMISSION_WORDS["leaders_title"],
        office_meeting=COMMISSION_WORDS["office_meeting"],
        party_meeting=COMMISSION_WORDS["party_meeting"],
    )
    for i, name in enumerate(COMMISSION_DIVISIONS, start=1):
        _org(
            name,
            code=f"{COMMISSION[2]}-d{i:02d}",
            kind=Organization.Kind.DIVISION,
            parent=commission,
            sort_order=i,
            is_legal_affairs=(name == COMMISSION_LEGAL_AFFAIRS),
        )
    normative, ordinary, penalty, letters = COMMISSION_SERIES
    _series(commission, NumberSeries.Kind.NORMATIVE, normative)
    _series(commission, NumberSeries.Kind.ORDINARY, ordinary)
    _series(commission, NumberSeries.Kind.PENALTY, penalty)
    legal = Organization.objects.get(name=COMMISSION_LEGAL_AFFAIRS, parent=commission)
    _series(legal, NumberSeries.Kind.REVIEW_LETTER, letters)
    return commission


@transaction.atomic
def load_demo() -> dict[str, Any]:
    justice_bureau = _org(
        JUSTICE_BUREAU[0],
        short_name=JUSTICE_BUREAU[1],
        code=JUSTICE_BUREAU[2],
        kind=Organization.Kind.JUSTICE_BUREAU,
        sort_order=100,
    )
    _bureau(justice_bureau)
    _accounts({BUREAU[0]})

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
        # Last of the bureau's: the annual report reads the figures every other system registers.
        + load_reports()
    )
    # The second department, its year, the Justice Bureau's leader and the city administrator.
    _commission(justice_bureau)
    _accounts({COMMISSION[0], JUSTICE_BUREAU[0], ""})
    notes += load_commission()
    return {"organizations": Organization.objects.count(), "users": User.objects.count(), "notes": notes}
