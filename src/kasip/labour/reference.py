"""Readers of the publishers' reference files as laid out in KASIP_REFERENCE_DIR (see
../shared/data/SOURCES.md). Pure Python: each returns plain rows; the services store them."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SPACES = re.compile(r"\s+")
SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.;:)])")
SPACE_AFTER_PAREN = re.compile(r"\(\s+")


class ReferenceMissing(FileNotFoundError):
    pass


def _path(root: Path, *parts: str) -> Path:
    path = Path(root).joinpath(*parts)
    if not path.exists():
        raise ReferenceMissing(str(path))
    return path


def _rows(path: Path) -> Iterator[dict]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        yield from csv.DictReader(handle)


def clean_title(title: str) -> str:
    """Stray spaces out: runs of white space, spaces before punctuation and after an opening bracket."""
    title = SPACES.sub(" ", title or "").strip()
    title = SPACE_BEFORE_PUNCT.sub(r"\1", title)
    return SPACE_AFTER_PAREN.sub("(", title)


@dataclass(frozen=True)
class IscoGroup:
    code: str
    level: int
    title_en: str
    description_en: str = ""


def isco_structure(root: Path) -> list[IscoGroup]:
    """ILO's ISCO-08 structure (the CSV derived from struct08.xls), with the ESCO descriptions when present."""
    descriptions: dict[str, str] = {}
    labels: dict[str, str] = {}
    try:
        for row in _rows(_path(root, "isco08", "ISCOGroups_en.csv")):
            code = (row.get("code") or "").strip()
            if code:
                descriptions[code] = (row.get("description") or "").strip()
                labels[code] = clean_title(row.get("preferredLabel") or "")
    except ReferenceMissing:
        pass
    rows = [(row["isco08_code"].strip(), int(row["level"]), clean_title(row["title_en"]))
            for row in _rows(_path(root, "isco08", "isco08_structure_derived.csv"))]
    # The derived structure file repeats a title under another code (3411 has 3355's): a title that two
    # groups of one level share is taken from ESCO's copy of the ILO groups when that has the group.
    seen: dict[tuple[int, str], int] = {}
    for _code, level, title in rows:
        seen[(level, title.lower())] = seen.get((level, title.lower()), 0) + 1
    groups = []
    for code, level, title in rows:
        if seen[(level, title.lower())] > 1 and labels.get(code) and labels[code].lower() != title.lower():
            title = labels[code]
        groups.append(IscoGroup(code, level, title, descriptions.get(code, "")))
    return groups


@dataclass(frozen=True)
class OkzTitle:
    code: str
    title_ru: str
    maybe_truncated: bool


def okz_titles(root: Path) -> list[OkzTitle]:
    """Russian unit-group titles of OKZ OK 010-2014, stray spaces removed; truncated ones flagged."""
    out = []
    path = Path(root) / "okz-ru" / "okz_ru_unit_groups_derived.csv"
    if path.exists():
        for row in _rows(path):
            out.append(OkzTitle(row["okz_code"].strip(), clean_title(row["title_ru"]),
                                (row.get("title_ru_maybe_truncated") or "0").strip() == "1"))
        return out
    labels = json.loads(_path(root, "okz-ru", "okz_labels.json").read_text(encoding="utf-8"))
    return [OkzTitle(code, clean_title(title), False) for code, title in labels.items()]


@dataclass(frozen=True)
class EscoOccupation:
    isco: str
    preferred: str
    alternatives: tuple[str, ...]
    uri: str


def esco_occupations(root: Path) -> Iterator[EscoOccupation]:
    """ESCO occupations with their ISCO-08 unit group and alternative labels (newline-separated)."""
    for row in _rows(_path(root, "esco", "occupations_en.csv")):
        isco = (row.get("iscoGroup") or "").strip()
        if not re.fullmatch(r"\d{4}", isco):
            continue
        alternatives = tuple(a.strip() for a in (row.get("altLabels") or "").split("\n") if a.strip())
        yield EscoOccupation(isco, (row.get("preferredLabel") or "").strip(), alternatives,
                             (row.get("conceptUri") or "").strip())


@dataclass(frozen=True)
class IscoSoc:
    isco: str
    soc2010: str
    soc_title: str
    partial: bool


def isco_soc_crosswalk(root: Path) -> list[IscoSoc]:
    """BLS ISCO-08 ↔ SOC 2010 (1 125 pairs; `*` marks a partial correspondence)."""
    return [IscoSoc(r["isco08_code"].strip(), r["soc2010_code"].strip(), clean_title(r["soc2010_title"]),
                    (r.get("part") or "").strip() == "*")
            for r in _rows(_path(root, "crosswalks", "isco08_soc2010_crosswalk_derived.csv"))
            if r.get("isco08_code") and r.get("soc2010_code")]


@dataclass(frozen=True)
class SocVersions:
    soc2010: str
    title2010: str
    soc2018: str
    title2018: str


def soc_versions(root: Path) -> list[SocVersions]:
    return [SocVersions(r["2010 SOC Code"].strip(), clean_title(r["2010 SOC Title"]), r["2018 SOC Code"].strip(),
                        clean_title(r["2018 SOC Title"]))
            for r in _rows(_path(root, "crosswalks", "soc2010_to_soc2018.csv"))
            if r.get("2010 SOC Code") and r.get("2018 SOC Code")]


@dataclass(frozen=True)
class NationalRow:
    line: int
    code: str
    title_ru: str
    title_kk: str
    isco08: str


NKRK_FILE = ("nkrk", "nkrk_01_2017.csv")
NKRK_COLUMNS = ("code", "title_ru", "title_kk", "isco08")


def nkrk_occupations(root: Path) -> list[NationalRow]:
    """Kazakhstan's classifier НК РК 01-2017 as a CSV under nkrk/: one row per unit group (4110), group of
    occupations (4110-9) or group X, with its Russian and Kazakh titles and the ISCO-08 unit group it maps to
    (empty for a group of occupations: its unit group's code is taken). Not among the reference files yet."""
    path = _path(root, *NKRK_FILE)
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in NKRK_COLUMNS[:2] if c not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(f"{path}: columns {', '.join(missing)} missing; found: {', '.join(reader.fieldnames or [])}")
        return [NationalRow(i, clean_title(row.get("code") or ""), clean_title(row.get("title_ru") or ""),
                            clean_title(row.get("title_kk") or ""), clean_title(row.get("isco08") or ""))
                for i, row in enumerate(reader, start=2)]
