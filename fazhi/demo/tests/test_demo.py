from __future__ import annotations

import datetime
import json
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command
from django.test import TestCase, override_settings

from fazhi.core.models import NumberSeries, Organization, User
from fazhi.core.roles import Role
from fazhi.demo.constants import ACCOUNTS, DEMO_PASSWORD, DIVISIONS
from fazhi.demo.data import load_demo
from fazhi.disputes.stats import dispute_figures
from fazhi.enforcement.models import EnforcementCase
from fazhi.enforcement.stats import year_figures
from fazhi.ledger.stats import ledger_figures
from fazhi.legal_publicity.stats import publicity_figures
from fazhi.reviews.models import ReviewRequest
from fazhi.services.stats import service_figures


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
        bureau = Organization.objects.get(name="天津市科学技术局", parent=None)
        self.assertEqual(
            set(
                NumberSeries.objects.filter(organization__in=[bureau, *bureau.children.all()]).values_list(
                    "prefix", flat=True
                )
            ),
            {"津科规", "津科", "津科罚", "津科法审"},
        )

    def test_every_demo_draw_is_verified_alike_by_the_python_and_the_browser_verifiers(self) -> None:
        from fazhi.inspections.models import Draw
        from fazhi.inspections.tests.factories import verifier, verify_in_javascript

        draws = list(Draw.objects.select_related("plan").order_by("pk"))
        self.assertGreaterEqual(len(draws), 2)
        cases = [
            (
                draw.bundle,
                {
                    "pool": draw.plan.pool_digest,
                    "inspector": draw.plan.inspector_digest,
                    "expert": draw.plan.expert_digest,
                    "conflict": draw.plan.conflict_digest,
                },
            )
            for draw in draws
        ]
        for (bundle, expected), js in zip(cases, verify_in_javascript(cases), strict=True):
            with self.subTest(seed=bundle["seed"]):
                self.assertEqual(js, {"ok": True, "report": verifier().verify(bundle, expected)})

    def test_loading_twice_changes_nothing(self) -> None:
        before = (Organization.objects.count(), User.objects.count(), EnforcementCase.objects.count())
        load_demo()
        self.assertEqual(
            (Organization.objects.count(), User.objects.count(), EnforcementCase.objects.count()), before
        )

    def test_2021_had_no_reconsideration_or_lawsuit_but_observed_hearings(self) -> None:
        # “2021年度，我局无新发生行政诉讼和行政复议案件……组织机关干部旁听庭审”.
        figures = dispute_figures(2021)
        self.assertEqual((figures.reconsiderations, figures.litigations), (0, 0))
        self.assertEqual((figures.observations, figures.screenings), (1, 2))
        self.assertGreater(figures.observers, 0)

    def test_the_leading_group_as_the_report_describes_it(self) -> None:
        # “局党政主要负责人担任组长，3 位局领导担任副组长，局机关 18 个处室主要负责同志担任办公室成员”.
        figures = ledger_figures(2021, today=datetime.date(2021, 12, 31))
        self.assertEqual(
            (figures.group_head, figures.group_deputies, figures.group_members), ("陈局长", 3, 18)
        )

    def test_2021_legal_publicity_is_counted_from_the_activities(self) -> None:
        figures = publicity_figures(2021)
        # Drafted in 2021, adopted in 2022 (test_seed_2021).
        self.assertEqual(figures.plan_drafting, "科技系统“八五”普法规划（2021—2025年）")
        self.assertEqual((figures.activities, figures.cases_explained), (6, 1))
        self.assertGreater(figures.public, 0)
        self.assertGreater(figures.internal, 0)

    def test_five_matters_are_approved_on_commitment_with_supervision_rules(self) -> None:
        # “制定了5个承诺审批事项的事中事后监管细则”.
        figures = service_figures(2026, today=datetime.date(2026, 11, 27))
        self.assertEqual((figures.commitment_matters, figures.with_supervision_rules), (5, 5))
        self.assertEqual(figures.published, figures.matters)
        self.assertGreater(figures.delegated_powers, 0)

    def test_2021_had_no_enforcement_case_as_the_report_says(self) -> None:
        # “我局未发生重大行政处罚…及需移交司法机关的行政执法刑事案件”: counted from the records.
        figures = year_figures(2021)
        self.assertEqual((figures.filed, figures.decided, figures.major, figures.transferred), (0, 0, 0, 0))

    def test_2026_has_published_decisions_an_open_hearing_window_and_a_major_case_in_review(self) -> None:
        figures = year_figures(2026)
        self.assertEqual((figures.decided, figures.published, figures.published_in_time), (2, 2, 2))
        self.assertEqual(
            list(
                EnforcementCase.objects.order_by("decided_on")
                .exclude(decision_number="")
                .values_list("decision_number", flat=True)
            ),
            ["津科罚〔2026〕1号", "津科罚〔2026〕2号"],
        )
        person = EnforcementCase.objects.get(party_kind=EnforcementCase.PartyKind.PERSON)
        self.assertEqual(person.party_shown, "王**")
        waiting = EnforcementCase.objects.get(hearing_right=True)
        self.assertEqual(waiting.hearing_request_due_on, datetime.date(2026, 12, 1))
        (major,) = [c for c in EnforcementCase.objects.all() if c.is_major]
        self.assertTrue(
            ReviewRequest.objects.filter(subject_id=str(major.pk), subject_kind="major_enforcement").exists()
        )

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
        # No major enforcement decision: 2021 had no major penalty (test_seed_2021).
        self.assertEqual(kinds, set(ReviewRequest.SubjectKind.values) - {"major_enforcement"})

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


