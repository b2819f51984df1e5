"""Occupations' exposure to automation and AI, per ISCO-08 unit group, from published occupation-level indices.
Pure Python (no Django): readers of the publishers' files, the SOC → ISCO aggregation, and the project's table.

Exposure is not job loss: an index says how much of an occupation's tasks current technology could perform or
change, not that the occupation will go.

Indices (keys used everywhere):
- ``ilo_genai_2025``: ILO, Gmyrek et al. (2025), generative-AI exposure of ISCO-08 tasks (scores 0-1, GPT-4o,
  2025). The unit group's score is the plain mean of its tasks' scores (our aggregation; the ILO's own may
  weigh tasks differently); its gradient (Not exposed, Minimal exposure, Exposed: gradients 1-4) is the ILO's,
  from the unit-group file when present.
- ``nesta_risk``: Nesta, Mapping Career Causeways (2021), automation risk of ISCO-08 unit groups (suitability
  for machine learning, Brynjolfsson, Mitchell and Rock 2018), as published.
- ``frey_osborne``: Frey and Osborne (2013), probability of computerisation of 702 US SOC 2010 occupations.
- ``aioe``: Felten, Raj and Seamans (2021), AI occupational exposure of 774 SOC 2010 occupations.

SOC-based indices reach ISCO-08 through the BLS ISCO-08 ↔ SOC 2010 crosswalk. A SOC occupation mapped to k
unit groups gives each a weight of 1/k; a unit group's score is the weighted mean of the scores of its SOC
occupations (those the index covers), and the SOC codes with their weights are kept as its basis.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

ILO = "ilo_genai_2025"
NESTA = "nesta_risk"
FREY_OSBORNE = "frey_osborne"
AIOE = "aioe"
INDICES = (ILO, NESTA, FREY_OSBORNE, AIOE)
GRADIENTS = ("Not Exposed", "Minimal Exposure", "Exposed: Gradient 1", "Exposed: Gradient 2",
             "Exposed: Gradient 3", "Exposed: Gradient 4")

FILES = {
    ILO: "exposure/Final_Scores_ISCO08_Gmyrek_et_al_2025.xlsx",
    "ilo_gradients": "exposure/ilo_genai_isco08_unit_groups_derived.csv",
    NESTA: "exposure/mcc_risk_ISCO_4digit.csv",
    FREY_OSBORNE: "exposure/frey_osborne_2013_soc2010.csv",
    AIOE: "exposure/aioe_by_soc_derived.csv",
    "crosswalk": "crosswalks/isco08_soc2010_crosswalk_derived.csv",
}
TABLE_HEADER = ("index", "isco08", "value", "gradient", "n", "basis")


class ExposureFileError(ValueError):
    """A file is not laid out as its publisher's: the message names the file and what is missing."""


@dataclass(frozen=True)
class Score:
    index: str
    isco08: str
    value: float
    gradient: str = ""  # the ILO's gradient label (ILO index only)
    n: int = 0  # tasks (ILO) or SOC occupations (SOC-based indices) behind the value; 0: as published
    basis: str = ""  # SOC-based: "15-1252:0.5;15-1253:1" (SOC code : weight)


# --- reading -------------------------------------------------------------------------------------------------
def _csv_rows(path: Path, required: Iterable[str]) -> Iterator[dict]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in required if c not in (reader.fieldnames or [])]
        if missing:
            raise ExposureFileError(f"{path.name}: columns missing: {', '.join(missing)}; found: "
                                    f"{', '.join(reader.fieldnames or []) or 'none'}")
        yield from reader


def _number(path: Path, line: int, column: str, text: str) -> float:
    try:
        value = float(str(text).strip())
    except ValueError:
        raise ExposureFileError(f"{path.name}, line {line}: {column} “{str(text)[:30]}” is not a number") from None
    if value != value:  # NaN
        raise ExposureFileError(f"{path.name}, line {line}: {column} is not a number")
    return value


def _isco(path: Path, line: int, text: str) -> str:
    code = str(text).strip()
    if code.isdigit() and len(code) == 3:
        code = "0" + code  # armed forces lose their leading zero in some exports
    if not (code.isdigit() and len(code) == 4):
        raise ExposureFileError(f"{path.name}, line {line}: “{code[:20]}” is not an ISCO-08 unit group")
    return code


