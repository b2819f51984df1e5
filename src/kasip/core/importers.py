"""Import of user accounts from a file: each new account gets an invitation link."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import audit, policy
from .imports import Column, ImportSpec, RowInvalid, register
from .models import ROLE_ORG_KIND, Organisation, Role, User
from .tabular import normalise_header
from .validators import IdentifierError, validate_iin


def choice_lookup(choices, extra: dict[str, str] | None = None) -> dict[str, str]:
    """Map a choice's code and its label in every language to the code."""
    lookup = {}
    for code, label in choices:
        lookup[normalise_header(code)] = code
        for language in ("ru", "kk", "en"):
            with translation.override(language):
                lookup[normalise_header(str(label))] = code
    for alias, code in (extra or {}).items():
        lookup[normalise_header(alias)] = code
    return lookup


class UserImport(ImportSpec):
    kind = "users"
    title = gettext_lazy("User accounts")
    columns = (
        Column("email", gettext_lazy("E-mail"), ("email", "e-mail", "эл. почта", "электронная почта", "почта",
                                       "электрондық пошта", "эл пошта")),
        Column("last_name", gettext_lazy("Last name"), ("surname", "фамилия", "тегі")),
        Column("first_name", gettext_lazy("First name"), ("name", "given name", "имя", "аты")),
        Column("patronymic", gettext_lazy("Patronymic"), ("middle name", "отчество", "әкесінің аты"), required=False),
        Column("role", gettext_lazy("Role"), ("роль", "рөл", "рөлі")),
        Column("organisation", gettext_lazy("Organisation BIN"), ("organisation", "organization", "bin", "бин",
                                                        "организация", "бин организации", "ұйым", "бсн",
                                                        "ұйымның бсн"), required=False),
        Column("iin", gettext_lazy("IIN"), ("иин", "жсн"), required=False),
        Column("phone", gettext_lazy("Phone"), ("телефон", "phone number"), required=False),
        Column("language", gettext_lazy("Language"), ("язык", "тіл"), required=False),
    )

    def can_import(self, user) -> bool:
        return policy.can_manage_users(user)

    def start(self, actor) -> dict:
        return {
            "roles": choice_lookup(Role.choices),
            "languages": choice_lookup([("kk", "қазақша"), ("ru", "русский"), ("en", "english")],
                                       {"қаз": "kk", "рус": "ru", "eng": "en", "казахский": "kk",
                                        "орыс": "ru", "ағылшын": "en", "английский": "en"}),
            "orgs": {o.bin: o for o in Organisation.objects.exclude(bin=None)},
            "emails": set(User.objects.values_list("email", flat=True)),
            "usernames": set(User.objects.values_list("username", flat=True)),
            "iins": set(User.objects.exclude(iin=None).values_list("iin", flat=True)),
        }

    def validate_row(self, values, context, actor):
        problems = []
        email = values["email"].strip().lower()
        try:
            validate_email(email)
        except ValidationError:
            problems.append(("email", _("“%(value)s” is not a valid e-mail address.") % {"value": values["email"]}))
        else:
            if email in context["emails"] or email in context["usernames"]:
                problems.append(("email", _("An account with this e-mail already exists.")))
        for key in ("last_name", "first_name"):
            if not values[key]:
                problems.append((key, _("This value is required.")))
        role = context["roles"].get(normalise_header(values["role"]))
        if role is None:
            problems.append(("role", _("Unknown role “%(value)s”.") % {"value": values["role"]}))
        organisation = None
        if values["organisation"]:
            organisation = context["orgs"].get(values["organisation"].strip())
            if organisation is None:
                problems.append(("organisation", _("No organisation with BIN %(value)s.") % {"value": values["organisation"]}))
        elif actor is not None and not policy.is_region_admin(actor):
            organisation = actor.organisation
        if role is not None and (organisation is not None or ROLE_ORG_KIND.get(role) is None):
            needed = ROLE_ORG_KIND.get(role)
            if needed and organisation.kind != needed:
                problems.append(("organisation", _("This role needs an organisation of kind “%(kind)s”.")
                                 % {"kind": needed.label}))
            elif not policy.can_create_user(actor, role, organisation):
                problems.append(("role", _("You may not create accounts with this role in this organisation.")))
        elif role is not None and ROLE_ORG_KIND.get(role):
            problems.append(("organisation", _("This value is required.")))
        iin = values["iin"].strip() or None
        if iin:
            try:
                validate_iin(iin)
            except IdentifierError as exc:
                problems.append(("iin", _(str(exc))))
            else:
                if iin in context["iins"]:
                    problems.append(("iin", _("An account with this IIN already exists.")))
        language = ""
        if values["language"]:
            language = context["languages"].get(normalise_header(values["language"]), "")
            if not language:
                problems.append(("language", _("Unknown language “%(value)s”; use kk, ru or en.") % {"value": values["language"]}))
        if problems:
            raise RowInvalid(*problems)
        return User(username=email, email=email, first_name=values["first_name"], last_name=values["last_name"],
                    patronymic=values["patronymic"], role=role, organisation=organisation, iin=iin,
                    phone=values["phone"], language=language)

    def unique_keys(self, item):
        keys = [("email", item.email)]
        if item.iin:
            keys.append(("iin", item.iin))
        return keys

    def save(self, items, actor):
        from .services import issue_invitation, send_invitation

        for user in items:
            user.set_unusable_password()
        User.objects.bulk_create(items, batch_size=500)
        created = list(User.objects.filter(username__in=[u.username for u in items]))
        audit.bulk_log_created(created, actor)
        for user in created:
            token = issue_invitation(user, actor)
            transaction.on_commit(lambda u=user, t=token: send_invitation(u, t))
        return len(created), 0


register(UserImport())