# Where load_demo() in setUpTestData stores its attachments: the per-test folder of conftest does
# not exist yet when a class is set up, and the files must stay out of var/.
DEMO_MEDIA: dict[str, Path] = {}


@pytest.fixture(autouse=True, scope="module")
def _demo_media_in_tmp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    DEMO_MEDIA["root"] = tmp_path_factory.mktemp("demo-media")
    with override_settings(MEDIA_ROOT=DEMO_MEDIA["root"]):
        yield


@time_machine.travel("2026-06-16 10:00 +08:00", tick=False)
class DemoDecisionTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        load_demo()

    def test_2021_has_the_five_matters_of_the_published_catalog_carried_through(self) -> None:
        from fazhi.decisions.models import DecisionCatalog, MajorDecision, PostEvaluation
        from fazhi.demo.decisions import TITLES
        from fazhi.reviews.gate import review_gate

        catalog = DecisionCatalog.objects.get(year=2021)
        self.assertEqual((catalog.status, catalog.version), ("published", 1))
        self.assertIn("党委会", catalog.approval_meeting)
        self.assertEqual(sorted(catalog.entries.values_list("title", flat=True)), sorted(TITLES))
        self.assertIn("天津市科技创新“十四五”规划", TITLES)
        for decision in MajorDecision.objects.filter(year=2021):
            with self.subTest(decision=decision.title):
                self.assertEqual(decision.stage, "published")
                consultation = decision.consultation
                self.assertTrue(consultation.comments.exists())
                self.assertFalse(consultation.comments.filter(adoption="").exists())
                self.assertIsNotNone(consultation.report_published_on)
                self.assertTrue(
                    decision.expert_opinions.filter(declared_interest=False).exclude(opinion="").exists()
                )
                self.assertTrue(decision.risk_assessments.exists())
                self.assertTrue(review_gate(decision, kind="major_decision").allowed)
                self.assertTrue(decision.head_conclusion)
                self.assertIsNotNone(decision.archived_on)
                assert decision.archived_on and decision.archive_due_on
                self.assertLessEqual(decision.archived_on, decision.archive_due_on)
                self.assertEqual(decision.execution_reports.count(), 2)
        self.assertEqual(PostEvaluation.objects.filter(decision__year=2021).count(), 1)

    def test_the_archive_package_of_a_demo_decision_unpacks_to_files_matching_its_manifest(self) -> None:
        import hashlib
        import io
        import json
        import zipfile

        from fazhi.core.models import AuditEvent
        from fazhi.decisions.archive import build_package
        from fazhi.decisions.models import MajorDecision

        decision = MajorDecision.objects.get(title="天津市科技创新“十四五”规划", year=2021)
        with self.settings(MEDIA_ROOT=DEMO_MEDIA["root"]):
            package, _manifest = build_package(decision)
        zf = zipfile.ZipFile(io.BytesIO(package))
        manifest = json.loads(zf.read("manifest.json"))
        self.assertEqual(len(manifest["files"]), 5)  # three signed opinions, the risk report, the minutes
        for entry in manifest["records"] + manifest["files"]:
            self.assertEqual(
                hashlib.sha256(zf.read(entry["path"])).hexdigest(), entry["sha256"], entry["path"]
            )
        for entry in manifest["files"]:
            self.assertEqual(AuditEvent.objects.get(seq=entry["audit_seq"]).data["sha256"], entry["sha256"])

    def test_the_current_year_has_a_published_catalog_and_an_open_consultation(self) -> None:
        import datetime

        from fazhi.decisions.models import DecisionCatalog, MajorDecision, open_consultations

        today = datetime.date(2026, 6, 16)
        self.assertEqual(DecisionCatalog.objects.get(agency__code="tjkjj", year=2026).status, "published")
        (consultation,) = open_consultations(today)
        self.assertEqual(consultation.decision.year, 2026)
        self.assertEqual(consultation.closes_on, today + datetime.timedelta(days=31))
        self.assertTrue(consultation.decision.hearings.exists())
        stages = set(
            MajorDecision.objects.filter(agency__code="tjkjj", year=2026).values_list("stage", flat=True)
        )
        self.assertEqual(stages, {"drafting", "public_participation", "legality_review"})

    def test_the_public_pages_and_api_show_the_demo(self) -> None:
        response = self.client.get("/api/v1/decisions/catalogs", {"year": 2021})
        self.assertEqual(len(response.json()["items"]), 5)
        self.assertContains(self.client.get("/decisions/catalogs/2021/"), "天津市科技创新“十四五”规划")
        self.assertContains(self.client.get("/decisions/consultations/"), "天津市基础研究多元投入实施方案")

    def test_loading_twice_changes_nothing(self) -> None:
        from fazhi.core.models import AuditEvent
        from fazhi.decisions.models import DecisionCatalog, DecisionComment, DecisionExpert, MajorDecision

        def counts() -> tuple[int, ...]:
            return (
                DecisionCatalog.objects.count(),
                MajorDecision.objects.count(),
                DecisionComment.objects.count(),
                DecisionExpert.objects.count(),
                AuditEvent.objects.filter(object_type__startswith="decisions.").count(),
            )

        before = counts()
        load_demo()
        self.assertEqual(counts(), before)


