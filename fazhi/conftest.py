from collections.abc import Iterator

import pytest
from django.conf import settings as django_settings


@pytest.fixture(autouse=True, scope="session")
def _media_in_tmp_for_the_session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Files uploaded while a test class builds its data (setUpTestData) go to a temporary
    folder too, never into var/."""
    names = ("MEDIA_ROOT", "FAZHI_AUDIT_KEY_FILE", "FAZHI_AUDIT_HEADS_FILE")
    original = {name: getattr(django_settings, name) for name in names}
    django_settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
    # The audit-heads signing key and heads file too: one key for the session, never var/'s.
    witness = tmp_path_factory.mktemp("witness")
    django_settings.FAZHI_AUDIT_KEY_FILE = witness / "audit_signing_key.pem"
    django_settings.FAZHI_AUDIT_HEADS_FILE = witness / "audit_heads.jsonl"
    yield
    for name, value in original.items():
        setattr(django_settings, name, value)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):  # type: ignore[no-untyped-def]
    """Uploaded files of a test go to a temporary folder, never into var/; so does the signed
    audit-heads file, which each test starts without."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.FAZHI_AUDIT_HEADS_FILE = tmp_path / "audit_heads.jsonl"
