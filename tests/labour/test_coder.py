"""The occupation coder as a library: fit / predict, confidence, bad input, save and load (pure)."""

from __future__ import annotations

import pytest

from kasip.labour.coder import CoderFileError, OccupationCoder, build_coder
from kasip.labour.coder.lexicon import load_project_aliases, unit_groups


@pytest.fixture(scope="module")
def coder():
    # Only the committed lexicon: the coder must work on a fresh clone without reference data.
    return build_coder(reference=False)


def test_the_committed_lexicon_is_large_and_only_names_unit_groups():
    units = set(unit_groups())
    ru = load_project_aliases(("ru",))
    kk = load_project_aliases(("kk",))
    assert len(units) == 436
    assert len({a.text.lower() for a in ru}) >= 3000
    assert len({a.text.lower() for a in kk}) >= 500
    assert {a.code for a in ru + kk} <= units


@pytest.mark.parametrize(
    ("title", "code"),
    [
        ("Требуется электрогазосварщик 5 разряда", "7212"),
        ("Машинист экскаватора, вахта 15/15", "8342"),
        ("водитель кат. С", "8332"),
        ("Медсестра в поликлинику", "3221"),
        ("Аспаз керек", "5120"),
        ("Сатушы", "5223"),
        ("мұғалім", "2341"),
    ],
)
def test_common_ad_titles_get_their_unit_group(coder, title, code):
    assert code in coder.predict_top([title], k=3)[0]


def test_predictions_are_deterministic(coder):
    titles = ["слесарь-ремонтник", "оператор АЗС", "бухгалтер", "шахтер", "жүргізуші"]
    first = [p.as_dict() for p in coder.code(titles)]
    again = [p.as_dict() for p in build_coder(reference=False).code(titles)]
    assert first == again


def test_an_empty_title_cannot_be_coded(coder):
    for title in ("", "   ", "!!!", None):
        p = coder.code([title])[0]
        assert p.code is None and p.notice == "cannot code: empty title"


def test_a_title_over_300_characters_is_cut_with_a_notice(coder):
    p = coder.code(["повар " + "очень " * 80])[0]
    assert p.code == "5120" and "cut to 300" in p.notice


def test_confidence_is_a_probability_and_unsure_codings_offer_a_broader_group(coder):
    preds = coder.code(["электрогазосварщик", "специалист"])
    assert all(0.0 <= p.confidence <= 1.0 for p in preds)
    assert preds[0].confidence > preds[1].confidence
    for p in preds:
        if p.fallback is not None:
            assert p.code.startswith(p.fallback) and len(p.fallback) in (2, 3)


def test_confirmed_codings_improve_the_coder():
    small = OccupationCoder().fit(["сварщик", "повар", "водитель"], ["7212", "5120", "8322"], calibrate=False)
    assert small.predict(["кондитер"]) != ["7512"]
    small.add_confirmed(["кондитер"], ["7512"])
    assert small.predict(["кондитер 4 разряда"]) == ["7512"]


def test_the_coder_is_saved_and_loaded_as_one_file(coder, tmp_path):
    path = coder.save(tmp_path / "coder.pkl")
    loaded = OccupationCoder.load(path)
    titles = ["машинист погрузчика", "Sales assistant", "дәнекерлеуші"]
    assert [p.as_dict() for p in loaded.code(titles)] == [p.as_dict() for p in coder.code(titles)]


def test_a_missing_or_corrupt_file_is_reported_with_the_command_to_rebuild(tmp_path):
    with pytest.raises(CoderFileError, match="does not exist.*kasip.labour.coder build"):
        OccupationCoder.load(tmp_path / "nowhere.pkl")
    bad = tmp_path / "bad.pkl"
    bad.write_bytes(b"not a pickle")
    with pytest.raises(CoderFileError, match="corrupt.*kasip.labour.coder build"):
        OccupationCoder.load(bad)
