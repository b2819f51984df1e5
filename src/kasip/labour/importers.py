"""Import of other outlooks shown beside Kasip's own figures: the Ministry of Labour's forecast of the workers
each occupation needs (per year, for the region or a district) and the Atlas of new professions' marks of new and
changing occupations. One file may hold both (a `source` column); codes are ISCO-08 unit groups or НК РК
01-2017 codes (mapped through the crosswalk). Importing a source's rows replaces that source's rows for the same
occupations, years and districts, so a file imports again without duplicates."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kasip.core.imports import Column, ImportSpec, RowInvalid, register
from kasip.registry.models import District

from . import policy
from .models import (
    ExternalOutlook,
    IscoLevel,
    NationalOccupation,
    Occupation,
    OutlookSource,
    OutlookStatus,
)

SOURCES = {"ministry": OutlookSource.MINISTRY, "mtszn": OutlookSource.MINISTRY, "мтсзн": OutlookSource.MINISTRY,
           "министерство": OutlookSource.MINISTRY, "минтруда": OutlookSource.MINISTRY, "еңбек министрлігі":
           OutlookSource.MINISTRY, "atlas": OutlookSource.ATLAS, "атлас": OutlookSource.ATLAS}
STATUSES = {"new": OutlookStatus.NEW, "новая": OutlookStatus.NEW, "новая профессия": OutlookStatus.NEW,
            "жаңа": OutlookStatus.NEW, "changing": OutlookStatus.CHANGING, "трансформируемая": OutlookStatus.CHANGING,
            "меняющаяся": OutlookStatus.CHANGING, "өзгеретін": OutlookStatus.CHANGING}


def _int(text: str, low: int, high: int) -> int | None:
    text = (text or "").replace(" ", "").replace("\u00a0", "")
    if text.endswith(".0"):
        text = text[:-2]
    return int(text) if text.isdigit() and low <= int(text) <= high else None


class OutlookImport(ImportSpec):
    kind = "outlook"
    title = gettext_lazy("Outlooks: the Ministry of Labour's forecast, the Atlas of new professions")
    columns = (
        Column("source", gettext_lazy("Source"), ("source", "источник", "дереккөз")),
        Column("occupation_code", gettext_lazy("Occupation code"), (
            "occupation code", "isco", "isco 08", "нк рк", "код нк рк", "код профессии", "код занятия",
            "кәсіп коды")),
        Column("occupation_title", gettext_lazy("Occupation"), (
            "occupation", "occupation title", "профессия", "наименование профессии", "кәсіп", "кәсіп атауы"),
            required=False),
        Column("year", gettext_lazy("Year"), ("год", "жыл"), required=False),
        Column("value", gettext_lazy("Workers needed"), (
            "value", "need", "needed", "forecast", "потребность", "прогноз", "прогноз потребности", "количество",
            "қажеттілік", "болжам"), required=False),
        Column("status", gettext_lazy("Mark"), ("status", "mark", "тип", "статус", "белгі"), required=False),
        Column("district", gettext_lazy("District КАТО"), ("district", "kato", "като", "код като", "аудан"),
               required=False),
        Column("comment", gettext_lazy("Comment"), ("note", "комментарий", "примечание", "түсініктеме"),
               required=False),
    )

    def can_import(self, user) -> bool:
        return policy.can_import_outlooks(user)

    def start(self, actor) -> dict:
        return {"units": set(Occupation.objects.filter(level=IscoLevel.UNIT).values_list("code", flat=True)),
                "national": dict(NationalOccupation.objects.filter(isco__isnull=False).values_list("code", "isco__code")),
                "districts": {d.kato: d for d in District.objects.all()}}

    def validate_row(self, values, context, actor):
        problems = []
        source = SOURCES.get(values["source"].strip().lower())
        if source is None:
            problems.append(("source", _("“%(value)s” is not a source: write ministry or atlas.")
                             % {"value": values["source"][:40]}))
        code = values["occupation_code"].strip().upper()
        isco = code if code in context["units"] else context["national"].get(code)
        if not code:
            problems.append(("occupation_code", _("This value is required.")))
        elif isco is None:
            problems.append(("occupation_code", _("“%(value)s” is neither an ISCO-08 unit group nor an НК РК 01-2017 "
                                                  "code Kasip knows.") % {"value": code[:20]}))
        year = value = None
        if values["year"].strip():
            year = _int(values["year"], 2000, 2100)
            if year is None:
                problems.append(("year", _("Give a year between 2000 and 2100.")))
        if values["value"].strip():
            value = _int(values["value"], 0, 10_000_000)
            if value is None:
                problems.append(("value", _("Give a whole number of workers, 0 or more.")))
        status = ""
        if values["status"].strip():
            status = STATUSES.get(values["status"].strip().lower())
            if status is None:
                problems.append(("status", _("“%(value)s” is not a mark: write new or changing.")
                                 % {"value": values["status"][:40]}))
        if source == OutlookSource.MINISTRY:
            if year is None and not values["year"].strip():
                problems.append(("year", _("The Ministry's forecast needs the year.")))
            if value is None and not values["value"].strip():
                problems.append(("value", _("The Ministry's forecast needs the number of workers.")))
        if source == OutlookSource.ATLAS and not status and not values["status"].strip():
            problems.append(("status", _("An Atlas row needs its mark: new or changing.")))
        district = None
        if values["district"].strip():
            district = context["districts"].get(values["district"].strip())
            if district is None:
                problems.append(("district", _("Unknown КАТО code “%(value)s”.") % {"value": values["district"][:20]}))
        title, comment = " ".join(values["occupation_title"].split()), values["comment"].strip()
        if len(title) > 300:
            problems.append(("occupation_title", _("The value is longer than %(limit)s characters.") % {"limit": 300}))
        if len(comment) > 500:
            problems.append(("comment", _("The value is longer than %(limit)s characters.") % {"limit": 500}))
        if problems:
            raise RowInvalid(*problems)
        return ExternalOutlook(source=source, isco08=isco, occupation_code=code, occupation_title=title, year=year,
                               value=value, status=status or "", district=district, comment=comment)

    def unique_keys(self, item):
        # by unit group: 4110 and 4110-9 of the same year and district are one figure, not two to add up
        return [("occupation_code", f"{item.source} {item.isco08} {item.year or ''} "
                                    f"{item.district.kato if item.district_id else ''}")]

    def save(self, items, actor):
        """Replace the rows of the same source, occupation, year and district (the import job is audited)."""
        replaced = 0
        with transaction.atomic():
            for item in items:
                replaced += ExternalOutlook.objects.filter(source=item.source, isco08=item.isco08, year=item.year,
                                                           district=item.district).delete()[0]
            ExternalOutlook.objects.bulk_create(items)
        return len(items) - min(replaced, len(items)), min(replaced, len(items))


register(OutlookImport())
