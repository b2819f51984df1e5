"""kasip dual export-logbook CONTRACT --out FILE.xlsx|csv: one trainee's logbook;
kasip dual export-logbooks [--college BIN] [--enterprise BIN] --out FILE: every logbook the user may see;
kasip dual check-progress [--date YYYY-MM-DD]: alert the colleges to trainees who have fallen behind."""

import datetime as dt
from pathlib import Path

from django.core.management.base import CommandError

from kasip.dual import policy, selectors, services
from kasip.dual.models import Contract
from kasip.registry.models import College, Enterprise


def _format(out: str) -> str:
    suffix = Path(out).suffix.lower().lstrip(".")
    if suffix not in ("xlsx", "csv"):
        raise CommandError(f"--out: give a file name ending in .xlsx or .csv, not “{out}”")
    return suffix


def _write(command, out: str, contracts) -> None:
    fmt = _format(out)
    content, _ctype = selectors.logbook_file(contracts, fmt)
    try:
        Path(out).write_bytes(content)
    except OSError as exc:
        raise CommandError(f"--out: cannot write {out}: {exc.strerror}") from exc
    command.stdout.write(f"{contracts.count()} logbook(s) written to {out}")


class ExportLogbook:
    name = "export-logbook"
    help = "Export one trainee's logbook (CONTRACT: the contract's id or number) to XLSX or CSV."

    @staticmethod
    def add_arguments(parser):
        parser.add_argument("contract", metavar="CONTRACT", help="the contract's id or number")
        parser.add_argument("--out", required=True, help="FILE.xlsx or FILE.csv")

    @staticmethod
    def handle(command, *, actor, contract, out, **options):
        _format(out)
        qs = Contract.objects.filter(number=contract)
        if contract.isdigit() and len(contract) <= 18 and not qs.exists():
            qs = Contract.objects.filter(pk=int(contract))
        found = qs.select_related("student", "mentor").first()
        if found is None:
            raise CommandError(f"CONTRACT: no contract “{contract}”")
        if actor is not None and not policy.can_view_trainee(actor, found):
            raise CommandError(f"CONTRACT: you may not see the logbook of contract “{contract}”")
        _write(command, out, Contract.objects.filter(pk=found.pk))


class ExportLogbooks:
    name = "export-logbooks"
    help = "Export the logbooks of every trainee (of one college or enterprise by BIN) to XLSX or CSV."

    @staticmethod
    def add_arguments(parser):
        parser.add_argument("--college", metavar="BIN", help="only this college's trainees")
        parser.add_argument("--enterprise", metavar="BIN", help="only this enterprise's trainees")
        parser.add_argument("--out", required=True, help="FILE.xlsx or FILE.csv")

    @staticmethod
    def handle(command, *, actor, out, college=None, enterprise=None, **options):
        _format(out)
        if actor is not None and not policy.can_export_logbooks(actor):
            raise CommandError("you may not export logbooks")
        qs = Contract.objects.all() if actor is None else policy.trainees_scope(actor, Contract.objects.all())
        if college:
            found = College.objects.filter(bin=college.strip()).first()
            if found is None:
                raise CommandError(f"--college: no college with BIN “{college}”")
            qs = qs.filter(college=found)
        if enterprise:
            found = Enterprise.objects.filter(bin=enterprise.strip()).first()
            if found is None:
                raise CommandError(f"--enterprise: no enterprise with BIN “{enterprise}”")
            qs = qs.filter(enterprise=found)
        _write(command, out, qs)


class CheckProgress:
    name = "check-progress"
    help = ("Find the trainees behind the hours expected by today and notify their colleges' dual coordinators and "
            "admins (in the app and by e-mail); a trainee is not alerted again within 7 days.")

    @staticmethod
    def add_arguments(parser):
        parser.add_argument("--date", help="check as of this day (YYYY-MM-DD); default: today")

    @staticmethod
    def handle(command, *, actor, date=None, **options):
        day = None
        if date:
            try:
                day = dt.date.fromisoformat(date)
            except ValueError:
                raise CommandError(f"--date: “{date}” is not a date (YYYY-MM-DD)") from None
        result = services.check_progress(actor, day)
        command.stdout.write(f"{result['behind']} trainee(s) behind; {result['alerted']} newly alerted; "
                             f"{result['notified']} notification(s) sent")


SUBCOMMANDS = [ExportLogbook, ExportLogbooks, CheckProgress]