class DemoOnAnyDayTests(TestCase):
    """Issue 9: whatever the day (late December with next year missing included), the demo prints
    no remark and leaves records waiting at every stage."""

    def check_waiting_records(self) -> None:
        from django.utils import timezone

        from fazhi.decisions.models import Consultation
        from fazhi.documents.models import Filing, NormativeDocument
        from fazhi.inspections.models import InspectionPlan

        today = timezone.localdate()
        current = NormativeDocument.objects.filter(is_legacy=False)
        reviews = ReviewRequest.objects.filter(subject_type__model="normativedocument")
        self.assertTrue(reviews.filter(status__in=["submitted", "under_review"]).exists())  # in review
        self.assertTrue(
            reviews.filter(
                status__in=["concluded", "closed"],
                subject_id__in=[
                    str(pk) for pk in current.filter(status="under_review").values_list("pk", flat=True)
                ],
            ).exists()
        )  # awaiting collective deliberation
        self.assertTrue(Filing.objects.filter(status="submitted", document__is_legacy=False).exists())
        self.assertTrue(Consultation.objects.filter(opens_on__lte=today, closes_on__gte=today).exists())
        self.assertTrue(ReviewRequest.objects.filter(status="submitted").exists())  # awaiting acceptance
        self.assertTrue(InspectionPlan.objects.filter(status="published", draw_on__gt=today).exists())

    def test_on_20_december_with_next_years_calendar_missing(self) -> None:
        from fazhi.core.models import CalendarYear

        CalendarYear.objects.filter(year=2027).delete()
        with time_machine.travel("2026-12-20 10:00 +08:00", tick=False):
            self.assertEqual(load_demo()["notes"], [])
            self.check_waiting_records()

    @time_machine.travel("2026-03-02 10:00 +08:00", tick=False)
    def test_on_2_march(self) -> None:
        self.assertEqual(load_demo()["notes"], [])
        self.check_waiting_records()

    @time_machine.travel("2026-09-30 10:00 +08:00", tick=False)
    def test_on_30_september(self) -> None:
        self.assertEqual(load_demo()["notes"], [])
        self.check_waiting_records()


