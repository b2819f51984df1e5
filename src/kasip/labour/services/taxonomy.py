"""Writes of the occupation taxonomy: the project's committed tables, the publishers' reference files
(`kasip import-reference DIR`) and the qualification → occupation mapping. Each load is idempotent: run
twice, the same rows."""

from __future__ import annotations

import csv
import re
from dataclasses import asdict
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext

from kasip.registry.models import Qualification

from .. import policy, reference
from ..models import (
    AliasSource,
    IscoLevel,
    IscoSocLink,
    NationalOccupation,
    Occupation,
    OccupationAlias,
    QualificationOccupation,
    SocOccupation,
    SocVersionLink,
)

DATA = Path(__file__).resolve().parent.parent / "data"
TITLE_FIELDS = ("title_en", "title_ru", "title_kk")


def _csv(name: str) -> list[dict]:
    path = DATA / name
    if not path.exists():
        return []
    with open(path, encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(line for line in handle if not line.startswith("#"))]


def _upsert_groups(rows: list[dict]) -> tuple[int, int]:
    """Create or update ISCO groups from rows with a code and any titles; the level and the parent come from
    the code. Returns (created, updated)."""
    rows = [r for r in rows if (r.get("code") or "").strip()]
    known = set(Occupation.objects.values_list("code", flat=True))
    new = [Occupation(code=r["code"].strip(), level=len(r["code"].strip()),
                      title_en=(r.get("title_en") or r["code"]).strip()) for r in rows
           if r["code"].strip() not in known]
    Occupation.objects.bulk_create(new, batch_size=1000)
    by_code = {o.code: o for o in Occupation.objects.all()}
    fields = (*TITLE_FIELDS, "description_en", "title_ru_source")
    changed: dict[str, Occupation] = {}
    for row in rows:
        obj = by_code[row["code"].strip()]
        for field in fields:
            value = (row.get(field) or "").strip()
            if value and getattr(obj, field) != value:
                setattr(obj, field, value)
                changed[obj.code] = obj
    for code, obj in by_code.items():
        parent = by_code.get(code[:-1]) if len(code) > 1 else None
        if (parent.pk if parent else None) != obj.parent_id:
            obj.parent = parent
            changed[code] = obj
    Occupation.objects.bulk_update(list(changed.values()), ["parent", *fields], batch_size=1000)
    return len(new), len(set(changed) - {o.code for o in new})


def _replace_aliases(source: str, pairs: list[tuple[str, str, str]]) -> int:
    """Replace the aliases of one source by (isco code, language, alias) triples; unknown codes skipped."""
    units = dict(Occupation.objects.filter(level=IscoLevel.UNIT).values_list("code", "pk"))
    seen, rows = set(), []
    for code, language, alias in pairs:
        alias = reference.clean_title(alias)[:300]
        key = (code, language, alias.lower())
        if code in units and alias and key not in seen:
            seen.add(key)
            rows.append(OccupationAlias(occupation_id=units[code], language=language, alias=alias, source=source))
    OccupationAlias.objects.filter(source=source).delete()
    OccupationAlias.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


@transaction.atomic
def load_taxonomy() -> dict:
    """The project's committed tables (src/kasip/labour/data): ISCO-08 groups with their titles, the lexicon
    of Russian and Kazakh job titles, the national classifier and the qualification mapping."""
    report = {}
    groups = _csv("isco08.csv")
    for row in groups:
        row.setdefault("title_ru_source", "project" if row.get("title_ru") else "")
        if row.get("title_ru"):
            row["title_ru_source"] = "project"
    report["groups_created"], report["groups_updated"] = _upsert_groups(groups)
    pairs = [(r.get("isco08", "").strip(), language, r.get("alias", ""))
             for language in ("ru", "kk") for r in _csv(f"aliases_{language}.csv")]
    report["project_aliases"] = _replace_aliases(AliasSource.PROJECT, pairs)
    report["national_occupations"] = _load_national(_csv("nkrk.csv"))
    report["qualification_links"] = link_qualifications(_csv("qualification_occupations.csv"))
    from .exposure import load_exposure

    report["exposure_scores"] = sum(load_exposure().values())
    return report


NATIONAL_CODE = re.compile(r"^(?:\d{4}(?:-\d{1,2})?|X\d{0,4})$")


