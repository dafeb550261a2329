"""core.refusals: a refused step is kept for its record's page under the page's path, shown
once, rebuilt with the typed data and the same errors (files never kept); core.formats'
localize_dates and the messages' storage write a refusal's Chinese dates in English on an
English page."""

from __future__ import annotations

from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage import default_storage
from django.contrib.sessions.backends.db import SessionStore
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory, SimpleTestCase, TestCase
from django.utils import translation

from fazhi.core import refusals
from fazhi.core.formats import localize_dates
from fazhi.core.formfields import place_error


class StepForm(forms.Form):
    closes_on = forms.DateField(label="截止日")
    note = forms.CharField(required=False)
    minutes = forms.FileField(required=False)


def post(path: str, data: dict[str, object]) -> object:
    request = RequestFactory().post(path, data)
    request.session = SessionStore()  # type: ignore[attr-defined]
    request._messages = default_storage(request)  # type: ignore[attr-defined]
    return request


def get(path: str, session: SessionStore) -> object:
    request = RequestFactory().get(path)
    request.session = session  # type: ignore[attr-defined]
    return request


class RefusalTests(TestCase):
    def test_a_refusal_is_kept_under_the_page_shown_once_and_rebuilt_with_its_errors(self) -> None:
        request = post("/work/x/1/action/open/", {"open-closes_on": "2026-06-20", "open-note": "先行征求"})
        form = StepForm(request.POST, prefix="open")  # type: ignore[attr-defined]
        self.assertTrue(form.is_valid())
        place_error(form, [("截止日", "closes_on")], "截止日不得早于 2026年6月26日")
        response = refusals.refuse(
            request, form, action="open", to="/work/x/1/#step-open", message="截止日不得早于 2026年6月26日"
        )  # type: ignore[arg-type]
        self.assertEqual((response.status_code, response["Location"]), (303, "/work/x/1/#step-open"))
        self.assertEqual([str(m) for m in get_messages(request)], ["截止日不得早于 2026年6月26日"])  # type: ignore[arg-type]

        session = request.session  # type: ignore[attr-defined]
        self.assertIsNone(refusals.take(get("/work/x/2/", session)))  # another record's page
        page = get("/work/x/1/", session)
        bound = refusals.bound_steps(page, ["open", "close"], lambda name, data: StepForm(data, prefix=name))  # type: ignore[arg-type]
        again = bound["open"]
        self.assertEqual(again["closes_on"].value(), "2026-06-20")
        self.assertEqual(again["note"].value(), "先行征求")
        self.assertEqual(again.errors["closes_on"], ["截止日不得早于 2026年6月26日"])
        self.assertEqual(
            refusals.bound_steps(page, ["open"], lambda name, data: StepForm(data, prefix=name)), {}
        )  # type: ignore[arg-type]

    def test_a_step_the_page_no_longer_offers_is_not_shown(self) -> None:
        request = post("/work/x/1/action/open/", {"open-closes_on": "bad"})
        form = StepForm(request.POST, prefix="open")  # type: ignore[attr-defined]
        refusals.refuse(request, form, action="open", to="/work/x/1/")  # type: ignore[arg-type]
        page = get("/work/x/1/", request.session)  # type: ignore[attr-defined]
        self.assertEqual(
            refusals.bound_steps(page, ["close"], lambda name, data: StepForm(data, prefix=name)), {}
        )  # type: ignore[arg-type]

    def test_a_chosen_file_is_not_kept_and_the_refusal_says_so_next_to_its_field(self) -> None:
        upload = SimpleUploadedFile("纪要.pdf", b"%PDF-1.4 minutes", content_type="application/pdf")
        request = post("/work/x/1/action/open/", {"open-closes_on": "bad", "open-minutes": upload})
        form = StepForm(request.POST, request.FILES, prefix="open")  # type: ignore[attr-defined]
        self.assertFalse(form.is_valid())
        refusals.refuse(request, form, action="open", to="/work/x/1/")  # type: ignore[arg-type]
        self.assertIn("所选文件未保留，请重新选择。", next(str(m) for m in get_messages(request)))  # type: ignore[arg-type]
        kept = request.session["fazhi.refusal:/work/x/1/"]  # type: ignore[attr-defined]
        self.assertNotIn("open-minutes", kept["data"])
        page = get("/work/x/1/", request.session)  # type: ignore[attr-defined]
        again = refusals.bound_steps(page, ["open"], lambda name, data: StepForm(data, prefix=name))["open"]  # type: ignore[arg-type]
        self.assertIn("所选文件未保留，请重新选择。", again.errors["minutes"])
        self.assertTrue(again.errors["closes_on"])


class EnglishDatesTests(SimpleTestCase):
    def test_chinese_dates_are_written_in_english_on_an_english_page_only(self) -> None:
        text = "截止日不得早于 2026年6月26日（第24项）；2026年13月1日不是日期"
        with translation.override("en"):
            self.assertEqual(
                localize_dates(text), "截止日不得早于 June 26, 2026（第24项）；2026年13月1日不是日期"
            )
        with translation.override("zh-hans"):
            self.assertEqual(localize_dates(text), text)

    def test_a_refusal_placed_next_to_a_field_and_a_flash_message_read_english_dates(self) -> None:
        with translation.override("en"):
            form = StepForm({"closes_on": "2026-06-20"})
            form.is_valid()
            place_error(form, [("截止日", "closes_on")], "截止日不得早于 2027年1月8日")
            self.assertEqual(form.errors["closes_on"], ["截止日不得早于 Jan. 8, 2027"])
            request = RequestFactory().get("/")
            request.session = SessionStore()  # type: ignore[attr-defined]
            storage = default_storage(request)
            storage.add(40, "听证定于 2027年3月15日 举行，举行后方可记录")
            self.assertEqual([str(m) for m in storage], ["听证定于 March 15, 2027 举行，举行后方可记录"])
