"""Rows of the permissions matrix (tests/test_permissions_matrix.py) for the occupation coder.

Any logged-in user codes titles, on the page or through the API; the public is sent to log in (page) or
answered 401 (API). The API calls run against a tiny coder saved once per process to a temporary file
(the settings point at it only for the length of each call), so no 503 can hide a permission answer."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.test import override_settings

from kasip.core.models import Role
from kasip.labour import coder_file
from kasip.labour.coder import OccupationCoder

LOGGED_IN = {None: 302, **{r.value: 200 for r in Role}}
API_LOGGED_IN = {None: 401, **{r.value: 200 for r in Role}}

PAGES = {
    "occupation-code": ("get", lambda f: "/occupations/code/", LOGGED_IN),
}

API = {
    ("POST", "/api/v1/coder/code"): API_LOGGED_IN,
}

_tiny: dict = {}


def tiny_coder_path() -> Path:
    """A coder fitted on a handful of titles (milliseconds), saved once per process."""
    if "path" not in _tiny:
        coder = OccupationCoder(linear_weight=0).fit(
            ["сварщик", "повар", "водитель", "аспаз", "жүргізуші", "welder", "cook"],
            ["7212", "5120", "8322", "5120", "8322", "7212", "5120"], calibrate=False)
        _tiny["path"] = coder.save(Path(tempfile.mkdtemp(prefix="kasip-matrix-coder-")) / "coder.pkl")
    return _tiny["path"]


def _code(client, f, role, headers):
    with override_settings(KASIP_CODER_PATH=str(tiny_coder_path())):
        coder_file.forget()
        try:
            return client.post("/api/v1/coder/code", {"titles": ["повар", {"title": "сварщик", "code": "7212"}]},
                               content_type="application/json", **headers)
        finally:
            coder_file.forget()


API_CALLS = {
    ("POST", "/api/v1/coder/code"): _code,
}