def _load_national(rows: list[dict], source: str = "nkrk.csv") -> int:
    """НК РК 01-2017 occupations and their crosswalk to ISCO-08, all or nothing: every bad row is reported
    (its line, column and reason) and then nothing is written."""
    units = dict(Occupation.objects.filter(level=IscoLevel.UNIT).values_list("code", "pk"))
    errors, clean, seen = [], [], set()
    for i, row in enumerate(rows, start=2):
        line = row.get("line", i)
        code = (row.get("code") or "").strip().upper().replace("Х", "X")  # Cyrillic Х typed for group X
        title_ru = (row.get("title_ru") or "").strip()
        isco = (row.get("isco08") or "").strip() or (code[:4] if "-" in code else "")
        if not NATIONAL_CODE.match(code):
            errors.append(gettext("%(file)s line %(line)s, code: %(value)r is not an НК РК 01-2017 code "
                                  "(like 4110, 4110-9 or X1)") % {"file": source, "line": line, "value": code})
            continue
        if code in seen:
            errors.append(gettext("%(file)s line %(line)s, code: %(value)s appears twice") % {
                "file": source, "line": line, "value": code})
        seen.add(code)
        if not title_ru:
            errors.append(gettext("%(file)s line %(line)s, title_ru: empty") % {"file": source, "line": line})
        if isco and isco not in units:
            errors.append(gettext("%(file)s line %(line)s, isco08: %(value)r is not an ISCO-08 unit group") % {
                "file": source, "line": line, "value": isco})
        if not isco and not code.startswith("X"):
            errors.append(gettext("%(file)s line %(line)s, isco08: empty (only group X may have no ISCO-08 "
                                  "unit group)") % {"file": source, "line": line})
        clean.append((code, title_ru, (row.get("title_kk") or "").strip(), units.get(isco)))
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        for code, title_ru, title_kk, isco_id in clean:
            NationalOccupation.objects.update_or_create(code=code, defaults={
                "title_ru": title_ru, "title_kk": title_kk, "isco_id": isco_id})
    return len(clean)


def link_qualifications(rows: list[dict]) -> int:
    """Fill the mapping for qualifications that have none yet (an edited mapping is never overwritten) from rows
    with a qualification code, an ISCO-08 unit group and whether it is the main one."""
    qualifications = dict(Qualification.objects.values_list("code", "pk"))
    units = dict(Occupation.objects.filter(level=IscoLevel.UNIT).values_list("code", "pk"))
    mapped = set(QualificationOccupation.objects.values_list("qualification_id", flat=True).distinct())
    links, mains = [], set()
    for row in rows:
        q = qualifications.get((row.get("qualification") or "").strip())
        o = units.get((row.get("isco08") or "").strip())
        if q is None or o is None or q in mapped:
            continue
        main = (row.get("main") or "").strip() in ("1", "true", "yes") and q not in mains
        if main:
            mains.add(q)
        links.append(QualificationOccupation(qualification_id=q, occupation_id=o, is_main=main))
    QualificationOccupation.objects.bulk_create(links, ignore_conflicts=True)
    return len(links)


@transaction.atomic
def import_reference(root) -> dict:
    """Read the publishers' files under `root` into the taxonomy, on top of the committed tables. Files that
    are absent are reported and skipped; the rest loads. Returns what was loaded."""
    root = Path(root)
    if not root.is_dir():
        raise ValidationError(gettext("No reference directory %(path)s.") % {"path": root})
    report = load_taxonomy()
    missing = []

    try:
        structure = reference.isco_structure(root)
    except reference.ReferenceMissing as exc:
        missing.append(str(exc))
        structure = []
    if structure:
        created, updated = _upsert_groups([{"code": g.code, "title_en": g.title_en,
                                             "description_en": g.description_en} for g in structure])
        report["isco_groups"] = len(structure)
        report["groups_created"] += created
    try:
        okz = reference.okz_titles(root)
    except reference.ReferenceMissing as exc:
        missing.append(str(exc))
        okz = []
    if okz:
        report.update(_apply_okz(okz))
    try:
        national = reference.nkrk_occupations(root)
    except reference.ReferenceMissing as exc:
        missing.append(str(exc))
        national = []
    except ValueError as exc:
        raise ValidationError(str(exc)) from exc
    if national:
        report["national_occupations"] = _load_national([asdict(r) for r in national], source="nkrk_01_2017.csv")
    try:
        esco = list(reference.esco_occupations(root))
    except reference.ReferenceMissing as exc:
        missing.append(str(exc))
        esco = []
    if esco:
        pairs = [(o.isco, "en", label) for o in esco for label in (o.preferred, *o.alternatives)]
        report["esco_aliases"] = _replace_aliases(AliasSource.ESCO, pairs)
    try:
        report.update(_load_crosswalks(root))
    except reference.ReferenceMissing as exc:
        missing.append(str(exc))
    report["missing_files"] = missing
    return report


