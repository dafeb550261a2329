from collections.abc import Iterator

import pytest
from django.conf import settings as django_settings


@pytest.fixture(autouse=True, scope="session")
def _media_in_tmp_for_the_session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Files uploaded while a test class builds its data (setUpTestData) go to a temporary
    folder too, never into var/."""
    original = django_settings.MEDIA_ROOT
    django_settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
    yield
    django_settings.MEDIA_ROOT = original


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):  # type: ignore[no-untyped-def]
    """Uploaded files of a test go to a temporary folder, never into var/."""
    settings.MEDIA_ROOT = tmp_path / "media"
