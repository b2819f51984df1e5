"""Fill given msgids in the three catalogues: python scripts/add_translations.py FILE.json

FILE.json: {"msgid": {"ru": "...", "kk": "...", "en": "..."}, ...}; plural entries take lists.
Then compiles the catalogues. A helper for small additions between full translation passes.
"""

import json
import sys
from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parent.parent / "src" / "kasip" / "locale"

table = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
for language in ("ru", "kk", "en"):
    path = LOCALE / language / "LC_MESSAGES" / "django.po"
    po = polib.pofile(str(path))
    for entry in po:
        if entry.msgid in table:
            value = table[entry.msgid][language]
            if isinstance(value, list):
                entry.msgstr_plural = dict(enumerate(value))
            else:
                entry.msgstr = value
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            entry.previous_msgid = entry.previous_msgid_plural = None
    po.save(str(path))
    missing = [e.msgid for e in po.untranslated_entries() + po.fuzzy_entries()]
    print(language, "still missing:", missing)
