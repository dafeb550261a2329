"""A page that reads while another thread writes is served, not refused: the live server's
threads and a background job share the test database (on SQLite an in-memory database shared
through SQLite's shared cache, where a reader met a writer's table lock at once with "database
table is locked"; settings read uncommitted there). PostgreSQL never blocks a reader."""

from __future__ import annotations

import threading

from django.db import connections, transaction
from django.test import TransactionTestCase

from fazhi.core.models import Organization


class ConcurrentReadTests(TransactionTestCase):
    def test_a_reader_is_served_while_another_connection_holds_a_write(self) -> None:
        Organization.objects.create(code="a", name="甲局", kind="agency")
        written, release = threading.Event(), threading.Event()
        errors: list[BaseException] = []

        def writer() -> None:
            try:
                with transaction.atomic():
                    Organization.objects.create(code="b", name="乙局", kind="agency")
                    written.set()
                    release.wait(10)
            except BaseException as error:
                errors.append(error)
                written.set()
            finally:
                connections.close_all()

        thread = threading.Thread(target=writer)
        thread.start()
        try:
            self.assertTrue(written.wait(10))
            names = list(Organization.objects.values_list("name", flat=True))
        finally:
            release.set()
            thread.join(10)
        self.assertEqual(errors, [])
        self.assertIn("甲局", names)
        self.assertEqual(Organization.objects.count(), 2)
