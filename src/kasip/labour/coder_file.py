"""The occupation coder the site, the API and the commands use: one file
(``settings.KASIP_CODER_PATH``, ``var/coder.pkl`` by default), loaded once per process and
loaded again when the file changes (after ``kasip coder-train`` or the background job).

Building the coder takes a minute or two, so a web request never builds it: it reports the
command instead. Commands may build a missing file (``get_coder(build_missing=True)``).
"""

from __future__ import annotations

import threading
from pathlib import Path

from django.conf import settings

from kasip.labour.coder import REBUILD_COMMAND, CoderFileError, OccupationCoder, build_coder

_lock = threading.Lock()
_cache: dict = {"key": None, "coder": None}


class CoderUnavailable(Exception):
    """The coder file is missing or corrupt; the message says how to rebuild it."""


def coder_path() -> Path:
    return Path(settings.KASIP_CODER_PATH)


def reference_for_build():
    """The reference directory the coder is built from (False: the committed lexicon only)."""
    return settings.KASIP_REFERENCE_DIR or False


def build_and_save(path: Path | None = None, extra=None) -> OccupationCoder:
    """Fit the coder from the lexicon (and reference data when present) plus ``extra``
    confirmed codings [(title, code), ...], save it atomically and make it current."""
    coder = build_coder(reference=reference_for_build())
    if extra:
        titles, codes = zip(*extra, strict=True)
        coder.add_confirmed(list(titles), list(codes))
    return save_coder(coder, path)


def save_coder(coder: OccupationCoder, path: Path | None = None) -> OccupationCoder:
    path = Path(path or coder_path())
    coder.save(path)  # written to a temporary file, then renamed
    with _lock:
        _cache["key"] = None
    return coder


def get_coder(build_missing: bool = False) -> OccupationCoder:
    """The current coder. Raises ``CoderUnavailable`` (with the rebuild command) when the
    file is missing and ``build_missing`` is false, or when it is corrupt."""
    path = coder_path()
    try:
        stat = path.stat()
    except FileNotFoundError:
        if not build_missing:
            raise CoderUnavailable(f"coder file {path} does not exist: build it with {REBUILD_COMMAND}") from None
        build_and_save(path)
        stat = path.stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    with _lock:
        if _cache["key"] == key:
            return _cache["coder"]
    try:
        coder = OccupationCoder.load(path)
    except CoderFileError as exc:
        if not build_missing:
            raise CoderUnavailable(str(exc)) from exc
        build_and_save(path)
        return get_coder(build_missing=False)
    with _lock:
        _cache["key"], _cache["coder"] = key, coder
    return coder


def forget() -> None:
    """Drop the cached coder (tests, after replacing the file)."""
    with _lock:
        _cache["key"], _cache["coder"] = None, None
