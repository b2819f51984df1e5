"""Fixtures for the occupation coder inside the site: one coder file per test session."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings as django_settings

from kasip.labour import coder_file
from kasip.labour.coder import CoderFileError, OccupationCoder, build_coder


@pytest.fixture(scope="session")
def coder_file_path(tmp_path_factory) -> Path:
    """The coder built by `make coder` / `make test` when it is there, else one built from the
    committed lexicon only (about 15 s, once per test process)."""
    default = Path(django_settings.KASIP_CODER_PATH)
    try:
        OccupationCoder.load(default)
        return default
    except CoderFileError:
        path = tmp_path_factory.mktemp("coder") / "coder.pkl"
        build_coder(reference=False).save(path)
        return path


@pytest.fixture
def site_coder(coder_file_path, settings):
    """The site's coder (settings.KASIP_CODER_PATH points at the session's coder file)."""
    settings.KASIP_CODER_PATH = str(coder_file_path)
    coder_file.forget()
    yield coder_file.get_coder()
    coder_file.forget()