def ilo_tasks(path: Path) -> dict[str, list[float]]:
    """The ILO's task scores (2025, GPT-4o) per unit group, from the workbook of Gmyrek et al. (2025)."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise ExposureFileError(f"{path.name}: not a readable XLSX workbook ({exc})") from exc
    try:
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        header = [str(h or "").strip() for h in next(rows, ())]
        required = ("ISCO_08", "predicted_score_2025_gpt4o")
        missing = [c for c in required if c not in header]
        if missing:
            raise ExposureFileError(f"{path.name}: columns missing: {', '.join(missing)}; found: "
                                    f"{', '.join(h for h in header if h) or 'none'}")
        code_at, score_at = header.index("ISCO_08"), header.index("predicted_score_2025_gpt4o")
        tasks: dict[str, list[float]] = defaultdict(list)
        for line, row in enumerate(rows, start=2):
            if not row or row[code_at] in (None, ""):
                continue
            code = _isco(path, line, str(row[code_at]).split(".")[0])
            if row[score_at] in (None, ""):  # a few tasks have no 2025 score in the published file
                continue
            tasks[code].append(_number(path, line, "predicted_score_2025_gpt4o", row[score_at]))
    finally:
        workbook.close()
    if not tasks:
        raise ExposureFileError(f"{path.name}: no task rows")
    return dict(tasks)


def ilo_task_texts(path: Path) -> dict[str, list[str]]:
    """The ILO's task descriptions per unit group (the workbook's Task_ISCO column), for reskilling pathways."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise ExposureFileError(f"{path.name}: not a readable XLSX workbook ({exc})") from exc
    try:
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        header = [str(h or "").strip() for h in next(rows, ())]
        missing = [c for c in ("ISCO_08", "Task_ISCO") if c not in header]
        if missing:
            raise ExposureFileError(f"{path.name}: columns missing: {', '.join(missing)}")
        code_at, text_at = header.index("ISCO_08"), header.index("Task_ISCO")
        texts: dict[str, list[str]] = defaultdict(list)
        for line, row in enumerate(rows, start=2):
            if row and row[code_at] not in (None, "") and row[text_at]:
                texts[_isco(path, line, str(row[code_at]).split(".")[0])].append(" ".join(str(row[text_at]).split()))
    finally:
        workbook.close()
    return dict(texts)


def ilo_gradients(path: Path) -> dict[str, str]:
    """The ILO's 2025 exposure gradient of each unit group."""
    out = {}
    for line, row in enumerate(_csv_rows(path, ("isco08_code", "exposure_gradient_2025")), start=2):
        label = (row["exposure_gradient_2025"] or "").strip()
        if label and label not in GRADIENTS:
            raise ExposureFileError(f"{path.name}, line {line}: unknown gradient “{label[:40]}”")
        out[_isco(path, line, row["isco08_code"])] = label
    return out


def nesta_risk(path: Path) -> dict[str, float]:
    return {_isco(path, line, row["isco_code"]): _number(path, line, "risk", row["risk"])
            for line, row in enumerate(_csv_rows(path, ("isco_code", "risk")), start=2)}


def frey_osborne(path: Path) -> dict[str, float]:
    return {row["SOC code"].strip(): _number(path, line, "Probability", row["Probability"])
            for line, row in enumerate(_csv_rows(path, ("SOC code", "Probability")), start=2)
            if row["SOC code"].strip()}


def aioe(path: Path) -> dict[str, float]:
    return {row["soc_code"].strip(): _number(path, line, "aioe", row["aioe"])
            for line, row in enumerate(_csv_rows(path, ("soc_code", "aioe")), start=2) if row["soc_code"].strip()}


def crosswalk(path: Path) -> list[tuple[str, str]]:
    """(ISCO-08 unit group, SOC 2010) pairs of the BLS crosswalk."""
    return [(_isco(path, line, row["isco08_code"]), row["soc2010_code"].strip())
            for line, row in enumerate(_csv_rows(path, ("isco08_code", "soc2010_code")), start=2)
            if row["soc2010_code"].strip()]


# --- aggregating ---------------------------------------------------------------------------------------------
def from_tasks(index: str, tasks: dict[str, list[float]], gradients: dict[str, str] | None = None) -> list[Score]:
    """A unit group's score: the plain mean of its tasks' scores; its gradient as given."""
    gradients = gradients or {}
    return [Score(index, code, round(sum(values) / len(values), 4), gradients.get(code, ""), len(values))
            for code, values in sorted(tasks.items()) if values]


def via_crosswalk(index: str, soc_scores: dict[str, float], pairs: list[tuple[str, str]]) -> list[Score]:
    """SOC scores to unit groups: a SOC code mapped to k unit groups weighs 1/k in each; a unit group's score is
    the weighted mean over its SOC codes that have a score."""
    groups_of: dict[str, set[str]] = defaultdict(set)
    for isco, soc in pairs:
        groups_of[soc].add(isco)
    members: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for soc, groups in groups_of.items():
        if soc in soc_scores:
            for isco in groups:
                members[isco].append((soc, 1 / len(groups)))
    scores = []
    for isco, socs in sorted(members.items()):
        total = sum(w for _soc, w in socs)
        value = sum(soc_scores[soc] * w for soc, w in socs) / total
        basis = ";".join(f"{soc}:{round(w, 4):g}" for soc, w in sorted(socs))
        scores.append(Score(index, isco, round(value, 4), "", len(socs), basis))
    return scores


