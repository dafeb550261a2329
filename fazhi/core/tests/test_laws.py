"""The register of laws: versions, and the flagging of what was tied to a superseded version."""

from __future__ import annotations

import datetime

import pytest

from fazhi.core import laws
from fazhi.core.models import AuditEvent, Law, LawVersion
from fazhi.core.testing import BaseTestCase
from fazhi.core.workflow import DomainError

D = datetime.date


class LawRegisterTests(BaseTestCase):
    def setUp(self) -> None:
        self.flagged: list[tuple[int, object]] = []
        self._saved = dict(laws._handlers)
        laws._handlers.clear()  # the apps' own handlers (legislation, exams) are tested by them

        @laws.on_new_version("test")
        def handler(version: LawVersion, actor: object) -> int:
            self.flagged.append((version.pk, actor))
            return 2

    def tearDown(self) -> None:
        laws._handlers.clear()
        laws._handlers.update(self._saved)

    def _law(self) -> Law:
        law = laws.create_law(
            title="天津市科学技术普及条例", kind=Law.Kind.LOCAL_REGULATION, actor=self.reviewer
        )
        laws.record_law_version(
            law,
            kind=LawVersion.Kind.ADOPTED,
            adopted_on=D(2019, 11, 28),
            effective_on=D(2020, 1, 1),
            actor=self.reviewer,
            today=D(2021, 1, 1),
        )
        return law

    def test_only_the_legal_affairs_division_keeps_the_register(self) -> None:
        with pytest.raises(DomainError):
            laws.create_law(title="某法", kind=Law.Kind.LAW, actor=self.drafter)
        assert not Law.objects.exists()

    def test_a_first_version_supersedes_nothing_and_flags_nothing(self) -> None:
        law = self._law()
        assert self.flagged == []
        assert law.version_on(D(2020, 6, 1)).kind == LawVersion.Kind.ADOPTED
        assert law.version_on(D(2019, 12, 31)) is None

    def test_an_amendment_in_effect_flags_what_was_tied_to_the_old_version(self) -> None:
        law = self._law()
        version = laws.record_law_version(
            law,
            kind=LawVersion.Kind.AMENDED,
            adopted_on=D(2021, 7, 30),
            effective_on=D(2021, 7, 30),
            actor=self.reviewer,
            today=D(2021, 8, 1),
        )
        assert self.flagged == [(version.pk, self.reviewer)]
        event = AuditEvent.objects.filter(verb="law.version_effective").get()
        assert event.data["flagged"]["test"] == 2  # other apps register their own handlers
        assert law.version_on(D(2021, 8, 1)) == version

    def test_a_future_version_is_flagged_by_the_daily_run_once_it_takes_effect(self) -> None:
        law = self._law()
        laws.record_law_version(
            law,
            kind=LawVersion.Kind.REVISED,
            adopted_on=D(2021, 7, 30),
            effective_on=D(2021, 10, 1),
            actor=self.reviewer,
            today=D(2021, 8, 1),
        )
        assert self.flagged == []
        assert laws.apply_effective_versions(today=D(2021, 9, 30)) == 0
        assert laws.apply_effective_versions(today=D(2021, 10, 1)) == 1
        assert laws.apply_effective_versions(today=D(2021, 10, 2)) == 0
        assert len(self.flagged) == 1

    def test_versions_are_refused_out_of_order(self) -> None:
        law = laws.create_law(title="某条例", kind=Law.Kind.LOCAL_REGULATION, actor=self.reviewer)
        with pytest.raises(DomainError, match="制定版本"):
            laws.record_law_version(
                law,
                kind=LawVersion.Kind.AMENDED,
                adopted_on=D(2021, 1, 1),
                effective_on=D(2021, 1, 1),
                actor=self.reviewer,
            )
        with pytest.raises(DomainError, match="施行日期"):
            laws.record_law_version(
                law,
                kind=LawVersion.Kind.ADOPTED,
                adopted_on=D(2021, 1, 2),
                effective_on=D(2021, 1, 1),
                actor=self.reviewer,
            )
        laws.record_law_version(
            law,
            kind=LawVersion.Kind.ADOPTED,
            adopted_on=D(2021, 1, 1),
            effective_on=D(2021, 1, 1),
            actor=self.reviewer,
        )
        laws.record_law_version(
            law,
            kind=LawVersion.Kind.REPEALED,
            adopted_on=D(2022, 1, 1),
            effective_on=D(2022, 1, 1),
            actor=self.reviewer,
        )
        with pytest.raises(DomainError, match="已废止"):
            laws.record_law_version(
                law,
                kind=LawVersion.Kind.AMENDED,
                adopted_on=D(2023, 1, 1),
                effective_on=D(2023, 1, 1),
                actor=self.reviewer,
            )