def _apply_okz(okz: list[reference.OkzTitle]) -> dict:
    """OKZ's Russian titles where the project has none; a truncated OKZ title is repaired from the project's
    title, or kept and flagged as truncated. OKZ titles (whole ones) also become Russian aliases."""
    units = {o.code: o for o in Occupation.objects.filter(level=IscoLevel.UNIT)}
    repaired = truncated = filled = 0
    changed = []
    for item in okz:
        obj = units.get(item.code)
        if obj is None:  # OKZ has ten codes ISCO-08 does not
            continue
        if obj.title_ru_source == "project":
            repaired += item.maybe_truncated
            continue
        source = "okz-truncated" if item.maybe_truncated else "okz"
        truncated += item.maybe_truncated
        if obj.title_ru != item.title_ru or obj.title_ru_source != source:
            obj.title_ru, obj.title_ru_source = item.title_ru, source
            changed.append(obj)
            filled += 1
    Occupation.objects.bulk_update(changed, ["title_ru", "title_ru_source"], batch_size=1000)
    aliases = _replace_aliases(AliasSource.OKZ, [(i.code, "ru", i.title_ru) for i in okz if not i.maybe_truncated])
    return {"okz_titles": filled, "okz_repaired": repaired, "okz_truncated_kept": truncated, "okz_aliases": aliases}


def _load_crosswalks(root: Path) -> dict:
    links = reference.isco_soc_crosswalk(root)
    versions = reference.soc_versions(root)
    socs: dict[tuple[int, str], str] = {}
    for link in links:
        socs[(2010, link.soc2010)] = link.soc_title
    for v in versions:
        socs.setdefault((2010, v.soc2010), v.title2010)
        socs[(2018, v.soc2018)] = v.title2018
    existing = {(s.version, s.code): s for s in SocOccupation.objects.all()}
    new = [SocOccupation(version=k[0], code=k[1], title=t[:300]) for k, t in socs.items() if k not in existing]
    SocOccupation.objects.bulk_create(new, batch_size=2000)
    ids = {(s.version, s.code): s.pk for s in SocOccupation.objects.all()}
    units = dict(Occupation.objects.filter(level=IscoLevel.UNIT).values_list("code", "pk"))
    IscoSocLink.objects.all().delete()
    SocVersionLink.objects.all().delete()
    pairs = {(units[link.isco], ids[(2010, link.soc2010)]): link.partial for link in links if link.isco in units}
    IscoSocLink.objects.bulk_create([IscoSocLink(occupation_id=o, soc_id=s, partial=p) for (o, s), p in pairs.items()],
                                    batch_size=2000)
    version_pairs = {(ids[(2010, v.soc2010)], ids[(2018, v.soc2018)]) for v in versions}
    SocVersionLink.objects.bulk_create([SocVersionLink(soc2010_id=a, soc2018_id=b) for a, b in version_pairs],
                                       batch_size=2000)
    return {"soc_occupations": len(ids), "isco_soc_links": len(pairs), "soc_version_links": len(version_pairs)}


# --- the qualification → occupations mapping ---------------------------------------------------------------
@transaction.atomic
def set_qualification_occupations(actor, qualification: Qualification, codes: list[str],
                                  main: str | None = None) -> list[QualificationOccupation]:
    """Replace the occupations a qualification leads to by these ISCO-08 unit groups; `main` (one of them,
    the first by default) is the main one."""
    if actor is not None and not policy.can_edit_mapping(actor):
        raise PermissionDenied(gettext("You may not change which occupations qualifications lead to."))
    codes = [str(c).strip() for c in codes if str(c).strip()]
    if len(set(codes)) != len(codes):
        raise ValidationError({"occupations": gettext("An occupation is listed twice.")})
    units = {o.code: o for o in Occupation.objects.filter(code__in=codes, level=IscoLevel.UNIT)}
    unknown = [c for c in codes if c not in units]
    if unknown:
        raise ValidationError({"occupations": gettext("Not an ISCO-08 unit group: %(codes)s.")
                               % {"codes": ", ".join(unknown)}})
    if main is not None and main not in codes:
        raise ValidationError({"main": gettext("The main occupation must be one of the listed ones.")})
    main = main or (codes[0] if codes else None)
    QualificationOccupation.objects.filter(qualification=qualification).delete()
    return [QualificationOccupation.objects.create(qualification=qualification, occupation=units[c],
                                                   is_main=(c == main)) for c in codes]
