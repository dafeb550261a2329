from __future__ import annotations

import datetime
import hashlib
from typing import Any

import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.core import captcha
from fazhi.core.models import AuditEvent
from fazhi.core.workflow import LegalGateClosed
from fazhi.decisions import actions
from fazhi.decisions.models import DecisionCatalog, DecisionComment, MajorDecision
from fazhi.decisions.tests.factories import (
    at,
    decided,
    through_expert_and_risk,
    through_participation,
    through_review,
)
from fazhi.decisions.tests.test_actions import DecisionTestCase
from fazhi.reviews import actions as review_actions
from fazhi.reviews.models import ReviewRequest

D = datetime.date
G = MajorDecision.Stage


class PublicTestCase(DecisionTestCase):
    def setUp(self) -> None:
        super().setUp()
        cache.clear()  # the rate limits live in the cache, which outlives a test

    def catalog_with_adjustment(self) -> tuple[MajorDecision, MajorDecision, MajorDecision, DecisionCatalog]:
        """v1 (5 January) with two matters; v2 (1 June) adds one and removes one."""
        with at("2026-01-05"):
            kept, dropped = (
                actions.propose_decision(
                    actor=self.drafter, year=2026, title=t, legal_basis="法", reason="因"
                )
                for t in ("天津市科技创新“十五五”规划", "天津市基础研究十年行动方案")
            )
            v1 = actions.create_catalog(actor=self.reviewer, agency=self.bureau, year=2026)
            actions.add_to_catalog(v1, kept, actor=self.reviewer)
            actions.add_to_catalog(v1, dropped, actor=self.reviewer)
            actions.approve_catalog(v1, actor=self.reviewer, meeting="局党委会", approved_on=D(2026, 1, 5))
            actions.publish_catalog(v1, actor=self.reviewer)
        with at("2026-06-01"):
            added = actions.propose_decision(
                actor=self.drafter,
                year=2026,
                title="天津市科技成果转化三年行动计划",
                legal_basis="法",
                reason="新增",
            )
            v2 = actions.adjust_catalog(v1, actor=self.reviewer, note="年中调整：基础研究方案并入规划")
            actions.add_to_catalog(v2, added, actor=self.reviewer)
            actions.remove_from_catalog(v2, dropped, actor=self.reviewer, reason="并入十五五规划")
            actions.approve_catalog(
                v2, actor=self.reviewer, meeting="局党委会（第6次）", approved_on=D(2026, 6, 1)
            )
            actions.publish_catalog(v2, actor=self.reviewer)
        return kept, dropped, added, v2

    def several(self, *titles: str) -> list[MajorDecision]:
        """Matters put in one catalog on 5 January, each with its draft and procedures started."""
        with at("2026-01-05"):
            decisions = [
                actions.propose_decision(
                    actor=self.drafter, year=2026, title=t, legal_basis="法", reason="因"
                )
                for t in titles
            ]
            catalog = actions.create_catalog(actor=self.reviewer, agency=self.bureau, year=2026)
            for decision in decisions:
                actions.add_to_catalog(catalog, decision, actor=self.reviewer)
            actions.approve_catalog(
                catalog, actor=self.reviewer, meeting="局党委会", approved_on=D(2026, 1, 5)
            )
            actions.publish_catalog(catalog, actor=self.reviewer)
            for decision in decisions:
                decision.refresh_from_db()
                actions.save_draft(
                    decision, actor=self.drafter, draft_text="规划正文……", explanation="起草说明……"
                )
                actions.start_procedures(decision, actor=self.drafter)
                decision.refresh_from_db()
        return decisions

    def open_consultation(self, decision: MajorDecision | None = None, **kwargs: Any) -> Any:
        decision = decision or self.new()
        with at("2026-01-06"):
            return actions.open_consultation(
                decision, actor=self.drafter, closes_on=kwargs.pop("closes_on", D(2026, 2, 10)), **kwargs
            )

    def url(self, consultation: Any) -> str:
        return f"/decisions/consultations/{consultation.pk}/"

    def challenge(self, consultation: Any) -> tuple[str, int]:
        """Open the page as a citizen and read the question's key and its answer."""
        response = self.client.get(self.url(consultation))
        self.assertEqual(response.status_code, 200)
        key = response.context["challenge"].key
        answer = captcha.answer_for(self.client.session, key)
        assert answer is not None
        return key, answer

    def comment(self, consultation: Any, text: str = "建议增加人才引进目标", **extra: Any) -> Any:
        key, answer = self.challenge(consultation)
        data = {"text": text, "author_name": "王先生", "captcha_key": key, "captcha_answer": str(answer)}
        data.update(extra)
        return self.client.post(self.url(consultation), data)


