"""Import and export of the learning outcomes of qualifications (результаты обучения / оқыту нәтижелері).

A row names the qualification by its code and the outcome by its code within it; a row whose qualification and
code are stored updates that outcome, so an exported file imports back without duplicates. The college staff and
the region admin import them (`kasip import learning-outcomes FILE`, or the web import page).
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kasip.core.exports import ExportSpec
from kasip.core.exports import register as register_export
from kasip.core.imports import Column, ImportSpec, Problems, parse_bool, parse_int, register
from kasip.registry.models import Qualification

from . import policy
from .models import LearningOutcome

MAX_POSITION = 32767


class LearningOutcomeImport(ImportSpec):
    kind = "learning-outcomes"
    title = gettext_lazy("Learning outcomes")
    columns = (
        Column("qualification", gettext_lazy("Qualification code"), (
            "qualification", "код квалификации", "квалификация", "біліктілік коды", "біліктілік")),
        Column("code", gettext_lazy("Outcome code"), (
            "code", "код", "код результата", "код РО", "ро", "нәтиже коды", "он коды")),
        Column("name_kk", gettext_lazy("Name (Kazakh)"), (
            "name kk", "наименование на казахском", "атауы", "атауы қазақ тілінде", "наименование каз")),
        Column("name_ru", gettext_lazy("Name (Russian)"), (
            "name ru", "наименование", "результат обучения", "наименование на русском", "атауы орыс тілінде"),
               required=False),
        Column("name_en", gettext_lazy("Name (English)"), (
            "name en", "наименование на английском", "атауы ағылшын тілінде"), required=False),
        Column("position", gettext_lazy("Position"), ("position", "порядок", "№", "номер", "реті"), required=False),
        Column("is_active", gettext_lazy("Active"), ("active", "активен", "действует", "белсенді"), required=False),
    )

    def can_import(self, user) -> bool:
        return policy.can_manage_outcomes(user)

    def start(self, actor) -> dict:
        return {"qualifications": {q.code: q for q in Qualification.objects.all()},
                "existing": {(o.qualification_id, o.code): o for o in LearningOutcome.objects.all()}}

    def validate_row(self, values, context, actor):
        problems = Problems()
        qualification = None
        if problems.need(values, "qualification"):
            code = values["qualification"].strip().upper()
            qualification = context["qualifications"].get(code)
            if qualification is None:
                problems.append(("qualification", _("No qualification %(code)s.") % {"code": code}))
        code = values["code"].strip().upper()
        if problems.need(values, "code") and len(code) > 20:
            problems.append(("code", _("An outcome code has at most 20 characters.")))
        if not values["name_kk"]:
            problems.append(("name_kk", _("The Kazakh name is required.")))
        for key in ("name_kk", "name_ru", "name_en"):
            if len(values[key]) > 500:
                problems.append((key, _("At most %(n)s characters.") % {"n": 500}))
        position = 0
        if values["position"]:
            position = parse_int(values["position"].removesuffix(".0"), 0, MAX_POSITION)
            if position is None:
                problems.append(("position", _("Give the position as a whole number from 0 to %(max)s.")
                                 % {"max": MAX_POSITION}))
        active = True
        if values["is_active"]:
            active = parse_bool(values["is_active"])
            if active is None:
                problems.append(("is_active", _("Write yes or no.")))
        problems.check()
        obj = context["existing"].get((qualification.pk, code)) or LearningOutcome(qualification=qualification,
                                                                                     code=code)
        obj.name_kk, obj.name_ru, obj.name_en = values["name_kk"], values["name_ru"], values["name_en"]
        obj.position, obj.is_active = position, active
        return obj

    def unique_keys(self, item):
        return [("code", f"{item.qualification.code} {item.code}")]


register(LearningOutcomeImport())


def _outcome_rows(actor):
    from . import selectors

    for o in selectors.outcomes(actor).iterator(chunk_size=2000):
        yield [o.qualification.code, o.code, o.name_kk, o.name_ru, o.name_en, o.position,
               "yes" if o.is_active else "no"]


register_export(ExportSpec("learning-outcomes", gettext_lazy("Learning outcomes"), policy.can_list_outcomes,
                           LearningOutcomeImport().template_headers, _outcome_rows))
