"""Synthetic job ads: the demo region's three years of vacancies and the million ads of benchmark B3.

Titles are the project's own aliases (Russian, Kazakh, English) written as ads write them ("Требуется
электрогазосварщик 5 разряда", "Аспаз, вахта 15/15"), with the ambiguous titles analysts meet ("Менеджер",
"Мастер смены"); occupations follow the region's industries, with yearly trends and summer seasons, so that
the demand pages, the gap and the forecasts have something to show. One ad in ten is a re-post of an earlier
one within three weeks, as boards repeat them. Deterministic for a seed. No database: the caller passes the
districts and employers."""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from importlib import resources

import numpy as np
import polars as pl

# Unit groups the region's ads ask for most, with their yearly trend and summer amplitude.
# (ISCO-08, weight, trend per year, seasonal amplitude)
COMMON = [
    ("8111", 9.0, -0.06, 0.0), ("7212", 8.0, 0.04, 0.15), ("8322", 10.0, 0.03, 0.1), ("8332", 6.0, 0.02, 0.1),
    ("5223", 11.0, -0.02, 0.05), ("2221", 5.0, 0.05, 0.0), ("3221", 5.0, 0.04, 0.0), ("2341", 5.0, 0.03, -0.3),
    ("7411", 7.0, 0.06, 0.05), ("7412", 3.0, 0.05, 0.0), ("7233", 5.0, 0.05, 0.0), ("7231", 4.0, 0.03, 0.0),
    ("9112", 7.0, 0.0, 0.0), ("5120", 6.0, 0.02, 0.2), ("9412", 3.0, 0.01, 0.1), ("4311", 3.0, -0.08, 0.0),
    ("3313", 2.0, -0.07, 0.0), ("4110", 3.0, -0.1, 0.0), ("4222", 3.0, -0.05, 0.0), ("2512", 3.0, 0.15, 0.0),
    ("3512", 2.0, 0.08, 0.0), ("2142", 2.0, 0.05, 0.2), ("7112", 4.0, 0.04, 0.5), ("7115", 3.0, 0.03, 0.5),
    ("9313", 5.0, 0.02, 0.6), ("7126", 3.0, 0.03, 0.3), ("8342", 3.0, 0.04, 0.4), ("3115", 2.0, 0.03, 0.0),
    ("2149", 2.0, 0.04, 0.0), ("8121", 3.0, 0.0, 0.0), ("8131", 2.0, 0.01, 0.0), ("7223", 3.0, 0.02, 0.0),
    ("7222", 1.0, 0.0, 0.0), ("7127", 1.5, 0.06, 0.2), ("5414", 4.0, 0.01, 0.0), ("5131", 3.0, 0.02, 0.3),
    ("5141", 2.0, 0.03, 0.0), ("5322", 2.0, 0.07, 0.0), ("2634", 1.0, 0.05, 0.0), ("2611", 1.0, 0.0, 0.0),
    ("1120", 0.5, 0.0, 0.0), ("2411", 1.5, -0.03, 0.0), ("3322", 2.0, 0.0, 0.0), ("4321", 3.0, -0.02, 0.0),
    ("8211", 1.0, 0.02, 0.0), ("8160", 1.5, 0.01, 0.0), ("7511", 1.5, 0.01, 0.0), ("7512", 1.5, 0.02, 0.0),
    ("9321", 2.5, 0.01, 0.0), ("9329", 2.0, -0.02, 0.0), ("3119", 1.5, 0.02, 0.0), ("3341", 1.0, -0.03, 0.0),
    ("4226", 2.0, -0.01, 0.0), ("4411", 1.0, -0.05, 0.0), ("8350", 0.5, 0.0, 0.0), ("6121", 1.0, 0.0, 0.4),
    ("6111", 1.0, 0.0, 0.5), ("2263", 1.0, 0.03, 0.0), ("3257", 1.0, 0.02, 0.0), ("3434", 1.0, 0.02, 0.0),
]
AMBIGUOUS = ["Менеджер", "Мастер смены", "Мастер участка", "Техник", "Помощник", "Главный специалист",
             "Специалист", "Оператор", "Инженер", "Менеджер проекта", "Координатор", "Маман", "Көмекші"]
PREFIXES_RU = ["", "", "", "", "Требуется ", "Срочно требуется ", "Вакансия: ", "Ведущий ", "Старший "]
SUFFIXES_RU = ["", "", "", "", ", вахта 15/15", " (график 2/2)", ", з/п от 250 000 тг", " в ТОО «Сарыарка»",
               " (вахтовый метод)", " 4 разряда", " 5 разряда", " 4-5 разряд"]
GRADED = 3  # the last suffixes are grades: only for trades and machine operators (ISCO 7 and 8)
PREFIXES_KK = ["", "", "", "Шұғыл түрде ", "Жұмысқа "]
SUFFIXES_KK = ["", "", "", " керек", " қажет", ", вахта 15/15", " (5 разряд)"]
SUFFIXES_EN = ["", "", " (shift work)", " - urgent", ", full time"]


