"""The second department of the demo (issue 12): 天津市教育委员会 with its own divisions, accounts,
number series and a small year 2026 of its own, made through the actions by its own people."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.test import TestCase, override_settings
from django.utils import timezone

from fazhi.core.agencies import agencies, filing_authority_of, wording
from fazhi.core.models import AuditEvent, NumberSeries, Organization, User
from fazhi.core.permissions import can_manage_laws, can_manage_rulebook
from fazhi.core.roles import Role
from fazhi.decisions.models import DecisionCatalog, MajorDecision
from fazhi.demo.commission import CONTRACT, DOCUMENTS
from fazhi.demo.constants import ACCOUNTS, COMMISSION, DEMO_PASSWORD
from fazhi.demo.data import load_demo
from fazhi.documents.models import Filing, NormativeDocument
from fazhi.reviews.models import ReviewRequest

MEDIA: dict[str, Path] = {}


@pytest.fixture(autouse=True, scope="module")
def _demo_media_in_tmp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    MEDIA["root"] = tmp_path_factory.mktemp("commission-media")
    with override_settings(MEDIA_ROOT=MEDIA["root"]):
        yield


class CommissionDemoTests(TestCase):
    commission: Organization
    justice_bureau: Organization

    @classmethod
    def setUpTestData(cls) -> None:
        load_demo()
        cls.commission = Organization.objects.get(name=COMMISSION[0], parent=None)
        cls.justice_bureau = Organization.objects.get(name="天津市司法局", parent=None)

    def test_the_city_has_two_departments_filing_with_the_justice_bureau(self) -> None:
        self.assertEqual(list(agencies().values_list("code", flat=True)), ["tjkjj", "tjjw"])
        self.assertEqual(filing_authority_of(self.commission), self.justice_bureau)
        words = wording(self.commission)
        self.assertEqual(
            (words.short_name, words.head, words.leaders, words.office_meeting, words.party_meeting),
            ("市教委", "主任", "委领导", "主任办公会", "党组会"),
        )
        legal = self.commission.legal_affairs_division()
        assert legal is not None
        self.assertEqual(legal.name, "政策法规处")
        # The bureau has a 政策法规处 of the same name: names are unique per agency.
        self.assertEqual(Organization.objects.filter(name="政策法规处").count(), 2)
        self.assertTrue(self.commission.children.filter(name="人事处").exists())

    def test_each_department_has_its_own_number_series(self) -> None:
        def prefixes(agency: Organization) -> set[str]:
            return set(
                NumberSeries.objects.filter(organization__in=[agency, *agency.children.all()]).values_list(
                    "prefix", flat=True
                )
            )

        bureau = Organization.objects.get(name="天津市科学技术局", parent=None)
        self.assertEqual(prefixes(bureau), {"津科规", "津科", "津科罚", "津科法审"})
        self.assertEqual(prefixes(self.commission), {"津教规", "津教", "津教罚", "津教法审"})
        letters = NumberSeries.objects.get(prefix="津教法审")
        self.assertEqual(letters.organization, self.commission.legal_affairs_division())

    def test_the_commission_has_one_account_per_role_and_the_city_an_administrator(self) -> None:
        commission_accounts = [a for a in ACCOUNTS if a.username.startswith("jw_")]
        self.assertEqual(
            {role for a in commission_accounts for role in a.roles},
            {
                Role.DIVISION_STAFF,
                Role.DIVISION_HEAD,
                Role.LEGAL_REVIEWER,
                Role.LEADERSHIP,
                Role.ENFORCEMENT_OFFICER,
                Role.PERSONNEL,
                Role.SYSTEM_ADMIN,
            },
        )
        for account in commission_accounts:
            user = User.objects.get(username=account.username)
            self.assertTrue(user.check_password(DEMO_PASSWORD))
            assert user.organization is not None
            self.assertEqual(user.organization.agency, self.commission, account.username)
        self.assertEqual(User.objects.get(username="jw_reviewer").organization.is_legal_affairs, True)
        city_admin = User.objects.get(username="city_admin")
        self.assertTrue(city_admin.has_role(Role.CITY_ADMIN))
        self.assertFalse(city_admin.is_superuser)
        # The calendar, the rule book and the register of laws are the city's: its administrator
        # keeps them, a department's administrator only reads them.
        self.assertTrue(can_manage_rulebook(city_admin) and can_manage_laws(city_admin))
        jw_admin = User.objects.get(username="jw_admin")
        self.assertFalse(can_manage_rulebook(jw_admin) or can_manage_laws(jw_admin))
        leader = User.objects.get(username="sfj_leader")
        self.assertTrue(leader.has_role(Role.LEADERSHIP))
        self.assertEqual(leader.organization, self.justice_bureau)

    def test_its_documents_are_numbered_in_its_series_and_filed_with_the_justice_bureau(self) -> None:
        documents = NormativeDocument.objects.filter(agency=self.commission).order_by("number")
        self.assertEqual([d.title for d in documents], [spec.title for spec in DOCUMENTS])
        self.assertEqual(
            [d.number for d in documents], [f"津教规〔2026〕{n}号" for n in range(1, len(DOCUMENTS) + 1)]
        )
        for document in documents:
            with self.subTest(document=document.title):
                self.assertEqual(document.status, NormativeDocument.Status.PUBLISHED)
                self.assertEqual(document.division.agency, self.commission)
                self.assertEqual(document.meeting_name, "主任办公会")
                self.assertEqual(document.signed_by, "沈主任")
                filing = Filing.objects.get(document=document)
                self.assertEqual(filing.authority, self.justice_bureau)
                self.assertEqual(filing.submitted_by.username, "jw_reviewer")
                review = ReviewRequest.objects.get(
                    subject_type__model="normativedocument", subject_id=str(document.pk)
                )
                self.assertEqual(review.division.agency, self.commission)
                assert review.concluded_by is not None
                self.assertEqual(review.concluded_by.username, "jw_reviewer")
        statuses = list(
            Filing.objects.filter(document__agency=self.commission).values_list("status", flat=True)
        )
        self.assertEqual(sorted(statuses), ["filed", "submitted", "submitted"])
        filed = Filing.objects.get(document__agency=self.commission, status="filed")
        assert filed.decided_by is not None
        self.assertEqual(filed.decided_by.username, "filing")
        # The bureau's own documents keep the bureau's series.
        self.assertFalse(
            NormativeDocument.objects.exclude(agency=self.commission)
            .filter(number__startswith="津教")
            .exists()
        )

    def test_a_contract_reviewed_by_its_own_legal_affairs_division(self) -> None:
        review = ReviewRequest.objects.get(title=CONTRACT)
        self.assertEqual(review.division.agency, self.commission)
        self.assertEqual((review.status, review.conclusion), ("closed", "lawful_with_changes"))
        self.assertEqual(list(review.opinions.values_list("response", flat=True)), ["adopted"])

    def test_its_letters_are_numbered_in_its_own_series(self) -> None:
        reviews = ReviewRequest.objects.filter(concluded_on__isnull=False, **{"agency": self.commission})
        self.assertEqual(reviews.count(), len(DOCUMENTS) + 1)
        for review in reviews:
            self.assertTrue(review.letter_number.startswith("津教法审〔2026〕"), review.letter_number)

    def test_its_decision_catalog_of_the_year_is_published(self) -> None:
        catalog = DecisionCatalog.objects.get(agency=self.commission, year=2026)
        self.assertEqual(catalog.status, "published")
        self.assertIn("党组会", catalog.approval_meeting)
        self.assertEqual(catalog.entries.count(), 2)
        self.assertEqual(
            set(MajorDecision.objects.filter(agency=self.commission).values_list("stage", flat=True)),
            {"drafting"},
        )
        # The bureau's catalog of the current year is its own.
        year = timezone.localdate().year
        self.assertTrue(DecisionCatalog.objects.filter(agency__code="tjkjj", year=year).exists())

    def test_the_public_policy_list_filters_by_department(self) -> None:
        response = self.client.get("/policies/", {"dept": "tjjw"})
        self.assertContains(response, DOCUMENTS[0].title)

    def test_loading_twice_changes_nothing(self) -> None:
        def counts() -> tuple[int, ...]:
            return (
                Organization.objects.count(),
                User.objects.count(),
                NumberSeries.objects.count(),
                NormativeDocument.objects.count(),
                ReviewRequest.objects.count(),
                Filing.objects.count(),
                DecisionCatalog.objects.count(),
                MajorDecision.objects.count(),
                AuditEvent.objects.count(),
            )

        before = counts()
        self.assertEqual(load_demo()["notes"], [])
        self.assertEqual(counts(), before)
