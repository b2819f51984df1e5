"""Import of workforce needs (заявки на кадры) declared by enterprises.

A row names the enterprise by its BIN, the occupation by its title and, when known, its code
(ISCO-08 unit group or НК РК 01-2017 occupation group), the number of people, the year and the
district by its КАТО code. A row whose enterprise, occupation, qualification, year and district
match a stored need updates that need (so an exported file imports back without duplicates).
An enterprise's HR imports its own enterprise's needs only.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kasip.core import audit
from kasip.core.imports import Column, ImportSpec, RowInvalid, register
from kasip.registry.models import District, Enterprise, Qualification

from . import policy
from .models import OCCUPATION_CODE, WorkforceNeed
from .services import MAX_COUNT


def parse_int(text: str, low: int, high: int) -> int | None:
    text = (text or "").replace(" ", "").replace("\u00a0", "")
    if text.endswith(".0"):  # a number typed into a spreadsheet cell as a decimal
        text = text[:-2]
    if not re.fullmatch(r"[0-9]{1,9}", text):
        return None
    value = int(text)
    return value if low <= value <= high else None


def need_key(need: WorkforceNeed) -> tuple:
    return (need.enterprise_id, need.occupation_title, need.occupation_code, need.qualification_id, need.year,
            need.district_id)


class NeedImport(ImportSpec):
    kind = "needs"
    title = gettext_lazy("Workforce needs")
    columns = (
        Column("enterprise", gettext_lazy("Enterprise BIN"), (
            "enterprise", "bin", "бин", "бин предприятия", "бин работодателя", "предприятие", "работодатель",
            "бсн", "кәсіпорын бсн", "кәсіпорынның бсн", "жұмыс беруші бсн", "кәсіпорын")),
        Column("occupation_title", gettext_lazy("Occupation"), (
            "occupation title", "occupation", "profession", "job title", "профессия", "наименование профессии",
            "должность", "профессия должность", "кәсіп", "кәсіп атауы", "мамандық атауы", "лауазым")),
        Column("occupation_code", gettext_lazy("Occupation code"), (
            "isco", "isco 08", "isco code", "нк рк", "код нк рк", "код профессии", "код занятия", "кәсіп коды",
            "нк рк коды", "ҚР ҰЖ", "ҚР ҰЖ коды"), required=False),
        Column("qualification", gettext_lazy("Qualification code"), (
            "qualification", "код квалификации", "квалификация", "біліктілік коды", "біліктілік"), required=False),
        Column("skill_level", gettext_lazy("Qualification level"), (
            "skill level", "level", "уровень квалификации", "квалификационный уровень", "разряд", "біліктілік деңгейі",
            "деңгей"), required=False),
        Column("count", gettext_lazy("Number of people"), (
            "count", "number", "quantity", "количество", "потребность", "потребность чел", "число", "кол во",
            "саны", "адам саны", "қажеттілік")),
        Column("year", gettext_lazy("Year"), ("год", "год потребности", "жыл")),
        Column("district", gettext_lazy("District КАТО"), (
            "district", "kato", "като", "код като", "район като", "district kato", "аудан като", "аудан",
            "ӘАОЖ", "ӘАОЖ коды", "аудан ӘАОЖ")),
        Column("comment", gettext_lazy("Comment"), ("note", "комментарий", "примечание", "түсініктеме", "ескерту"),
               required=False),
    )

    def can_import(self, user) -> bool:
        return policy.can_import_needs(user)

    def start(self, actor) -> dict:
        existing = WorkforceNeed.objects.all()
        if policy.own_enterprise_only(actor):
            existing = existing.filter(enterprise_id=actor.organisation_id)
        return {
            "enterprises": {e.bin: e for e in Enterprise.objects.all()},
            "own": Enterprise.objects.filter(pk=actor.organisation_id).first() if policy.own_enterprise_only(actor)
            else None,
            "districts": {d.kato: d for d in District.objects.all()},
            "qualifications": {q.code: q for q in Qualification.objects.all()},
            "existing": {need_key(n): n for n in existing},
        }

    def _enterprise(self, values, context, actor, problems):
        bin_ = values["enterprise"].strip()
        if policy.own_enterprise_only(actor):
            own = context["own"]
            if own is None:
                problems.append(("enterprise", _("Your account is not attached to an enterprise.")))
            elif bin_ and bin_ != own.bin:
                problems.append(("enterprise", _("You may import only your own enterprise's needs (BIN %(bin)s).")
                                 % {"bin": own.bin}))
            return own
        if not bin_:
            problems.append(("enterprise", _("This value is required.")))
            return None
        enterprise = context["enterprises"].get(bin_)
        if enterprise is None:
            problems.append(("enterprise", _("No enterprise with BIN %(value)s.") % {"value": bin_}))
        return enterprise

    def validate_row(self, values, context, actor):
        problems = []
        enterprise = self._enterprise(values, context, actor, problems)
        title = " ".join(values["occupation_title"].split())
        if not title:
            problems.append(("occupation_title", _("This value is required.")))
        elif len(title) > 300:
            problems.append(("occupation_title", _("The value is longer than %(limit)s characters.") % {"limit": 300}))
        code = values["occupation_code"].strip()
        if code and not OCCUPATION_CODE.match(code):
            problems.append(("occupation_code", _("“%(value)s” is not an occupation code: an occupation code is 4 "
                                                  "digits (ISCO-08) or like 4110-9 (НК РК 01-2017).")
                             % {"value": code}))
        qualification = None
        if values["qualification"]:
            qualification = context["qualifications"].get(values["qualification"].strip().upper())
            if qualification is None:
                problems.append(("qualification", _("Unknown qualification code “%(value)s”.")
                                 % {"value": values["qualification"]}))
        level = None
        if values["skill_level"]:
            level = parse_int(values["skill_level"], 1, 4)
            if level is None:
                problems.append(("skill_level", _("A qualification level is a whole number from 1 to 4.")))
        count = parse_int(values["count"], 1, MAX_COUNT)
        if count is None:
            problems.append(("count", _("Give a number of people from 1 to %(max)s.") % {"max": MAX_COUNT}))
        year = parse_int(values["year"], 2000, 2100)
        if year is None:
            problems.append(("year", _("Give a year between 2000 and 2100.")))
        district = context["districts"].get(values["district"].strip())
        if district is None:
            problems.append(("district", _("Unknown КАТО code “%(value)s”.") % {"value": values["district"]}))
        comment = values["comment"].strip()
        if len(comment) > 500:
            problems.append(("comment", _("The value is longer than %(limit)s characters.") % {"limit": 500}))
        if problems:
            raise RowInvalid(*problems)
        need = WorkforceNeed(enterprise=enterprise, occupation_title=title, occupation_code=code,
                             qualification=qualification, year=year, district=district)
        need = context["existing"].get(need_key(need)) or need
        need.skill_level, need.count, need.comment, need.is_active = level, count, comment, True
        return need

    def unique_keys(self, item):
        enterprise = item.enterprise.bin
        code = f" {item.occupation_code}" if item.occupation_code else ""
        qualification = f" / {item.qualification.code}" if item.qualification_id else ""
        return [("occupation_title", f"{enterprise}: {item.occupation_title}{code}{qualification}, {item.year}, "
                                     f"{item.district.kato}")]

    def save(self, items, actor):
        """Save row by row, so that every need gets its audit entry."""
        created = sum(1 for need in items if need.pk is None)
        with audit.acting_as(actor):
            for need in items:
                need.save()
        return created, len(items) - created


register(NeedImport())