def _aliases(language: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    text = resources.files("kasip.labour").joinpath(f"data/aliases_{language}.csv").read_text(encoding="utf-8")
    rows = csv.reader(line for line in io.StringIO(text) if not line.startswith("#"))
    next(rows)
    for code, alias in rows:
        out.setdefault(code, []).append(alias)
    return out


def _month_starts(start: dt.date, end: dt.date) -> list[dt.date]:
    months, current = [], start.replace(day=1)
    while current <= end:
        months.append(current)
        current = (current.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return months


def synthetic_ads(n: int, *, districts: list[tuple[str, float]], employers: list[tuple[str, str, str]],
                  start: dt.date, end: dt.date, seed: int = 2026, repost_share: float = 0.1,
                  code_share: float = 0.1, first_id: int = 1) -> pl.DataFrame:
    """``n`` job ads (re-posts included) posted from ``start`` to ``end``: columns id, title, employer, bin,
    district (КАТО), date, positions, salary_from, salary_to, isco08 (given for ``code_share`` of them).
    ``districts``: (КАТО, weight); ``employers``: (name, BIN or "", КАТО)."""
    rng = np.random.default_rng(seed)
    ru, kk, en = _aliases("ru"), _aliases("kk"), _aliases("en")
    codes = sorted(set(ru) | set(kk))
    base = {code: 0.05 for code in codes}
    trend = {code: 0.0 for code in codes}
    season = {code: 0.0 for code in codes}
    for code, weight, growth, amplitude in COMMON:
        if code in base:
            base[code], trend[code], season[code] = weight, growth, amplitude
    months = _month_starts(start, end)
    originals = n - int(round(n * repost_share))
    month_weight = np.array([1.0 + 0.15 * math.sin(2 * math.pi * (m.month - 4) / 12) for m in months])
    per_month = rng.multinomial(originals, month_weight / month_weight.sum())
    code_array = np.array(codes)
    picked_codes, picked_days = [], []
    for month, count in zip(months, per_month, strict=True):
        if not count:
            continue
        years = (month - months[0]).days / 365.25
        summer = math.sin(2 * math.pi * (month.month - 3) / 12)
        weights = np.array([base[c] * (1 + trend[c]) ** years * max(0.1, 1 + season[c] * summer) for c in codes])
        picked_codes.append(rng.choice(code_array, size=count, p=weights / weights.sum()))
        next_month = _month_starts(month + dt.timedelta(days=31), month + dt.timedelta(days=31))[0]
        last = min(end, next_month - dt.timedelta(days=1))
        first = max(start, month)
        picked_days.append(rng.integers(first.toordinal(), last.toordinal() + 1, size=count))
    occupation = np.concatenate(picked_codes)
    days = np.concatenate(picked_days)
    language = rng.choice(np.array(["ru", "kk", "en"]), size=originals, p=[0.74, 0.21, 0.05])
    ambiguous = rng.random(originals) < 0.03
    pick = rng.random(originals)
    decorate = rng.integers(0, 1000, size=(originals, 2))
    titles = []
    for i in range(originals):
        code, lang = occupation[i], language[i]
        if ambiguous[i]:
            titles.append(AMBIGUOUS[decorate[i, 0] % len(AMBIGUOUS)])
            continue
        pool = (kk if lang == "kk" else en if lang == "en" else ru).get(code) or ru.get(code) or kk.get(code)
        alias = pool[int(pick[i] * len(pool))]
        if lang == "kk":
            title = PREFIXES_KK[decorate[i, 0] % len(PREFIXES_KK)] + alias + SUFFIXES_KK[decorate[i, 1] % len(SUFFIXES_KK)]
        elif lang == "en":
            title = alias[:1].upper() + alias[1:] + SUFFIXES_EN[decorate[i, 1] % len(SUFFIXES_EN)]
        else:
            prefix = PREFIXES_RU[decorate[i, 0] % len(PREFIXES_RU)]
            title = prefix + (alias.lower() if prefix else alias[:1].upper() + alias[1:])
            graded = len(SUFFIXES_RU) if code[0] in "78" else len(SUFFIXES_RU) - GRADED
            title += SUFFIXES_RU[decorate[i, 1] % graded]
        titles.append(title)
    district_codes = np.array([d for d, _w in districts])
    district_weights = np.array([w for _d, w in districts], dtype=float)
    district = rng.choice(district_codes, size=originals, p=district_weights / district_weights.sum())
    employer_index = rng.integers(0, len(employers), size=originals)
    employer_name = np.array([e[0] for e in employers])[employer_index]
    employer_bin = np.array([e[1] for e in employers])[employer_index]
    positions = np.minimum(rng.geometric(0.6, size=originals), 30)
    salary = (rng.lognormal(mean=12.6, sigma=0.35, size=originals) // 1000 * 1000).astype(np.int64)
    has_salary = rng.random(originals) < 0.7
    given = np.where(rng.random(originals) < code_share, occupation, "")
    given = np.where(ambiguous, "", given)
    frame = pl.DataFrame({
        "title": titles, "employer": employer_name, "bin": employer_bin, "district": district,
        "day": days.astype(np.int64), "positions": positions.astype(np.int64),
        "salary_from": np.where(has_salary, salary, -1), "isco08": given,
    })
    reposts = n - originals
    if reposts:
        source = rng.integers(0, originals, size=reposts)
        copies = frame[source.tolist()].with_columns(
            (pl.col("day") + pl.Series(rng.integers(1, 22, size=reposts))).alias("day"))
        frame = pl.concat([frame, copies])
    frame = frame.with_columns(pl.col("day").clip(upper_bound=end.toordinal()))
    order = rng.permutation(frame.height)
    frame = frame[order.tolist()]
    epoch = dt.date(1970, 1, 1).toordinal()
    return frame.select(
        pl.int_range(first_id, first_id + frame.height).cast(pl.String).alias("id"),
        "title", "employer", "bin", "district",
        (pl.col("day") - epoch).cast(pl.Date).alias("date"),
        "positions",
        pl.when(pl.col("salary_from") >= 0).then(pl.col("salary_from")).otherwise(None).alias("salary_from"),
        pl.when(pl.col("salary_from") >= 0).then(pl.col("salary_from") * 3 // 2 // 1000 * 1000).otherwise(None)
        .alias("salary_to"),
        "isco08",
    )