class IndexTests(PublicTestCase):
    def test_the_index_lists_catalogs_open_consultations_and_published_decisions(self) -> None:
        published, pending = self.several("天津市科技创新“十四五”规划", "天津市概念验证中心建设实施方案")
        published = through_expert_and_risk(
            through_participation(published, self.drafter), self.drafter, self.expert
        )
        published = decided(
            through_review(published, self.drafter, self.reviewer, self.counsel), self.director
        )
        with at("2026-03-05"):
            actions.publish_decision(
                published, actor=self.reviewer, published_on=D(2026, 3, 5), channel="局网站"
            )
            consultation = actions.open_consultation(pending, actor=self.drafter, closes_on=D(2026, 4, 10))
        with at("2026-03-10"):
            response = self.client.get("/decisions/")
        self.assertContains(response, "2026年度重大行政决策事项目录")
        self.assertContains(response, f'href="/decisions/{published.pk}/"')
        self.assertContains(response, f'href="/decisions/consultations/{consultation.pk}/"')
        self.assertContains(response, "截止：2026年4月10日")
        self.assertContains(response, "关于《天津市科技创新“十四五”规划》征求意见采纳情况")

    def test_the_index_runs_five_queries(self) -> None:
        # The catalogs, open consultations, reports, decisions and the departments of the filter.
        kept, _dropped, _added, _v2 = self.catalog_with_adjustment()
        with at("2026-06-02"):
            actions.save_draft(kept, actor=self.drafter, draft_text="规划正文", explanation="说明")
            actions.start_procedures(kept, actor=self.drafter)
            actions.open_consultation(kept, actor=self.drafter, closes_on=D(2026, 7, 10))
        with at("2026-06-20"), self.assertNumQueries(5):
            response = self.client.get("/decisions/")
        self.assertEqual(len(response.context["open"]), 1)


