from __future__ import annotations

from io import StringIO

from django.core.management import call_command
from django.test import TestCase

from fazhi.core.models import NumberSeries, Organization, User
from fazhi.core.roles import Role
from fazhi.demo.data import ACCOUNTS, DEMO_PASSWORD, DIVISIONS, load_demo


class DemoDataTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        load_demo()

    def test_the_bureau_has_eighteen_divisions_including_legal_affairs(self) -> None:
        bureau = Organization.objects.get(name="天津市科学技术局")
        divisions = Organization.objects.filter(parent=bureau, kind=Organization.Kind.DIVISION)
        self.assertEqual(divisions.count(), 18)
        self.assertEqual(len(DIVISIONS), 18)
        self.assertEqual(divisions.get(is_legal_affairs=True).name, "政策法规处")

    def test_justice_bureau_and_delegation_recipients_exist(self) -> None:
        self.assertTrue(
            Organization.objects.filter(kind=Organization.Kind.JUSTICE_BUREAU, name="天津市司法局").exists()
        )
        self.assertTrue(
            Organization.objects.filter(kind=Organization.Kind.DISTRICT, name="滨海新区").exists()
        )

    def test_every_role_has_a_demo_account_that_can_log_in(self) -> None:
        covered = {role for account in ACCOUNTS for role in account.roles}
        self.assertEqual(covered, set(Role))
        for account in ACCOUNTS:
            user = User.objects.get(username=account.username)
            self.assertTrue(user.check_password(DEMO_PASSWORD), account.username)
        self.assertTrue(User.objects.get(username="admin").is_superuser)

    def test_number_series_of_the_bureau(self) -> None:
        self.assertEqual(set(NumberSeries.objects.values_list("prefix", flat=True)), {"津科规", "津科"})

    def test_loading_twice_changes_nothing(self) -> None:
        before = (Organization.objects.count(), User.objects.count())
        load_demo()
        self.assertEqual((Organization.objects.count(), User.objects.count()), before)

    def test_demo_command_prints_the_logins(self) -> None:
        out = StringIO()
        call_command("demo", stdout=out)
        self.assertIn(DEMO_PASSWORD, out.getvalue())
        self.assertIn("director", out.getvalue())


class DemoReviewTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        load_demo()

    def test_2021_has_sixty_odd_matters_and_nearly_two_hundred_opinions(self) -> None:
        from fazhi.reviews.models import ReviewOpinion, ReviewRequest

        concluded = ReviewRequest.objects.concluded_in(2021)
        self.assertEqual(concluded.count(), 63)
        self.assertEqual(ReviewOpinion.objects.filter(review__in=concluded).count(), 196)
        kinds = set(concluded.values_list("subject_kind", flat=True))
        self.assertEqual(kinds, set(ReviewRequest.SubjectKind.values))

    def test_the_current_year_has_requests_in_each_workbench_state(self) -> None:
        from fazhi.reviews.models import ReviewRequest

        states = set(ReviewRequest.objects.filter(concluded_on__isnull=True).values_list("status", flat=True))
        self.assertTrue({"draft", "submitted", "returned"} <= states)


class DemoDocumentTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        load_demo()

    def test_2021_has_five_documents_all_filed_on_time(self) -> None:
        from fazhi.documents.stats import filing_stats

        stats = filing_stats(2021)
        self.assertEqual((stats.issued, stats.filed, stats.filed_on_time), (5, 5, 5))
        self.assertEqual(stats.filing_rate, 1)
        self.assertEqual(stats.timeliness_rate, 1)

    def test_the_history_has_amended_repealed_expired_and_invalid_documents(self) -> None:
        from fazhi.documents.models import ValidityEvent

        kinds = set(ValidityEvent.objects.values_list("kind", flat=True))
        self.assertTrue({"amended", "repealed", "expired", "declared_invalid"} <= kinds)

    def test_documents_of_the_current_year_are_in_progress(self) -> None:
        from fazhi.documents.models import NormativeDocument

        self.assertTrue(NormativeDocument.objects.filter(is_legacy=False, status="drafting").exists())
