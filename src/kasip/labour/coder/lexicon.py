"""The coder's training material: the taxonomy and aliases committed in the repository,
plus ESCO and ILO labels from the reference directory when it is present.

An alias is (text, ISCO-08 unit group, weight, source, group): ``group`` ties the labels of
one ESCO occupation together, so that evaluation can leave whole occupations out.
"""

from __future__ import annotations

import csv
import os
import re
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

# Weights of the sources in the nearest-alias score: the project's own aliases are
# written for job ads; ESCO's alternative labels include rare and descriptive variants.
SOURCE_WEIGHTS = {
    "isco_title": 0.95,
    "isco_example": 1.0,
    "isco_related": 0.95,
    "esco_preferred": 1.0,
    "esco_alt": 0.93,
    "ru": 1.0,
    "kk": 1.0,
    "en": 1.0,
    "confirmed": 1.05,
}


@dataclass(frozen=True)
class Alias:
    text: str
    code: str
    weight: float = 1.0
    source: str = ""
    group: str = ""


def reference_dir(explicit: str | os.PathLike | None = None) -> Path | None:
    """The reference directory: the argument, $KASIP_REFERENCE_DIR, or ../shared/data/reference
    beside the project root, whichever exists first; None when there is none."""
    candidates = []
    if explicit:
        candidates.append(Path(explicit))
    env = os.environ.get("KASIP_REFERENCE_DIR")
    if env:
        candidates.append(Path(env))
    project_root = Path(__file__).resolve().parents[4]
    candidates.append(project_root / ".." / "shared" / "data" / "reference")
    candidates.append(Path.cwd() / ".." / "shared" / "data" / "reference")
    for path in candidates:
        if (path / "isco08").is_dir() or (path / "esco").is_dir():
            return path.resolve()
    return None


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    return list(csv.DictReader(lines))


def load_taxonomy() -> dict[str, dict[str, str]]:
    """ISCO-08 groups by code: level, title_en, title_ru, title_kk (empty where not written)."""
    out = {}
    for row in _rows(DATA_DIR / "isco08.csv"):
        out[row["code"]] = {
            "level": row["level"],
            "title_en": row["title_en"],
            "title_ru": row.get("title_ru", "") or "",
            "title_kk": row.get("title_kk", "") or "",
        }
    return out


def unit_groups() -> list[str]:
    return sorted(code for code, row in load_taxonomy().items() if row["level"] == "4")


def load_project_aliases(languages=("ru", "kk", "en")) -> list[Alias]:
    """The aliases written by the project (data/aliases_<lang>.csv)."""
    units = set(unit_groups())
    out = []
    for lang in languages:
        path = DATA_DIR / f"aliases_{lang}.csv"
        if not path.exists():
            continue
        for i, row in enumerate(_rows(path)):
            code = row["isco08"].strip()
            text = row["alias"].strip()
            if code not in units or not text:
                raise ValueError(f"{path.name} row {i + 2}: bad code {code!r} or empty alias")
            out.append(Alias(text, code, SOURCE_WEIGHTS[lang], lang, f"{lang}:{i}"))
    return out


def load_isco_titles() -> list[Alias]:
    out = []
    for code, row in load_taxonomy().items():
        if row["level"] != "4":
            continue
        out.append(Alias(row["title_en"], code, SOURCE_WEIGHTS["isco_title"], "isco_title", f"isco:{code}"))
        for lang in ("ru", "kk"):
            if row[f"title_{lang}"]:
                out.append(Alias(row[f"title_{lang}"], code, 0.9, "isco_title", f"isco:{code}"))
    return out


_EXAMPLES = re.compile(r"Examples of the occupations classified here:?\s*\n(.*?)(?:\n\s*\n|Some related|Note|$)", re.S)
_RELATED = re.compile(r"Some related occupations classified elsewhere:?\s*\n(.*?)(?:\n\s*\n|Note|$)", re.S)
_RELATED_LINE = re.compile(r"^-\s*(.+?)\s+-\s+(\d{4})\s*$")


def load_reference_aliases(ref: Path | None, exclude_uris=frozenset()) -> list[Alias]:
    """ESCO preferred and alternative labels by iscoGroup, and the ILO's examples of
    occupations per unit group (with "related occupations classified elsewhere")."""
    if ref is None:
        return []
    units = set(unit_groups())
    out: list[Alias] = []
    groups_path = ref / "isco08" / "ISCOGroups_en.csv"
    if groups_path.exists():
        for row in _rows(groups_path):
            code = row.get("code", "")
            if len(code) != 4 or code not in units:
                continue
            desc = row.get("description", "")
            m = _EXAMPLES.search(desc)
            if m:
                for line in m.group(1).splitlines():
                    line = line.strip()
                    if line.startswith("-"):
                        out.append(Alias(line.lstrip("- ").strip(), code, SOURCE_WEIGHTS["isco_example"], "isco_example", f"isco:{code}"))
            m = _RELATED.search(desc)
            if m:
                for line in m.group(1).splitlines():
                    r = _RELATED_LINE.match(line.strip())
                    if r and r.group(2) in units:
                        out.append(Alias(r.group(1), r.group(2), SOURCE_WEIGHTS["isco_related"], "isco_related", f"isco:{r.group(2)}"))
    esco_path = ref / "esco" / "occupations_en.csv"
    if esco_path.exists():
        for row in _rows(esco_path):
            uri = row.get("conceptUri", "")
            code = row.get("iscoGroup", "")
            if uri in exclude_uris or code not in units:
                continue
            out.append(Alias(row["preferredLabel"], code, SOURCE_WEIGHTS["esco_preferred"], "esco_preferred", uri))
            for label in row.get("altLabels", "").split("\n"):
                label = label.strip()
                if label:
                    out.append(Alias(label, code, SOURCE_WEIGHTS["esco_alt"], "esco_alt", uri))
    return out


def training_aliases(ref: Path | None = None, exclude_uris=frozenset(), languages=("ru", "kk", "en")) -> list[Alias]:
    """Everything the coder is built from. Where the reference data (ESCO, the ILO's examples)
    codes an English title, the project's own English alias of the same title to another group
    gives way: the English aliases are written for when the reference data is absent."""
    project = load_project_aliases(languages)
    reference = load_reference_aliases(ref, exclude_uris)
    if reference:
        coded: dict[str, set[str]] = {}
        for a in reference:
            coded.setdefault(a.text.lower().strip(), set()).add(a.code)
        project = [a for a in project if a.source != "en" or a.code in coded.get(a.text.lower().strip(), {a.code})]
    return load_isco_titles() + project + reference