class CatalogPageTests(PublicTestCase):
    def test_the_catalog_shows_the_latest_published_version_and_the_changes(self) -> None:
        kept, dropped, added, v2 = self.catalog_with_adjustment()
        # A third version in preparation is not public.
        with at("2026-06-10"):
            pending = actions.propose_decision(
                actor=self.drafter, year=2026, title="尚未审议的新增事项", legal_basis="法", reason="因"
            )
            v3 = actions.adjust_catalog(v2, actor=self.reviewer, note="再次调整")
            actions.add_to_catalog(v3, pending, actor=self.reviewer)
        response = self.client.get("/decisions/catalogs/2026/")
        self.assertEqual(response.status_code, 200)
        current = response.context["current"]
        self.assertEqual(current.catalog, v2)
        self.assertEqual([e.title for e in current.items], [kept.title, added.title])
        self.assertContains(response, "现行目录为第2版")
        self.assertContains(response, "年中调整：基础研究方案并入规划")
        html = response.content.decode()
        self.assertIn(f"<del>{dropped.title}</del>", html)
        self.assertRegex(html, r'badge-ok">新增</span> 天津市科技成果转化三年行动计划')
        self.assertRegex(html, r'badge-bad">调出</span> 天津市基础研究十年行动方案')
        self.assertContains(response, "首次公布")
        self.assertContains(response, "起草中")  # the stage each matter has reached
        self.assertContains(response, "基础研究处")
        self.assertNotContains(response, "尚未审议的新增事项")
        self.assertNotContains(response, "再次调整")

    def test_a_change_of_text_between_versions_shows_as_a_change(self) -> None:
        from fazhi.decisions.models import CatalogEntry
        from fazhi.decisions.public_views import changes_between

        before = CatalogEntry(
            decision_id=1, title="旧名称", lead_division_name="基础研究处", planned_end=None
        )
        after = CatalogEntry(decision_id=1, title="新名称", lead_division_name="基础研究处", planned_end=None)
        (change,) = changes_between([after], [before])
        self.assertEqual((change.kind, change.label), ("changed", "变更"))
        self.assertEqual(change.fields, [("决策事项", "旧名称", "新名称")])
        self.assertEqual(changes_between([after], None), [])

    def test_an_unpublished_catalog_is_not_shown(self) -> None:
        with at("2026-01-05"):
            decision = actions.propose_decision(
                actor=self.drafter, year=2026, title="审议中的事项", legal_basis="法", reason="因"
            )
            catalog = actions.create_catalog(actor=self.reviewer, agency=self.bureau, year=2026)
            actions.add_to_catalog(catalog, decision, actor=self.reviewer)
            actions.approve_catalog(
                catalog, actor=self.reviewer, meeting="局党委会", approved_on=D(2026, 1, 5)
            )
        response = self.client.get("/decisions/catalogs/2026/")
        self.assertContains(response, "2026年度重大行政决策事项目录尚未公布")
        self.assertNotContains(response, "审议中的事项")

    def test_a_year_out_of_range_is_not_found(self) -> None:
        for year in (1999, 2100, 10**20):
            with self.subTest(year=year):
                self.assertEqual(self.client.get(f"/decisions/catalogs/{year}/").status_code, 404)

    def test_the_catalog_page_runs_five_queries(self) -> None:
        # The departments with a catalog of the year, the versions, the entries, the years and
        # the departments of the filter.
        self.catalog_with_adjustment()
        with self.assertNumQueries(5):
            self.client.get("/decisions/catalogs/2026/")


