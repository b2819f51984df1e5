"""`kasip code-titles IN.csv OUT.csv`: codes the titles of a CSV file the way officials save them.

None of these tests may touch the database (none is marked django_db: pytest-django fails any query),
because the command must run where there is none.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kasip.labour import coder_file
from kasip.labour.coder import OccupationCoder

WELDER_AD = "Требуется электрогазосварщик 5 разряда, вахта 15/15"
KAZAKH = "Әкімдіктің ғимаратына қызмет көрсететін аспаз, үй-жай, өңір, ұйым, һәм іс"  # ә ғ қ ң ө ұ ү һ і


def write(path: Path, rows: list[list[str]], encoding: str = "utf-8", delimiter: str = ",") -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def read(path: Path) -> list[dict]:
    text = path.read_bytes().decode("utf-8-sig")
    delimiter = ";" if text.split("\n", 1)[0].count(";") else ","
    return list(csv.DictReader(io.StringIO(text), delimiter=delimiter))


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("code-titles", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def coder(site_coder):
    return site_coder


def tiny_build(**params) -> OccupationCoder:
    return OccupationCoder(linear_weight=0).fit(["сварщик", "повар", "водитель", "аспаз"],
                                                ["7212", "5120", "8322", "5120"], calibrate=False)


def test_it_codes_a_windows_1251_file_and_keeps_the_other_columns_in_order(coder, tmp_path):
    source = write(tmp_path / "vacancies.csv", [["id", "title", "city"], ["1", WELDER_AD, "Караганда"],
                                                ["2", "повар", "Темиртау"]], "cp1251")
    out, err = run(source, tmp_path / "coded.csv")
    rows = read(tmp_path / "coded.csv")
    assert list(rows[0]) == ["id", "title", "city", "isco08_1", "isco08_2", "isco08_3", "confidence"]
    assert [(r["id"], r["title"], r["city"], r["isco08_1"]) for r in rows] == [
        ("1", WELDER_AD, "Караганда", "7212"), ("2", "повар", "Темиртау", "5120")]
    for row in rows:
        assert 0 <= float(row["confidence"]) <= 1 and len(row["confidence"].split(".")[1]) == 3
        assert row["isco08_2"] and row["isco08_3"] and len({row["isco08_1"], row["isco08_2"], row["isco08_3"]}) == 3
    assert "2 rows (cp1251), 2 coded" in out and "titles/s" in out
    assert "2/2 rows" in err  # the progress bar


def test_it_reads_utf8_with_a_bom(coder, tmp_path):
    source = write(tmp_path / "in.csv", [["title"], ["Software Engineer"], ["повар"]], "utf-8-sig")
    out, _err = run(source, tmp_path / "out.csv")
    assert [r["isco08_1"] for r in read(tmp_path / "out.csv")] == ["2512", "5120"]
    assert "(utf-8-sig)" in out


def test_it_reads_kz1048_with_kazakh_letters(coder, tmp_path):
    source = write(tmp_path / "in.csv", [["title", "өңір"], ["аспаз", "Қарағанды"], [KAZAKH, "Түркістан"]], "kz1048")
    out, _err = run(source, tmp_path / "out.csv")
    rows = read(tmp_path / "out.csv")
    assert list(rows[0])[:2] == ["title", "өңір"]
    assert [r["title"] for r in rows] == ["аспаз", KAZAKH] and rows[0]["өңір"] == "Қарағанды"
    assert rows[0]["isco08_1"] == "5120"
    assert "(kz1048)" in out


def test_it_reads_a_semicolon_delimited_file_and_writes_it_back_so(coder, tmp_path):
    source = write(tmp_path / "in.csv", [["№", "Title", "Зарплата"], ["1", "сатушы-кассир", "150 000,50"],
                                         ["2", WELDER_AD, "400 000"]], delimiter=";")
    run(source, tmp_path / "out.csv")
    text = (tmp_path / "out.csv").read_text(encoding="utf-8-sig")
    assert text.splitlines()[0] == "№;Title;Зарплата;isco08_1;isco08_2;isco08_3;confidence"
    rows = read(tmp_path / "out.csv")
    assert rows[0]["Зарплата"] == "150 000,50" and rows[0]["isco08_1"] in ("5223", "5230")
    assert rows[1]["isco08_1"] == "7212"


def test_a_single_column_of_titles_with_commas_is_read_whole(coder, tmp_path):
    (tmp_path / "in.csv").write_text(f"title\n{WELDER_AD}\nповар\n", encoding="utf-8")
    run(tmp_path / "in.csv", tmp_path / "out.csv")
    rows = read(tmp_path / "out.csv")
    assert [r["title"] for r in rows] == [WELDER_AD, "повар"] and rows[0]["isco08_1"] == "7212"


def test_a_row_that_comes_with_its_code_keeps_it(coder, tmp_path):
    source = write(tmp_path / "in.csv", [["title", "isco08"], ["мастер смены", "7212"], ["повар", ""],
                                         ["водитель", "9999"]])
    out, err = run(source, tmp_path / "out.csv")
    kept, coded, unknown = read(tmp_path / "out.csv")
    assert (kept["isco08_1"], kept["confidence"], kept["isco08_2"]) == ("7212", "1.000", "")
    assert coded["isco08_1"] == "5120" and 0 <= float(coded["confidence"]) <= 1
    assert unknown["isco08_1"] and unknown["isco08_1"] != "9999"
    assert "row 4: “9999” is not an ISCO-08 unit group" in err
    assert "1 with the code they came with" in out


def test_a_column_named_code_is_kept_too(coder, tmp_path):
    source = write(tmp_path / "in.csv", [["Code", "title"], ["5120", "шеф"]])
    run(source, tmp_path / "out.csv")
    assert read(tmp_path / "out.csv")[0]["isco08_1"] == "5120"


def test_another_column_of_titles_is_named_with_column(coder, tmp_path):
    source = write(tmp_path / "in.csv", [["Должность", "Город"], ["повар", "Караганда"]])
    run(source, tmp_path / "out.csv", "--column", "должность")
    assert read(tmp_path / "out.csv")[0]["isco08_1"] == "5120"


def test_titles_that_cannot_be_coded_get_empty_codes_and_a_line_naming_the_row(coder, tmp_path):
    source = write(tmp_path / "in.csv", [["title", "n"], ["повар", "1"], ["", "2"], ["---", "3"]])
    out, err = run(source, tmp_path / "out.csv")
    rows = read(tmp_path / "out.csv")
    assert [r["isco08_1"] for r in rows] == ["5120", "", ""]
    assert rows[1]["confidence"] == "" and rows[1]["n"] == "2"
    assert "row 3: cannot code: empty title" in err and "row 4: cannot code" in err
    assert "3 rows (utf-8), 1 coded" in out and "2 cannot be coded" in out


def test_the_output_is_the_same_every_time(coder, tmp_path):
    source = write(tmp_path / "in.csv", [["title"], [WELDER_AD], ["главный специалист"], ["аспаз"], ["Software Engineer"]])
    run(source, tmp_path / "a.csv")
    run(source, tmp_path / "b.csv")
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()


def test_a_file_coded_before_gets_its_codes_replaced_not_repeated(coder, tmp_path):
    source = write(tmp_path / "in.csv", [["title"], ["повар"]])
    run(source, tmp_path / "once.csv")
    run(tmp_path / "once.csv", tmp_path / "twice.csv")
    assert (tmp_path / "once.csv").read_bytes() == (tmp_path / "twice.csv").read_bytes()


def test_a_file_without_a_title_column_is_refused_listing_its_columns(tmp_path):
    source = write(tmp_path / "in.csv", [["id", "Должность", "city"], ["1", "повар", "Караганда"]])
    with pytest.raises(CommandError, match="no column “title”; its columns are: id, Должность, city"):
        run(source, tmp_path / "out.csv")
    assert not (tmp_path / "out.csv").exists()


def test_the_refusal_exits_with_an_error_status(tmp_path):
    source = write(tmp_path / "in.csv", [["name"], ["повар"]])
    result = subprocess.run([sys.executable, "-m", "kasip", "code-titles", str(source), str(tmp_path / "out.csv")],
                            capture_output=True, text=True, timeout=120,
                            env={**os.environ, "KASIP_CODER_PATH": str(tmp_path / "c.pkl"), "KASIP_DEFAULT_LANGUAGE": "en"})
    assert result.returncode != 0
    assert "no column “title”; its columns are: name" in result.stderr
    assert not (tmp_path / "out.csv").exists() and not (tmp_path / "c.pkl").exists()


def test_it_runs_from_the_command_line(coder_file_path, tmp_path):
    source = write(tmp_path / "in.csv", [["title"], ["повар"]])
    result = subprocess.run([sys.executable, "-m", "kasip", "code-titles", str(source), str(tmp_path / "out.csv")],
                            capture_output=True, text=True, timeout=300,
                            env={**os.environ, "KASIP_CODER_PATH": str(coder_file_path), "KASIP_DEFAULT_LANGUAGE": "en"})
    assert result.returncode == 0, result.stderr
    assert read(tmp_path / "out.csv")[0]["isco08_1"] == "5120"


@pytest.mark.parametrize("content,message", [
    (b"", "is empty"),
    (b"\xef\xbb\xbf\r\n\r\n", "is empty"),
    (b"title\r\n", "has a header but no rows"),
    ("title\nповар\n".encode("cp1251") + b"\x98\n", "encoding is not recognised"),
    (b"PK\x03\x04\x00\x00binary", "not a CSV file"),
])
def test_bad_files_get_a_clear_message(tmp_path, content, message):
    (tmp_path / "in.csv").write_bytes(content)
    with pytest.raises(CommandError, match=message):
        run(tmp_path / "in.csv", tmp_path / "out.csv")
    assert not (tmp_path / "out.csv").exists()


def test_a_missing_input_file_is_named(tmp_path):
    with pytest.raises(CommandError, match="Input file not found: .*nothing.csv"):
        run(tmp_path / "nothing.csv", tmp_path / "out.csv")


def test_a_forced_encoding_that_does_not_fit_is_named(tmp_path):
    source = write(tmp_path / "in.csv", [["title"], ["повар"]], "cp1251")
    with pytest.raises(CommandError, match="cannot be read as utf-8"):
        run(source, tmp_path / "out.csv", "--encoding", "utf-8")


def test_a_forced_encoding_is_used(coder, tmp_path):
    source = write(tmp_path / "in.csv", [["title"], ["аспаз"]], "kz1048")
    run(source, tmp_path / "out.csv", "--encoding", "kz-1048")
    assert read(tmp_path / "out.csv")[0]["isco08_1"] == "5120"


def test_a_row_with_more_cells_than_the_header_is_refused_and_nothing_written(coder, tmp_path):
    (tmp_path / "out.csv").write_text("earlier output\n", encoding="utf-8")
    source = write(tmp_path / "in.csv", [["id", "title"], ["1", "повар"], ["2", "сварщик", "лишнее"]])
    with pytest.raises(CommandError, match="Row 3 has 3 cells but the header has 2"):
        run(source, tmp_path / "out.csv")
    assert (tmp_path / "out.csv").read_text(encoding="utf-8") == "earlier output\n"


def test_a_failure_while_writing_leaves_no_output_file(coder, tmp_path, monkeypatch):
    source = write(tmp_path / "in.csv", [["title"], ["повар"], ["сварщик"]])

    class Broken:
        def __init__(self, *args, **kwargs):
            pass

        def writerow(self, row):
            pass

        def writerows(self, rows):
            raise OSError("disk full")

    monkeypatch.setattr("csv.writer", Broken)
    with pytest.raises(OSError, match="disk full"):
        run(source, tmp_path / "out.csv")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv"]


def test_a_missing_coder_file_is_built_first_and_said_so(settings, tmp_path, monkeypatch):
    settings.KASIP_CODER_PATH = str(tmp_path / "var" / "coder.pkl")
    coder_file.forget()
    monkeypatch.setattr(coder_file, "build_coder", tiny_build)
    source = write(tmp_path / "in.csv", [["title"], ["повар"]])
    try:
        _out, err = run(source, tmp_path / "out.csv")
    finally:
        coder_file.forget()
    assert "coder file" in err and "is missing: building it (this takes a minute or two)" in err
    assert "was built in" in err
    assert (tmp_path / "var" / "coder.pkl").exists()
    assert read(tmp_path / "out.csv")[0]["isco08_1"] == "5120"


def test_a_corrupt_coder_file_is_rebuilt(settings, tmp_path, monkeypatch):
    path = tmp_path / "coder.pkl"
    path.write_bytes(b"\x80\x04 not a coder")
    settings.KASIP_CODER_PATH = str(path)
    coder_file.forget()
    monkeypatch.setattr(coder_file, "build_coder", tiny_build)
    source = write(tmp_path / "in.csv", [["title"], ["сварщик"]])
    try:
        _out, err = run(source, tmp_path / "out.csv")
    finally:
        coder_file.forget()
    assert "cannot be used" in err and "rebuilding it" in err
    assert OccupationCoder.load(path).predict(["сварщик"]) == ["7212"]
    assert read(tmp_path / "out.csv")[0]["isco08_1"] == "7212"
