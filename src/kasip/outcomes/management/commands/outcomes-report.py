"""kasip outcomes-report [--year Y] [--months 6|12] [--by college|programme|dual|year] [--college ID]:
the employment rate of graduates as a table, with n and 95 % Wilson intervals.

Small cells are suppressed as on the public page unless `--as` names a user who may see them.
"""

from django.core.management.base import BaseCommand, CommandError

from kasip.core.management.commands._actor import resolve_actor
from kasip.outcomes import selectors
from kasip.registry.models import College


def _percent(value) -> str:
    return "" if value is None else f"{100 * value:.1f}"


class Command(BaseCommand):
    help = "Print the employment rate of graduates (and a breakdown) with counts and 95 % Wilson intervals."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="year of graduation (default: every year)")
        parser.add_argument("--months", type=int, default=12, choices=[6, 12],
                            help="months after graduation (default 12)")
        parser.add_argument("--by", default="", choices=["", *selectors.BREAKDOWNS],
                            help="break down by college, programme (qualification), dual or not, or year")
        parser.add_argument("--college", type=int, help="one college's id")
        parser.add_argument("--as", dest="username", help="apply this user's view (the region admin sees small cells)")

    def handle(self, *args, year=None, months=12, by="", college=None, username=None, **options):
        if year is not None and not 1900 <= year <= 2100:
            raise CommandError(f"--year: {year} is not a year of graduation")
        if college is not None and not College.objects.filter(pk=college).exists():
            raise CommandError(f"--college: no college with id {college}")
        actor = resolve_actor(username)
        data = selectors.employment_rate(actor, year=year, months=months, college=college, by=by)
        self.stdout.write(str(data["definition"]))
        scope = [f"{months} months after graduation", f"graduated in {year}" if year else "every year"]
        if college is not None:
            scope.append(College.objects.get(pk=college).name)
        if data["min_cell"]:
            scope.append(f"groups under {data['min_cell']} graduates suppressed (—)")
        self.stdout.write("; ".join(scope))
        header = ["group", "with a record", "n", "employed", "rate %", "95 % interval", "in specialty %"]
        rows = [self._row(cell) for cell in [*data["rows"], data["total"]]]
        widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
        widths[0] = min(widths[0], 60)
        for line in [header, *rows]:
            cells = [str(line[0])[:60].ljust(widths[0])] + [str(v).rjust(w) for v, w in zip(line[1:], widths[1:],
                                                                                           strict=True)]
            self.stdout.write("  ".join(cells))

    @staticmethod
    def _row(cell) -> list:
        if cell.suppressed:
            return [cell.label, "—", "—", "—", "—", "—", "—"]
        rate, spec = cell.rate, cell.in_specialty
        interval = f"{_percent(rate.low)}–{_percent(rate.high)}" if rate.low is not None else "—"
        return [cell.label, cell.records, rate.n, rate.k, _percent(rate.share) or "—", interval,
                (_percent(spec.share) or "—") if not cell.specialty_suppressed else "—"]