class ConsultationPageTests(PublicTestCase):
    def test_the_open_consultation_shows_the_draft_the_window_and_the_form(self) -> None:
        consultation = self.open_consultation()
        with at("2026-01-20"):
            response = self.client.get(self.url(consultation))
        self.assertContains(response, "规划正文……")
        self.assertContains(response, "起草说明……")
        self.assertContains(response, "征求意见期：2026年1月6日 至 2026年2月10日")
        self.assertNotContains(response, "征求意见期限缩短的理由")
        html = response.content.decode()
        for name in ("text", "author_name", "captcha_key", "captcha_answer", "website"):
            self.assertIn(f'name="{name}"', html)
        key = response.context["challenge"].key
        self.assertIn(f'src="/decisions/captcha/{key}.png"', html)
        self.assertIn(response.context["challenge"].question, html)

    def test_the_shortened_window_reason_is_shown(self) -> None:
        consultation = self.open_consultation(closes_on=D(2026, 1, 20), short_reason="落实市委部署，时间紧迫")
        with at("2026-01-10"):
            response = self.client.get(self.url(consultation))
        self.assertContains(response, "征求意见期限缩短的理由")
        self.assertContains(response, "落实市委部署，时间紧迫")
        self.assertContains(response, "国务院令第713号")
        with at("2026-01-10"):
            self.assertContains(self.client.get("/decisions/consultations/"), "落实市委部署，时间紧迫")

    def test_the_hearing_notice_shows_date_place_and_participants(self) -> None:
        consultation = self.open_consultation()
        with at("2026-01-06"):
            actions.schedule_hearing(
                consultation.decision,
                actor=self.drafter,
                held_on=D(2026, 1, 20),
                place="市科技局三楼会议室",
                participants="企业代表3名、专家2名、市民代表2名",
            )
        with at("2026-01-07"):
            response = self.client.get(self.url(consultation))
        self.assertContains(response, "听证会公告")
        self.assertContains(response, "2026年1月20日")
        self.assertContains(response, "市科技局三楼会议室")
        self.assertContains(response, "企业代表3名、专家2名、市民代表2名")

    def test_a_citizen_comments_with_the_right_answer(self) -> None:
        consultation = self.open_consultation()
        with at("2026-01-20"):
            response = self.comment(consultation)
            self.assertRedirects(response, self.url(consultation), fetch_redirect_response=False)
            page = self.client.get(self.url(consultation))
        self.assertContains(page, "您的意见已提交")
        comment = DecisionComment.objects.get()
        self.assertEqual((comment.text, comment.author_name), ("建议增加人才引进目标", "王先生"))

    def test_the_accessible_text_question_is_accepted_in_full_width_digits(self) -> None:
        consultation = self.open_consultation()
        with at("2026-01-20"):
            key, answer = self.challenge(consultation)
            full_width = str(answer).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
            response = self.client.post(
                self.url(consultation), {"text": "意见", "captcha_key": key, "captcha_answer": full_width}
            )
        self.assertEqual(response.status_code, 302)

    def assertRefusedWithCommentKept(self, response: Any, message: str) -> None:
        self.assertEqual(response.status_code, 400)
        html = response.content.decode()
        self.assertIn(message, html)
        self.assertRegex(html, r'<textarea name="text"[^>]*>\s*我的意见：加强基础研究</textarea>')
        self.assertIn('value="王先生"', html)
        self.assertEqual(DecisionComment.objects.count(), 0)

    def test_a_wrong_answer_is_refused_next_to_the_field_with_the_comment_kept(self) -> None:
        consultation = self.open_consultation()
        with at("2026-01-20"):
            key, answer = self.challenge(consultation)
            response = self.client.post(
                self.url(consultation),
                {
                    "text": "我的意见：加强基础研究",
                    "author_name": "王先生",
                    "captcha_key": key,
                    "captcha_answer": str(answer + 1),
                },
            )
        self.assertRefusedWithCommentKept(response, "验证题答案不正确")
        self.assertIn('id="id_captcha_answer_error"', response.content.decode())
        # A new question replaces the used one.
        self.assertNotEqual(response.context["challenge"].key, key)

    def test_an_expired_answer_is_refused(self) -> None:
        consultation = self.open_consultation()
        with at("2026-01-20"):
            key, answer = self.challenge(consultation)
        with time_machine.travel("2026-01-20 10:31 +08:00", tick=False):
            response = self.client.post(
                self.url(consultation),
                {
                    "text": "我的意见：加强基础研究",
                    "author_name": "王先生",
                    "captcha_key": key,
                    "captcha_answer": str(answer),
                },
            )
        self.assertRefusedWithCommentKept(response, "验证题已过期")

    def test_a_used_question_cannot_be_answered_again(self) -> None:
        consultation = self.open_consultation()
        with at("2026-01-20"):
            key, answer = self.challenge(consultation)
            data = {
                "text": "我的意见：加强基础研究",
                "author_name": "王先生",
                "captcha_key": key,
                "captcha_answer": str(answer),
            }
            self.assertEqual(self.client.post(self.url(consultation), data).status_code, 302)
            DecisionComment.objects.all().delete()
            response = self.client.post(self.url(consultation), data)
        self.assertRefusedWithCommentKept(response, "验证题已失效")

    def test_a_missing_text_is_said_next_to_the_field(self) -> None:
        consultation = self.open_consultation()
        with at("2026-01-20"):
            key, answer = self.challenge(consultation)
            response = self.client.post(
                self.url(consultation), {"captcha_key": key, "captcha_answer": str(answer)}
            )
        self.assertContains(response, "请填写意见和建议", status_code=400)

    def test_the_honeypot_keeps_nothing(self) -> None:
        consultation = self.open_consultation()
        with at("2026-01-20"):
            response = self.comment(consultation, website="http://spam.example")
        self.assertEqual(response.status_code, 302)
        self.assertEqual(DecisionComment.objects.count(), 0)

    def test_a_sixth_comment_within_ten_minutes_is_refused_with_429(self) -> None:
        consultation = self.open_consultation()
        with at("2026-01-20"):
            for i in range(5):
                self.assertEqual(self.comment(consultation, text=f"意见{i}").status_code, 302)
            response = self.comment(consultation, text="第六条意见")
        self.assertContains(response, "提交过于频繁", status_code=429)
        self.assertContains(response, "第六条意见", status_code=429)
        self.assertEqual(DecisionComment.objects.count(), 5)
        # Another address is not affected.
        with at("2026-01-20"):
            key, answer = self.challenge(consultation)
            other = self.client.post(
                self.url(consultation),
                {"text": "另一地址", "captcha_key": key, "captcha_answer": str(answer)},
                REMOTE_ADDR="10.0.0.9",
            )
        self.assertEqual(other.status_code, 302)

    def test_repeated_wrong_answers_are_stopped(self) -> None:
        consultation = self.open_consultation()
        with at("2026-01-20"):
            for _ in range(10):
                key, answer = self.challenge(consultation)
                self.client.post(
                    self.url(consultation),
                    {"text": "猜", "captcha_key": key, "captcha_answer": str(answer + 1)},
                )
            key, answer = self.challenge(consultation)
            response = self.client.post(
                self.url(consultation), {"text": "猜", "captcha_key": key, "captcha_answer": str(answer)}
            )
        self.assertEqual(response.status_code, 429)
        self.assertEqual(DecisionComment.objects.count(), 0)

    def test_comments_are_taken_only_while_the_window_is_open(self) -> None:
        consultation = self.open_consultation()
        with at("2026-02-10"):
            key, answer = self.challenge(consultation)
        with at("2026-02-11"):
            page = self.client.get(self.url(consultation))
            self.assertNotContains(page, 'name="captcha_answer"')
            self.assertContains(page, "已截止")
            response = self.client.post(
                self.url(consultation),
                {"text": "晚到的意见", "captcha_key": key, "captcha_answer": str(answer)},
            )
        self.assertContains(response, "已于 2026年2月10日 截止", status_code=409)
        self.assertEqual(DecisionComment.objects.count(), 0)

    def test_after_the_window_the_answered_comments_and_the_report_appear(self) -> None:
        consultation = self.open_consultation()
        decision = consultation.decision
        with at("2026-01-20"):
            first = actions.add_public_comment(
                consultation, text="建议增加人才引进目标", author_name="王先生"
            )
            same = actions.add_public_comment(consultation, text="希望写入人才引进指标")
            other = actions.add_public_comment(consultation, text="建议设立概念验证基金")
            actions.mark_duplicate(same, of=first, actor=self.drafter)
            actions.answer_comment(first, actor=self.drafter, adoption="adopted", answer="已在第三章增加")
        with at("2026-01-21"):
            during = self.client.get(self.url(consultation))
        self.assertNotContains(during, "已在第三章增加")
        with at("2026-02-11"):
            actions.answer_comment(
                other, actor=self.drafter, adoption="not_adopted", answer="属于年度计划内容，不纳入规划"
            )
            actions.publish_adoption_report(decision, actor=self.drafter, report="共收到意见3条，采纳2条。")
            response = self.client.get(self.url(consultation))
        groups = response.context["groups"]
        self.assertEqual([g["primary"].pk for g in groups], [first.pk, other.pk])
        self.assertEqual([d["comment"].pk for d in groups[0]["duplicates"]], [same.pk])
        self.assertContains(response, "已在第三章增加")
        self.assertContains(response, "另有 1 条相同意见并入本条")
        self.assertContains(response, "希望写入人才引进指标")
        self.assertContains(response, "属于年度计划内容，不纳入规划")
        self.assertContains(response, "未采纳")
        self.assertContains(response, "共收到意见3条，采纳2条。")
        # Names are used to sort the comments, not published.
        self.assertNotContains(response, "王先生")

    def test_an_unanswered_comment_is_counted_not_shown(self) -> None:
        consultation = self.open_consultation()
        with at("2026-01-20"):
            actions.add_public_comment(consultation, text="尚未答复的意见")
        with at("2026-02-11"):
            response = self.client.get(self.url(consultation))
        self.assertNotContains(response, "尚未答复的意见")
        self.assertContains(response, "另有 1 条意见正在研究答复")
        self.assertContains(response, "意见采纳情况报告尚未公布")

    def test_a_missing_or_absurd_id_is_not_found(self) -> None:
        for pk in (999, 2**63, 10**30):
            with self.subTest(pk=pk):
                self.assertEqual(self.client.get(f"/decisions/consultations/{pk}/").status_code, 404)


