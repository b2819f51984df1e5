"""Names stored as name_kk / name_ru / name_en, shown in the interface language."""

from django.utils.translation import get_language

FALLBACK = ("ru", "kk", "en")


def localized(obj, field: str = "name", language: str | None = None) -> str:
    language = (language or get_language() or "ru")[:2]
    for code in (language, *FALLBACK):
        value = getattr(obj, f"{field}_{code}", "") or ""
        if value:
            return value
    return ""