def compute(root: Path) -> tuple[list[Score], list[str]]:
    """Every index whose files are in ``root`` (laid out as ../shared/data/reference): the scores and the
    names of the files that were missing. A file present but laid out otherwise raises ExposureFileError."""
    root = Path(root)
    missing = [rel for rel in FILES.values() if not (root / rel).exists()]
    scores: list[Score] = []
    if (root / FILES[ILO]).exists():
        gradients = ilo_gradients(root / FILES["ilo_gradients"]) if (root / FILES["ilo_gradients"]).exists() else {}
        scores += from_tasks(ILO, ilo_tasks(root / FILES[ILO]), gradients)
    if (root / FILES[NESTA]).exists():
        scores += [Score(NESTA, code, round(value, 4)) for code, value in sorted(nesta_risk(root / FILES[NESTA])
                                                                                   .items())]
    if (root / FILES["crosswalk"]).exists():
        pairs = crosswalk(root / FILES["crosswalk"])
        if (root / FILES[FREY_OSBORNE]).exists():
            scores += via_crosswalk(FREY_OSBORNE, frey_osborne(root / FILES[FREY_OSBORNE]), pairs)
        if (root / FILES[AIOE]).exists():
            scores += via_crosswalk(AIOE, aioe(root / FILES[AIOE]), pairs)
    return scores, missing


# --- the project's table -------------------------------------------------------------------------------------
TABLE_COMMENT = (
    "# Exposure of ISCO-08 unit groups to automation and AI, derived by the Kasip project (kasip import-exposure\n"
    "# --write-table) from: ILO, Gmyrek et al. 2025, Working Paper 140, doi 10.54394/HETP0387 (task scores 2025,\n"
    "# GPT-4o: plain mean per unit group; gradient as the ILO publishes it); Nesta, Mapping Career Causeways 2021\n"
    "# (automation risk per unit group); Frey & Osborne 2013 and Felten, Raj & Seamans 2021 (AIOE), SOC 2010,\n"
    "# through the BLS ISCO-08/SOC 2010 crosswalk (weight 1/k for a SOC code mapped to k unit groups).\n"
)


def write_table(scores: Iterable[Score]) -> str:
    out = io.StringIO()
    out.write(TABLE_COMMENT)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(TABLE_HEADER)
    for s in sorted(scores, key=lambda s: (s.index, s.isco08)):
        writer.writerow([s.index, s.isco08, f"{s.value:g}", s.gradient, s.n, s.basis])
    return out.getvalue()


def read_table(text: str) -> list[Score]:
    rows = csv.DictReader(line for line in io.StringIO(text) if not line.startswith("#"))
    return [Score(r["index"], r["isco08"], float(r["value"]), r["gradient"], int(r["n"] or 0), r["basis"])
            for r in rows]


# --- ranking ----------------------------------------------------------------------------------------------
def percentile_ranks(values: dict[str, float]) -> dict[str, float]:
    """Each key's share of the others with a lower value (ties share the mean rank): 0 lowest, 1 highest."""
    if not values:
        return {}
    ordered = sorted(values.items(), key=lambda kv: kv[1])
    n = len(ordered)
    ranks: dict[str, float] = {}
    i = 0
    while i < n:
        j = i
        while j + 1 < n and ordered[j + 1][1] == ordered[i][1]:
            j += 1
        rank = ((i + j) / 2) / (n - 1) if n > 1 else 0.5
        for k in range(i, j + 1):
            ranks[ordered[k][0]] = rank
        i = j + 1
    return ranks


def composite(scores: Iterable[Score], indices: Iterable[str]) -> dict[str, float]:
    """The mean of a unit group's percentile ranks over the ``indices`` it has: a scale-free way to put
    indices of different units together."""
    by_index: dict[str, dict[str, float]] = defaultdict(dict)
    wanted = set(indices)
    for s in scores:
        if s.index in wanted:
            by_index[s.index][s.isco08] = s.value
    sums: dict[str, list[float]] = defaultdict(list)
    for values in by_index.values():
        for code, rank in percentile_ranks(values).items():
            sums[code].append(rank)
    return {code: round(sum(r) / len(r), 4) for code, r in sums.items()}