class CaptchaImageTests(PublicTestCase):
    def test_the_picture_of_a_pending_question_is_a_png(self) -> None:
        consultation = self.open_consultation()
        with at("2026-01-20"):
            key, _answer = self.challenge(consultation)
            response = self.client.get(f"/decisions/captcha/{key}.png")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "image/png")
        self.assertIn("no-store", response["Cache-Control"])
        self.assertTrue(response.content.startswith(b"\x89PNG\r\n\x1a\n"))

    def test_an_unknown_key_or_another_sessions_key_is_not_found(self) -> None:
        consultation = self.open_consultation()
        with at("2026-01-20"):
            key, _answer = self.challenge(consultation)
            self.assertEqual(self.client.get("/decisions/captcha/nothing.png").status_code, 404)
            self.client.cookies.clear()
            self.assertEqual(self.client.get(f"/decisions/captcha/{key}.png").status_code, 404)


def _published(case: PublicTestCase) -> MajorDecision:
    decision = case.new()
    with at("2026-01-06"):
        consultation = actions.open_consultation(decision, actor=case.drafter, closes_on=D(2026, 2, 10))
    with at("2026-01-20"):
        comment = actions.add_public_comment(consultation, text="建议增加人才引进目标")
    with at("2026-02-11"):
        actions.answer_comment(comment, actor=case.drafter, adoption="adopted", answer="已增加")
        actions.publish_adoption_report(decision, actor=case.drafter, report="收到意见1条，全部采纳。")
        actions.complete_public_participation(decision, actor=case.drafter)
    decision = through_expert_and_risk(decision, case.drafter, case.expert)
    decision = decided(through_review(decision, case.drafter, case.reviewer, case.counsel), case.director)
    with at("2026-03-05"):
        actions.publish_decision(decision, actor=case.reviewer, published_on=D(2026, 3, 5), channel="局网站")
    with at("2026-06-15"):
        actions.add_execution_report(
            decision,
            actor=case.drafter,
            execution_unit="基础研究处",
            period="2026年上半年",
            progress="完成年度目标的45%",
        )
    decision.refresh_from_db()
    return decision