@time_machine.travel("2026-06-16 10:00 +08:00", tick=False)
class DemoInspectionTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.notes = load_demo()["notes"]

    def test_2021_inspected_38_units_across_both_domains_with_experts_and_no_violation(self) -> None:
        from fazhi.inspections.models import InspectionPlan, InspectionTask

        tasks = InspectionTask.objects.filter(plan__year=2021).select_related("plan__item")
        self.assertEqual(tasks.count(), 38)
        by_domain = {
            d: tasks.filter(plan__item__domain=d).count() for d in ("lab_animals", "human_genetic_resources")
        }
        self.assertEqual(by_domain, {"lab_animals": 24, "human_genetic_resources": 14})
        self.assertEqual(set(tasks.values_list("result", flat=True)), {"no_problem"})
        self.assertEqual(set(tasks.values_list("status", flat=True)), {"published"})
        for task in tasks.prefetch_related("inspectors", "experts"):
            assert task.published_on and task.publicity_due_on and task.ended_on
            self.assertEqual(task.published_on.year, 2021)
            self.assertLessEqual(task.published_on, task.publicity_due_on)
            self.assertEqual((len(task.inspectors.all()), len(task.experts.all())), (2, 1))
        self.assertEqual(
            set(InspectionPlan.objects.filter(year=2021).values_list("status", flat=True)), {"drawn"}
        )

    def test_the_2021_draws_verify_with_the_standalone_verifier(self) -> None:
        from fazhi.inspections.models import Draw
        from fazhi.inspections.tests.factories import verify

        draws = Draw.objects.filter(plan__year=2021)
        self.assertEqual(draws.count(), 2)
        for made in draws:
            with self.subTest(plan=made.plan.title):
                self.assertEqual(made.drawn_at.year, 2021)
                report = verify(made.bundle)
                self.assertIn("相符", report[-1])
                response = self.client.get(f"/api/v1/inspections/draws/{made.pk}/bundle")
                self.assertEqual(verify(json.loads(b"".join(response.streaming_content))), report)

    def test_the_registry_has_valid_codes_natural_persons_expired_certificates_and_conflicts(self) -> None:
        import datetime

        from fazhi.core.models import Inspector
        from fazhi.core.uscc import validate_uscc
        from fazhi.inspections.models import Conflict, Entity, Expert, InspectionItem

        codes = list(Entity.objects.values_list("uscc", flat=True))
        self.assertGreaterEqual(len(codes), 200)
        self.assertEqual([c for c in codes if validate_uscc(c)], [])
        self.assertEqual(
            set(Entity.objects.values_list("domain", flat=True)), {"lab_animals", "human_genetic_resources"}
        )
        self.assertEqual(len(set(Entity.objects.values_list("risk_level", flat=True))), 4)
        self.assertTrue(Entity.objects.filter(is_natural_person=True).exists())
        self.assertTrue(Entity.objects.filter(is_active=False).exists())
        today = datetime.date(2026, 6, 16)
        self.assertTrue(Inspector.objects.filter(certificate_expires_on__lt=today).exists())
        self.assertTrue(Inspector.objects.filter(user__username="officer").exists())
        self.assertTrue(Expert.objects.exists())
        self.assertTrue(Conflict.objects.filter(inspector__isnull=False).exists())
        self.assertTrue(Conflict.objects.filter(expert__isnull=False).exists())
        items = InspectionItem.objects.filter(published=True)
        self.assertEqual(
            set(items.values_list("domain", flat=True)), {"lab_animals", "human_genetic_resources"}
        )
        self.assertTrue(items.filter(name="人类遗传资源采集、保藏、利用、对外提供活动检查").exists())
        self.assertTrue(items.filter(name="实验动物生产、使用许可条件检查").exists())

    def test_the_current_plan_is_published_and_draws_with_the_demo_secrets(self) -> None:
        import datetime

        from fazhi.core.models import User
        from fazhi.demo.inspections import CURRENT_SECRETS
        from fazhi.inspections import actions
        from fazhi.inspections.draw import commitment_of
        from fazhi.inspections.models import InspectionPlan
        from fazhi.inspections.tests.factories import verify

        plan = InspectionPlan.objects.get(year=2026)
        self.assertEqual(plan.status, "published")
        self.assertEqual(plan.draw_on, datetime.date(2026, 6, 23))
        self.assertEqual(
            list(plan.contributors.values_list("commitment", flat=True)),
            [commitment_of(s) for s in CURRENT_SECRETS],
        )
        self.assertTrue(plan.exclusions.exists())  # the expired certificates
        self.assertEqual(self.notes, [])  # the secrets are in README's demo section
        self.assertNotIn("演示", plan.title)
        readme = (Path(__file__).resolve().parents[3] / "README.md").read_text(encoding="utf-8")
        self.assertIn(CURRENT_SECRETS[0], readme)
        self.assertIn(CURRENT_SECRETS[1], readme)
        self.assertContains(
            self.client.get(f"/inspections/plans/{plan.pk}/"), commitment_of(CURRENT_SECRETS[0])
        )
        with time_machine.travel("2026-06-23 09:30 +08:00", tick=False):
            made = actions.draw(
                plan, actor=User.objects.get(username="reviewer"), secrets=list(CURRENT_SECRETS)
            )
        self.assertEqual(made.selected_count, plan.tasks.count())
        self.assertIn("相符", verify(made.bundle)[-1])

    def test_the_public_pages_show_the_demo(self) -> None:
        response = self.client.get("/inspections/results/")
        self.assertEqual(response.context["page"].paginator.count, 38)
        self.assertContains(self.client.get("/inspections/"), "2021年第1批")
        self.assertEqual(self.client.get("/api/v1/inspections/draws").json()["count"], 2)

    def test_loading_twice_changes_nothing(self) -> None:
        from fazhi.core.models import AuditEvent, Inspector
        from fazhi.inspections.models import Conflict, Entity, InspectionItem, InspectionPlan, InspectionTask

        def counts() -> tuple[int, ...]:
            return (
                InspectionItem.objects.count(),
                Entity.objects.count(),
                Inspector.objects.count(),
                Conflict.objects.count(),
                InspectionPlan.objects.count(),
                InspectionTask.objects.count(),
                AuditEvent.objects.filter(verb__startswith="inspection.").count(),
            )

        before = counts()
        load_demo()
        self.assertEqual(counts(), before)
