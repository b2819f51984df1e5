"""Compile the .po catalogues to .mo with polib (no GNU gettext needed on the machine)."""

from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parent.parent / "src" / "kasip" / "locale"

for po_path in sorted(LOCALE.glob("*/LC_MESSAGES/*.po")):
    po = polib.pofile(str(po_path))
    po.save_as_mofile(str(po_path.with_suffix(".mo")))
    print(f"{po_path.relative_to(LOCALE)}: {len(po.translated_entries())} translated, "
          f"{len(po.untranslated_entries())} untranslated, {len(po.fuzzy_entries())} fuzzy")