class DecisionPageTests(PublicTestCase):
    def published(self) -> MajorDecision:
        return _published(self)

    def test_a_published_decision_shows_its_text_meeting_opinions_and_progress(self) -> None:
        decision = self.published()
        response = self.client.get(f"/decisions/{decision.pk}/")
        self.assertContains(response, "审议通过《天津市科技创新“十四五”规划》。")
        self.assertContains(response, "局长办公会")
        self.assertContains(response, "2026年3月3日")
        self.assertContains(response, "已于2026年3月5日通过局网站公布")
        self.assertContains(response, "收到意见1条，全部采纳。")
        self.assertContains(response, "规划目标科学可行。")  # the expert's opinion
        self.assertContains(response, "南开大学")
        self.assertContains(response, "完成年度目标的45%")

    def test_a_decision_not_yet_published_is_not_found(self) -> None:
        decision = self.new()
        self.assertEqual(self.client.get(f"/decisions/{decision.pk}/").status_code, 404)
        self.assertEqual(self.client.get(f"/decisions/{2**63}/").status_code, 404)

    def test_the_catalog_links_the_published_decision(self) -> None:
        decision = self.published()
        response = self.client.get("/decisions/catalogs/2026/")
        self.assertContains(response, f'href="/decisions/{decision.pk}/"')
        self.assertContains(response, "已公布")


