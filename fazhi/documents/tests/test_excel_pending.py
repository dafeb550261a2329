"""A checked legacy import waits for confirmation in a file of its own with an expiry, never in the
session (issue 15, point 7)."""

from __future__ import annotations

import datetime
import time

import time_machine
from django.contrib.messages import get_messages
from django.contrib.sessions.models import Session

from fazhi.core.pending import PendingImports
from fazhi.documents.models import NormativeDocument
from fazhi.documents.tests.test_actions import DocumentTestCase
from fazhi.documents.tests.test_excel import GOOD, REPEALED, xlsx
from fazhi.documents.views.excel import PENDING

URL = "/work/documents/import/"


def later(**delta: float) -> datetime.datetime:
    return datetime.datetime.fromtimestamp(time.time(), datetime.UTC) + datetime.timedelta(**delta)


class PendingImportTests(DocumentTestCase):
    """The review tests' frozen clock (mid-2026) runs here too; expiry is a day later."""

    def upload(self, *rows: list) -> str:
        response = self.client.post(URL, {"file": xlsx(*rows)})
        self.assertEqual(response.status_code, 200)
        token = response.context["token"]
        self.assertContains(response, f'name="token" value="{token}"')
        return token

    def test_the_checked_rows_stay_out_of_the_session(self) -> None:
        self.login(self.reviewer)
        self.upload(
            *[[f"津科规〔2021〕{n}号", f"历史文件{n}", "2021-03-01", "2021-04-01"] for n in range(1, 301)]
        )
        session = Session.objects.get(session_key=self.client.session.session_key)
        self.assertNotIn("津科规", str(session.get_decoded()))
        self.assertLess(len(session.session_data), 1000)
        files = list(PENDING.root().glob("*.json"))
        self.assertEqual(len(files), 1)
        self.assertTrue(files[0].name.startswith(f"{self.reviewer.pk}-"))

    def test_confirming_imports_the_rows_shown_and_removes_the_pending_file(self) -> None:
        self.login(self.reviewer)
        token = self.upload(GOOD)
        response = self.client.post(URL, {"confirm": "1", "token": token})
        self.assertRedirects(response, "/work/documents/", fetch_redirect_response=False)
        self.assertEqual(
            list(NormativeDocument.objects.values_list("number", flat=True)), ["津科规〔2021〕1号"]
        )
        self.assertEqual(list(PENDING.root().glob("*.json")), [])

    def test_a_page_replaced_by_a_newer_upload_cannot_confirm_the_newer_rows(self) -> None:
        self.login(self.reviewer)
        first = self.upload(GOOD)
        self.upload(REPEALED)
        response = self.client.post(URL, {"confirm": "1", "token": first})
        self.assertRedirects(response, URL, fetch_redirect_response=False)
        self.assertIn("已过期或已被新的上传取代", next(str(m) for m in get_messages(response.wsgi_request)))
        self.assertFalse(NormativeDocument.objects.exists())

    def test_a_pending_import_expires_after_a_day_and_is_removed(self) -> None:
        self.login(self.reviewer)
        token = self.upload(GOOD)
        with time_machine.travel(later(hours=24, minutes=1), tick=False):
            self.login(self.reviewer)  # the session itself lasts 8 hours
            response = self.client.post(URL, {"confirm": "1", "token": token})
        self.assertRedirects(response, URL, fetch_redirect_response=False)
        self.assertFalse(NormativeDocument.objects.exists())
        self.assertEqual(list(PENDING.root().glob("*.json")), [])

    def test_each_person_confirms_only_their_own_pending_import(self) -> None:
        self.login(self.reviewer)
        token = self.upload(GOOD)
        other = PendingImports("documents")
        self.assertIsNone(other.load(self.director, token))
        self.assertIsNone(other.load(self.reviewer, "../../etc/passwd"))
        self.assertEqual(other.load(self.reviewer, token)[0], token)  # type: ignore[index]

    def test_abandoned_imports_of_anyone_are_purged_when_the_store_is_next_used(self) -> None:
        store = PendingImports("documents")
        store.save(self.director, {"rows": []})
        with time_machine.travel(later(days=2), tick=False):
            store.save(self.reviewer, {"rows": []})
        self.assertEqual([p.name.split("-")[0] for p in store.root().glob("*.json")], [str(self.reviewer.pk)])
