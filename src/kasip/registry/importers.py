"""Import of colleges: BIN with its check digit, КАТО district, languages of instruction."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kasip.core import audit
from kasip.core.importers import choice_lookup
from kasip.core.imports import Column, ImportSpec, RowInvalid, register
from kasip.core.tabular import normalise_header
from kasip.core.validators import IdentifierError, validate_bin

from . import policy
from .models import College, District, Language, Ownership

LANGUAGE_ALIASES = {
    "kk": "kk", "kaz": "kk", "қаз": "kk", "каз": "kk", "казахский": "kk", "қазақ": "kk", "қазақша": "kk",
    "қазақ тілі": "kk", "kazakh": "kk", "ru": "ru", "rus": "ru", "рус": "ru", "русский": "ru", "орыс": "ru",
    "орысша": "ru", "орыс тілі": "ru", "russian": "ru", "en": "en", "eng": "en", "англ": "en",
    "английский": "en", "ағылшын": "en", "ағылшын тілі": "en", "ағылшынша": "en", "english": "en",
}
OWNERSHIP_ALIASES = {
    "государственный": "state", "государственная": "state", "гос": "state", "мемлекеттік": "state",
    "частный": "private", "частная": "private", "жеке": "private", "жекеменшік": "private",
}


def parse_languages(text: str) -> tuple[list[str], list[str]]:
    codes, unknown = [], []
    for part in re.split(r"[,;/|+]+|\s{2,}| и | және | and ", text.strip()):
        token = normalise_header(part)
        if not token:
            continue
        code = LANGUAGE_ALIASES.get(token)
        if code is None:
            unknown.append(part.strip())
        elif code not in codes:
            codes.append(code)
    return codes, unknown


class CollegeImport(ImportSpec):
    kind = "colleges"
    title = gettext_lazy("Colleges")
    columns = (
        Column("bin", gettext_lazy("BIN"), ("бин", "бсн")),
        Column("name_kk", gettext_lazy("Name (Kazakh)"), ("name kk", "наименование на казахском", "наименование каз",
                                                "атауы", "атауы қазақ тілінде", "атауы қаз")),
        Column("name_ru", gettext_lazy("Name (Russian)"), ("name ru", "name", "наименование", "название",
                                                 "наименование на русском", "атауы орыс тілінде"), required=False),
        Column("name_en", gettext_lazy("Name (English)"), ("name en", "наименование на английском",
                                                 "атауы ағылшын тілінде"), required=False),
        Column("district", gettext_lazy("District КАТО"), ("district", "kato", "като", "код като", "район като",
                                                  "district kato", "аудан като", "като коды", "аудан")),
        Column("ownership", gettext_lazy("Ownership"), ("форма собственности", "собственность", "меншік нысаны",
                                              "меншік"), required=False),
        Column("languages", gettext_lazy("Languages of instruction"), ("languages", "language", "языки обучения",
                                                             "язык обучения", "оқыту тілі", "оқыту тілдері")),
        Column("nobd_id", gettext_lazy("НОБД ID"), ("nobd id", "nobd", "нобд", "id нобд", "код нобд", "ұбдқ", "ұбдқ id"), required=False),
        Column("address", gettext_lazy("Address"), ("адрес", "мекенжай"), required=False),
        Column("phone", gettext_lazy("Phone"), ("телефон",), required=False),
        Column("email", gettext_lazy("E-mail"), ("email", "эл. почта", "электронная почта", "электрондық пошта"), required=False),
        Column("website", gettext_lazy("Website"), ("сайт", "веб-сайт", "web site"), required=False),
    )

    def can_import(self, user) -> bool:
        return policy.can_import_colleges(user)

    def start(self, actor) -> dict:
        return {
            "districts": {d.kato: d for d in District.objects.all()},
            "colleges": {c.bin: c for c in College.objects.all()},
            "nobd": dict(College.objects.exclude(nobd_id=None).values_list("nobd_id", "bin")),
            "ownership": choice_lookup(Ownership.choices, OWNERSHIP_ALIASES),
        }

    def validate_row(self, values, context, actor):
        problems = []
        bin_ = values["bin"].strip()
        try:
            validate_bin(bin_)
        except IdentifierError as exc:
            problems.append(("bin", _(str(exc))))
        if not values["name_kk"]:
            problems.append(("name_kk", _("The Kazakh name is required.")))
        district = context["districts"].get(values["district"].strip())
        if district is None:
            problems.append(("district", _("Unknown КАТО code “%(value)s”.") % {"value": values["district"]}))
        ownership = "state"
        if values["ownership"]:
            ownership = context["ownership"].get(normalise_header(values["ownership"]))
            if ownership is None:
                problems.append(("ownership", _("Unknown ownership “%(value)s”; use state or private.")
                                 % {"value": values["ownership"]}))
        languages, unknown = parse_languages(values["languages"])
        if unknown:
            problems.append(("languages", _("Unknown language “%(value)s”; use kk, ru or en.")
                             % {"value": ", ".join(unknown)}))
        elif not languages:
            problems.append(("languages", _("Give at least one language of instruction.")))
        nobd = values["nobd_id"].strip() or None
        if nobd and context["nobd"].get(nobd, bin_) != bin_:
            problems.append(("nobd_id", _("НОБД ID %(value)s belongs to another college.") % {"value": nobd}))
        if values["email"]:
            try:
                validate_email(values["email"])
            except ValidationError:
                problems.append(("email", _("“%(value)s” is not a valid e-mail address.") % {"value": values["email"]}))
        website = values["website"].strip()
        if website and not website.startswith(("http://", "https://")):
            website = "https://" + website
        if website:
            try:
                URLValidator()(website)
            except ValidationError:
                problems.append(("website", _("“%(value)s” is not a valid web address.") % {"value": values["website"]}))
        if problems:
            raise RowInvalid(*problems)
        college = context["colleges"].get(bin_) or College(bin=bin_)
        for key, value in {
            "name_kk": values["name_kk"], "name_ru": values["name_ru"], "name_en": values["name_en"],
            "district": district, "ownership": ownership, "languages": ",".join(sorted(languages, key=Language.values.index)),
            "nobd_id": nobd, "address": values["address"], "phone": values["phone"],
            "email": values["email"], "website": website,
        }.items():
            setattr(college, key, value)
        return college

    def unique_keys(self, item):
        keys = [("bin", item.bin)]
        if item.nobd_id:
            keys.append(("nobd_id", item.nobd_id))
        return keys

    def save(self, items, actor):
        """Save row by row so that each college gets its organisation row and its audit entry."""
        created = sum(1 for c in items if c.pk is None)
        with audit.acting_as(actor):
            for college in items:
                college.save()
        return created, len(items) - created


register(CollegeImport())