class QueryCountTests(PublicTestCase):
    def test_the_consultation_list_does_not_grow_with_the_consultations(self) -> None:
        decisions = self.several("事项一", "事项二", "事项三")
        with at("2026-01-06"):
            actions.open_consultation(decisions[0], actor=self.drafter, closes_on=D(2026, 2, 10))
        with at("2026-01-20"), CaptureQueriesContext(connection) as one:
            self.client.get("/decisions/consultations/")
        with at("2026-01-07"):
            for decision in decisions[1:]:
                actions.open_consultation(decision, actor=self.drafter, closes_on=D(2026, 2, 10))
        with at("2026-01-20"), CaptureQueriesContext(connection) as three:
            response = self.client.get("/decisions/consultations/")
        self.assertEqual(len(response.context["open"]), 3)
        self.assertEqual(len(one), len(three))
        self.assertContains(response, "事项三")


class DecidedTextTests(PublicTestCase):
    """The decided text is the published text (issue 15): the review names the draft it cleared,
    the decision records both hashes, the publication the decided text's, and the public page
    shows it with the exact text to check."""

    def published(self) -> MajorDecision:
        return _published(self)

    def test_the_review_the_decision_and_the_publication_record_the_hashes(self) -> None:
        decision = self.published()
        decided_text = "审议通过《天津市科技创新“十四五”规划》。"
        decided_sha = hashlib.sha256(decided_text.encode("utf-8")).hexdigest()
        draft_sha = hashlib.sha256(decision.draft_text.encode("utf-8")).hexdigest()
        review = ReviewRequest.objects.get(subject_kind="major_decision")
        self.assertEqual(review.text_sha256, draft_sha)
        meeting = AuditEvent.objects.get(verb="decision.collective_decision")
        self.assertEqual((meeting.data["draft_sha256"], meeting.data["sha256"]), (draft_sha, decided_sha))
        self.assertEqual(decision.decision_sha256, decided_sha)
        self.assertEqual(AuditEvent.objects.get(verb="decision.publish").data["sha256"], decided_sha)
        page = self.client.get(f"/decisions/{decision.pk}/")
        self.assertContains(page, f'<code class="hash" id="text-sha256">{decided_sha}</code>', html=False)
        download = self.client.get(f"/decisions/{decision.pk}/text.txt")
        self.assertEqual(hashlib.sha256(download.content).hexdigest(), decided_sha)

    def test_a_draft_changed_after_its_review_cannot_go_to_the_meeting(self) -> None:
        decision = through_expert_and_risk(
            through_participation(self.new(), self.drafter), self.drafter, self.expert
        )
        with at("2026-02-11"):
            review = actions.submit_for_legality_review(decision, actor=self.drafter)
            review_actions.accept_review(review, actor=self.reviewer)
            review_actions.assign_review(
                review, actor=self.reviewer, reviewers=[self.reviewer], counsel=[self.counsel]
            )
        with at("2026-03-02"):
            review_actions.conclude_review(review, actor=self.reviewer, conclusion="lawful")
            MajorDecision.objects.filter(pk=decision.pk).update(draft_text="未经审查的另一文本")
            with self.assertRaisesMessage(LegalGateClosed, "决策草案在合法性审查后已修改"):
                actions.send_to_meeting(decision, actor=self.drafter)

    def test_an_unpublished_decisions_text_is_not_downloadable(self) -> None:
        decision = self.new()
        self.assertEqual(self.client.get(f"/decisions/{decision.pk}/text.txt").status_code, 404)
