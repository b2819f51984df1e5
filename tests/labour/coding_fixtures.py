"""Fixtures of the coding-queue tests: a tiny coder (fitted in a blink on a few titles) as the site's coder
file, and the ISCO-08 groups from the committed table. Imported by the test modules that use them."""

from __future__ import annotations

import pytest

from kasip.labour import coder_file
from kasip.labour.coder import OccupationCoder
from kasip.labour.models import Occupation
from kasip.labour.services import taxonomy

# Enough for the tiny coder to be sure of some titles and unsure of others: "мастер" (5142 or 3122),
# "водитель" (8331 or 8332), "кочегар" (no alias: 8182 at a guess).
TINY = [
    ("сварщик", "7212"), ("электросварщик", "7212"), ("газосварщик", "7212"), ("повар", "5120"),
    ("шеф-повар", "3434"), ("водитель автобуса", "8331"), ("водитель грузовика", "8332"), ("бухгалтер", "3313"),
    ("главный бухгалтер", "2411"), ("мастер участка", "3122"), ("мастер маникюра", "5142"),
    ("оператор котельной", "8182"), ("оператор ПК", "4132"), ("оператор call-центра", "4222"),
    ("дәнекерлеуші", "7212"), ("аспаз", "5120"), ("жүргізуші", "8322"), ("есепші", "3313"),
]


def fit_tiny(extra=()) -> OccupationCoder:
    pairs = [*TINY, *extra]
    return OccupationCoder(linear_weight=0).fit([t for t, _c in pairs], [c for _t, c in pairs], calibrate=False)


@pytest.fixture
def tiny_coder(settings, tmp_path):
    """The site's coder file is a tiny coder (settings.KASIP_CODER_PATH in tmp_path)."""
    settings.KASIP_CODER_PATH = str(tmp_path / "coder.pkl")
    settings.KASIP_REFERENCE_DIR = ""
    coder = fit_tiny()
    coder.save(settings.KASIP_CODER_PATH)
    coder_file.forget()
    yield coder
    coder_file.forget()


@pytest.fixture
def tiny_build(monkeypatch):
    """Building the coder (coder_file.build_coder) fits the tiny coder instead of the full one (~90 s)."""
    built = []

    def build(reference=None, **params):
        built.append(reference)
        return fit_tiny()

    monkeypatch.setattr(coder_file, "build_coder", build)
    return built


@pytest.fixture
def unit_groups(db):
    """The ISCO-08 groups of the committed table (titles in English, Russian and Kazakh), a level at a time."""
    rows = [r for r in taxonomy._csv("isco08.csv") if (r.get("code") or "").strip()]
    ids: dict[str, int] = {}
    for level in (1, 2, 3, 4):
        created = Occupation.objects.bulk_create([
            Occupation(code=r["code"].strip(), level=level, parent_id=ids.get(r["code"].strip()[:-1]),
                       title_en=(r.get("title_en") or r["code"]).strip(), title_ru=(r.get("title_ru") or "").strip(),
                       title_kk=(r.get("title_kk") or "").strip())
            for r in rows if len(r["code"].strip()) == level])
        ids.update({o.code: o.pk for o in created})
