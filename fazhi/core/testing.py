"""Shared test personas, built once per test class with setUpTestData."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from django.contrib.auth.models import Group
from django.test import TestCase

from fazhi.core.models import Organization, User
from fazhi.core.roles import Role

PASSWORD = "Fazhi-test-pass-2026"  # noqa: S105 - the test personas' password


def make_user(
    username: str, *, org: Organization | None, roles: list[Role], full_name: str = "", **extra: Any
) -> User:
    user = User.objects.create_user(
        username=username, password=PASSWORD, organization=org, full_name=full_name or username, **extra
    )
    for role in roles:
        user.groups.add(Group.objects.get(name=role.value))
    return user


class BaseTestCase(TestCase):
    """The bureau, two divisions, the Justice Bureau, and one person per role."""

    bureau: Organization
    legal_division: Organization
    sci_division: Organization
    other_division: Organization
    justice_bureau: Organization
    drafter: User
    division_head: User
    reviewer: User
    advisor: User
    director: User
    outsider: User
    officer: User
    filing_officer: User
    admin_user: User
    city_admin: User

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.justice_bureau = Organization.objects.create(
            name="天津市司法局", code="tjsfj", kind="justice_bureau"
        )
        cls.bureau = Organization.objects.create(
            name="天津市科学技术局",
            short_name="市科技局",
            code="tjkjj",
            kind="agency",
            head_title="局长",
            leaders_title="局领导",
            office_meeting="局长办公会",
            party_meeting="局党委会",
            filing_authority=cls.justice_bureau,
        )
        cls.legal_division = Organization.objects.create(
            name="政策法规处", code="zcfgc", kind="division", parent=cls.bureau, is_legal_affairs=True
        )
        cls.sci_division = Organization.objects.create(
            name="基础研究处", code="jcyjc", kind="division", parent=cls.bureau
        )
        cls.other_division = Organization.objects.create(
            name="科技监督与诚信建设处", code="jdcxc", kind="division", parent=cls.bureau
        )
        # A drafter in a business division: writes documents and submits them.
        cls.drafter = make_user(
            "drafter", org=cls.sci_division, roles=[Role.DIVISION_STAFF], full_name="张起草"
        )
        # The head of the drafter's division: signs off the division's submissions.
        cls.division_head = make_user(
            "divhead", org=cls.sci_division, roles=[Role.DIVISION_HEAD], full_name="李处长"
        )
        # The legal affairs reviewer in 政策法规处: runs legality reviews and numbering.
        cls.reviewer = make_user(
            "reviewer", org=cls.legal_division, roles=[Role.LEGAL_REVIEWER], full_name="王审核"
        )
        # An external legal advisor engaged by the bureau.
        cls.advisor = make_user("advisor", org=None, roles=[Role.LEGAL_ADVISOR], full_name="赵律师")
        # The director: chairs the office meeting and decides.
        cls.director = make_user("director", org=cls.bureau, roles=[Role.LEADERSHIP], full_name="陈局长")
        # A staff member of another division: must not see the drafter's division's records.
        cls.outsider = make_user(
            "outsider", org=cls.other_division, roles=[Role.DIVISION_STAFF], full_name="孙其他"
        )
        # An enforcement officer with a certificate.
        cls.officer = make_user(
            "officer", org=cls.other_division, roles=[Role.ENFORCEMENT_OFFICER], full_name="周执法"
        )
        # A filing officer of the Municipal Justice Bureau: receives every agency's filings.
        cls.filing_officer = make_user(
            "filing", org=cls.justice_bureau, roles=[Role.FILING_OFFICER], full_name="吴备案"
        )
        # The bureau's system administrator: its divisions, accounts, numbering and audit trail.
        cls.admin_user = make_user("sysadmin", org=cls.bureau, roles=[Role.SYSTEM_ADMIN], full_name="郑管理")
        # The city administrator (of no department): departments, and the registers every
        # department shares — the calendar, the rule book and the register of laws.
        cls.city_admin = make_user("cityadmin", org=None, roles=[Role.CITY_ADMIN], full_name="全市管理")
        # (An anonymous citizen is simply a client that has not logged in.)

    def login(self, user: User) -> None:
        self.client.force_login(user)


class Department(SimpleNamespace):
    """A second department of the city with its own divisions, one person per role and its own
    number series (issue 12): `agency`, `legal_division`, `division`, `other_division`,
    `drafter`, `division_head`, `reviewer`, `director`, `officer`, `personnel`, `admin_user`."""

    agency: Organization
    legal_division: Organization
    division: Organization
    other_division: Organization
    drafter: User
    division_head: User
    reviewer: User
    director: User
    officer: User
    personnel: User
    admin_user: User


def make_department(
    *,
    name: str = "天津市教育委员会",
    short_name: str = "市教委",
    code: str = "tjjw",
    series: str = "津教",
    filing_authority: Organization | None = None,
) -> Department:
    """Create a department like the bureau of `BaseTestCase`, with divisions of the same names
    as the bureau's (名称 is unique per parent), users named `<code>_<role>` and the number
    series 津教规 / 津教 / 津教罚 / 津教法审."""
    from fazhi.core.models import NumberSeries

    agency = Organization.objects.create(
        name=name,
        short_name=short_name,
        code=code,
        kind="agency",
        head_title="主任",
        leaders_title="委领导",
        office_meeting="主任办公会",
        party_meeting="党组会",
        filing_authority=filing_authority
        or Organization.objects.filter(kind="justice_bureau", parent__isnull=True).order_by("id").first(),
        sort_order=10,
    )
    legal = Organization.objects.create(
        name="政策法规处", code=f"{code}-zcfgc", kind="division", parent=agency, is_legal_affairs=True
    )
    division = Organization.objects.create(
        name="基础研究处", code=f"{code}-jcyjc", kind="division", parent=agency
    )
    other = Organization.objects.create(
        name="科技监督与诚信建设处", code=f"{code}-jdcxc", kind="division", parent=agency
    )
    personnel_division = Organization.objects.create(
        name="人事处", code=f"{code}-rsc", kind="division", parent=agency
    )
    for suffix, kind, owner in (
        ("规", NumberSeries.Kind.NORMATIVE, agency),
        ("", NumberSeries.Kind.ORDINARY, agency),
        ("罚", NumberSeries.Kind.PENALTY, agency),
        ("法审", NumberSeries.Kind.REVIEW_LETTER, legal),
    ):
        NumberSeries.objects.create(organization=owner, kind=kind, prefix=f"{series}{suffix}")
    return Department(
        agency=agency,
        legal_division=legal,
        division=division,
        other_division=other,
        drafter=make_user(f"{code}_drafter", org=division, roles=[Role.DIVISION_STAFF], full_name="教起草"),
        division_head=make_user(
            f"{code}_divhead", org=division, roles=[Role.DIVISION_HEAD], full_name="教处长"
        ),
        reviewer=make_user(f"{code}_reviewer", org=legal, roles=[Role.LEGAL_REVIEWER], full_name="教审核"),
        director=make_user(f"{code}_director", org=agency, roles=[Role.LEADERSHIP], full_name="教主任"),
        officer=make_user(f"{code}_officer", org=other, roles=[Role.ENFORCEMENT_OFFICER], full_name="教执法"),
        personnel=make_user(
            f"{code}_personnel", org=personnel_division, roles=[Role.PERSONNEL], full_name="教人事"
        ),
        admin_user=make_user(f"{code}_admin", org=agency, roles=[Role.SYSTEM_ADMIN], full_name="教管理"),
    )


def without_calendar_year(year: int) -> None:
    """Make `year` absent from the calendar for this test (it may have been entered for a
    shifted-clock run, see fazhi/conftest.py): its deadlines are then pending."""
    from fazhi.core.models import CalendarYear

    CalendarYear.objects.filter(year=year).delete()


def enter_year_from_notice(year: int, actor: Any) -> dict[str, int]:
    """Enter `year` as an administrator pastes its notice (the test notices of
    core/tests/notices.py); returns what each app's filler stored."""
    from fazhi.core.holiday_notice import import_year, parse_notice
    from fazhi.core.tests import notices

    text = getattr(notices, f"NOTICE_{year}")
    return import_year(
        parse_notice(text), source=f"国务院办公厅关于{year}年部分节假日安排的通知", actor=actor, text=text
    )
