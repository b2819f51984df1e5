import time

from django.core.management.base import BaseCommand, CommandError

from kasip.demo.generator import DEFAULT_STUDENTS
from kasip.demo.loader import DEMO_PASSWORD, load_demo_region


class Command(BaseCommand):
    help = ("Load the demo region (idempotent, synthetic data): territories, the TVET classifier, colleges with "
            "programmes, groups and students, enterprises with sites and workforce needs, graduations, and one "
            "login per role. With --scale national: the national benchmark data set (B4).")

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=["region", "national"], default="region",
                            help="region: the Karaganda demo region (default); national: the B4 data set")
        parser.add_argument("--students", type=int, default=None,
                            help=f"current students to generate (region default {DEFAULT_STUDENTS}; "
                                 "national default 500000)")
        parser.add_argument("--regions", type=int, default=None, help="national: regions (default 20)")
        parser.add_argument("--colleges", type=int, default=None, help="national: colleges (default 800)")
        parser.add_argument("--enterprises", type=int, default=None, help="national: enterprises (default 150000)")
        parser.add_argument("--vacancies", type=int, default=None,
                            help="national: synthetic job ads over three years (default 2000000; needs `make coder`)")
        parser.add_argument("--quiet-logins", action="store_true", help="do not print the demo logins")

    def handle(self, *args, scale: str, students, regions, colleges, enterprises, quiet_logins: bool, vacancies=None,
               **options):
        if students is not None and students < 0:
            raise CommandError("--students must not be negative.")
        if scale == "national":
            return self._national(students, regions, colleges, enterprises, vacancies)
        if any(v is not None for v in (regions, colleges, enterprises, vacancies)):
            raise CommandError("--regions, --colleges, --enterprises and --vacancies apply to --scale national only.")
        started = time.monotonic()
        summary = load_demo_region(students=DEFAULT_STUDENTS if students is None else students,
                                   progress=lambda m: self.stdout.write(f"  … {m}") if options["verbosity"] > 1
                                   else None)
        created = summary["created"]
        self.stdout.write(self.style.SUCCESS(
            f"Demo region {summary['region'].name_ru}: {summary['districts']} districts and cities, "
            f"{summary['colleges']} colleges, {summary['enterprises']} enterprises, "
            f"{summary['students']} students ({time.monotonic() - started:.1f} s)."))
        self.stdout.write("  created: " + (", ".join(f"{k} {v}" for k, v in created.items()) if created
                                           else "nothing (already loaded)"))
        if not quiet_logins:
            self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
            for username, role in summary["accounts"]:
                self.stdout.write(f"  {username:<18} {role}")

    def _national(self, students, regions, colleges, enterprises, vacancies=None):
        from kasip.demo.national import NationalSetExists, NationalSize, load_national

        size = NationalSize()
        if regions is not None:
            size.regions = regions
        if colleges is not None:
            size.colleges = colleges
        if students is not None:
            size.students = students
        if enterprises is not None:
            size.enterprises = enterprises
        if vacancies is not None:
            size.vacancies = vacancies
        try:
            summary = load_national(size, progress=self.stdout.write)
        except (NationalSetExists, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(
            "National data set: " + ", ".join(f"{k} {v}" for k, v in summary["counts"].items())
            + f" ({summary['seconds']:.1f} s)."))
