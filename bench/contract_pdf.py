"""B7: the tripartite contract's bilingual PDF (`kasip.dual.documents.contract_pdf`), target <= 1 s each.

    .venv/bin/python bench/contract_pdf.py            # 20 renders
    .venv/bin/python bench/contract_pdf.py --runs 50

Sets up, in a fresh temporary SQLite database (migrated first, not timed), one contract as full as they come: a
minor with a guardian, a mentor, a schedule of six periods alternating college and enterprise, insurance, an
obligation to work, and two parties' signatures recorded; then renders its PDF (the working copy with each
party's status, from the database each time as the page does) N times; the target is on their median (WeasyPrint
and the fonts were loaded while setting up, when the copy to sign was fixed). The copy to sign and an order's PDF
are timed alongside. The last line is `BENCH contract_pdf key=value ...`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
TARGET_S = 1.0


def setup_django(db_path: Path) -> None:
    os.environ.pop("DATABASE_URL", None)
    os.environ.update(KASIP_SQLITE_PATH=str(db_path), KASIP_DEMO="1", KASIP_HTTPS="0",
                      DJANGO_SETTINGS_MODULE="kasip.settings", KASIP_VAR_DIR=str(db_path.parent / "var"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def make_contract():
    from django.core.files.uploadedfile import SimpleUploadedFile

    from kasip.core.validators import make_bin, make_iin
    from kasip.dual import services
    from kasip.dual.models import Mentor, OrderKind, Party, PeriodKind
    from kasip.partners.models import Agreement
    from kasip.registry.models import (
        College,
        District,
        Enterprise,
        EnterpriseSite,
        Group,
        Programme,
        Qualification,
        Region,
        Specialty,
        Student,
    )

    region = Region.objects.create(kato="350000000", name_kk="Қарағанды облысы", name_ru="Карагандинская область")
    district = District.objects.create(region=region, kato="351010000", kind="city", name_kk="Қарағанды",
                                       name_ru="Караганда")
    college = College.objects.create(bin=make_bin(1998, 3, 11), name_kk="Қарағанды политехникалық колледжі",
                                     name_ru="Карагандинский политехнический колледж", district=district,
                                     languages="kk,ru")
    enterprise = Enterprise.objects.create(bin=make_bin(2005, 5, 33), name_kk="«Qarmet» АҚ", name_ru="АО «Qarmet»",
                                           district=district, oked="24100")
    site = EnterpriseSite.objects.create(enterprise=enterprise, name="Прокатный цех № 2", district=district,
                                         address="г. Темиртау, ул. Металлургов, 1")
    specialty = Specialty.objects.create(code="07150500", name_kk="Дәнекерлеу ісі", name_ru="Сварочное дело")
    qualification = Qualification.objects.create(code="3W07150501", specialty=specialty,
                                                  name_kk="Электргаздәнекерлеуші", name_ru="Электрогазосварщик")
    programme = Programme.objects.create(college=college, qualification=qualification, language="kk", base="9",
                                         hours_theory=1500, hours_practice=1400, hours_total=2900, is_dual=True)
    group = Group.objects.create(college=college, programme=programme, code="СВ-24-1", admission_year=2024)
    born = dt.date(2010, 3, 1)
    Student.objects.create(iin=make_iin(born, "M", 1234), last_name="Сейткалиев", first_name="Арман",
                           patronymic="Маратұлы", birth_date=born, sex="M", college=college, group=group, base="9",
                           funding="state")
    agreement = Agreement.objects.create(college=college, enterprise=enterprise, kind="dual_training", number="ДО-1",
                                         signed_on=dt.date(2025, 1, 15), valid_from=dt.date(2025, 2, 1),
                                         status="active")
    mentor = Mentor.objects.create(enterprise=enterprise, last_name="Ержанов", first_name="Бауыржан",
                                   patronymic="Серікұлы", position="мастер прокатного цеха", max_trainees=10)
    start, end = dt.date(2026, 9, 1), dt.date(2027, 6, 30)
    contract = services.place_group(None, agreement=agreement, group=group, site=site, starts_on=start, ends_on=end,
                                    monthly_payment=85000, insurance="АО «СК Евразия», полис № 0771-2026",
                                    work_obligation_months=24, mentor=mentor).created[0]
    cut = [start, dt.date(2026, 10, 31), dt.date(2026, 12, 31), dt.date(2027, 2, 28), dt.date(2027, 4, 30),
           dt.date(2027, 5, 31), end]
    periods = [(PeriodKind.COLLEGE if i % 2 == 0 else PeriodKind.ENTERPRISE,
                cut[i] if i == 0 else cut[i] + dt.timedelta(days=1), cut[i + 1]) for i in range(6)]
    contract = services.update_contract(None, contract, periods=periods,
                                        student_document="удостоверение личности № 045612378, МВД РК, 01.03.2026",
                                        guardian_name="Сейткалиева Айгуль Маратовна",
                                        guardian_iin=make_iin(dt.date(1985, 6, 2), "F", 4242),
                                        guardian_document="удостоверение личности № 098765432, МВД РК, 12.05.2019")
    contract = services.send_for_signature(None, contract)
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    for party in (Party.COLLEGE, Party.ENTERPRISE):
        services.sign_with_scan(None, contract, party, SimpleUploadedFile("signed.pdf", pdf))
    order = services.create_order(None, kind=OrderKind.SENDING, number="45-д", date=dt.date(2026, 8, 25),
                                  contracts=[contract])
    return contract, order


def timed(fn, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    runs = max(2, args.runs)
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(Path(tmp) / "bench.sqlite3")
        from kasip.dual import documents, services

        contract, order = make_contract()
        started = time.perf_counter()
        first = documents.contract_pdf(contract)
        first_s = time.perf_counter() - started
        times = timed(lambda: documents.contract_pdf(contract), runs)
        to_sign = timed(lambda: documents.contract_pdf(contract, for_signing=True), max(3, runs // 4))
        orders = timed(lambda: documents.order_pdf(order), max(3, runs // 4))
        assert services.signing_document(contract)[:5] == b"%PDF-"
    median = statistics.median(times)
    p95 = sorted(times)[max(0, round(0.95 * len(times)) - 1)]
    print(f"contract № {contract.number}: {len(first)} bytes; first render {first_s:.3f} s")
    print(f"contract PDF: median {median:.3f} s, p95 {p95:.3f} s, max {max(times):.3f} s of {runs} "
          f"(target <= {TARGET_S} s each)")
    print(f"copy to sign: median {statistics.median(to_sign):.3f} s; order PDF: median {statistics.median(orders):.3f} s")
    figures = {"runs": runs, "median_s": round(median, 4), "p95_s": round(p95, 4), "max_s": round(max(times), 4),
               "first_s": round(first_s, 4), "to_sign_median_s": round(statistics.median(to_sign), 4),
               "order_median_s": round(statistics.median(orders), 4), "bytes": len(first), "target_s": TARGET_S,
               "targets_met": int(median <= TARGET_S)}
    print("BENCH contract_pdf " + " ".join(f"{k}={v}" for k, v in figures.items()))


if __name__ == "__main__":
    main()
