"""ru (default), kk and en are kept complete: a missing or stale translation fails here."""

import re
from pathlib import Path

import polib
import pytest
from django.test import Client

LOCALE = Path(__file__).resolve().parent.parent / "src" / "kasip" / "locale"
SRC = LOCALE.parent
LANGUAGES = ("ru", "kk", "en")


def catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated(language):
    po = catalogue(language)
    missing = [e.msgid for e in po if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)]
    assert missing == [], f"{language}: {len(missing)} untranslated, e.g. {missing[:5]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalogue_matches_the_source(language):
    po = catalogue(language)
    mo = polib.mofile(str(LOCALE / language / "LC_MESSAGES" / "django.mo"))

    def text(entry):
        if entry.msgid_plural:
            return tuple(v for _k, v in sorted((int(k), v) for k, v in entry.msgstr_plural.items()))
        return entry.msgstr

    compiled = {(e.msgctxt, e.msgid): text(e) for e in mo}
    stale = [e.msgid for e in po.translated_entries() if compiled.get((e.msgctxt, e.msgid)) != text(e)]
    assert stale == [], f"{language}: run `make messages`; stale: {stale[:5]}"


TRANSLATE_CALL = re.compile(r"""(?:\b_l?|gettext(?:_lazy|_noop)?)\(\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')\s*[,)%]""")
TEMPLATE_TAG = re.compile(r"""{%\s*translate\s+(?:"([^"]*)"|'([^']*)')""")


def source_messages() -> set[str]:
    found = set()
    for path in SRC.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for m in TRANSLATE_CALL.finditer(path.read_text(encoding="utf-8")):
            found.add((m.group(1) or m.group(2) or "").encode().decode("unicode_escape").encode("latin-1").decode("utf-8"))
    for path in SRC.rglob("*.html"):
        for m in TEMPLATE_TAG.finditer(path.read_text(encoding="utf-8")):
            # Django looks a template's literal "%" up as "%%" (its catalogue entries are python-format)
            found.add((m.group(1) or m.group(2) or "").replace("%", "%%"))
    found.discard("")
    return found


def test_every_message_in_the_code_is_in_the_catalogues():
    known = {e.msgid for e in catalogue("ru")}
    missing = sorted(source_messages() - known)
    assert missing == [], f"run `make messages` and translate: {missing[:10]}"


@pytest.mark.parametrize("language,heading", [("ru", "Профессиональное"), ("kk", "кәсіптік"), ("en", "Vocational")])
def test_the_landing_page_speaks_each_language(db, language, heading):
    client = Client()
    client.post("/i18n/setlang/", {"language": language, "next": "/"})
    body = client.get("/").content.decode()
    assert f'<html lang="{language}">' in body
    assert heading.lower() in body.lower()


def test_the_default_language_wins_over_the_browsers(db, settings):
    settings.LANGUAGE_CODE = "ru"
    body = Client().get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="ru">' in body


def test_a_users_own_language_applies_until_the_switcher_is_used(users, settings):
    settings.LANGUAGE_CODE = "ru"
    user = users["student"]
    user.language = "kk"
    user.save()
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    assert '<html lang="kk">' in client.get("/home/").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert '<html lang="en">' in client.get("/home/").content.decode()
