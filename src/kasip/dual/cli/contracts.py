"""kasip dual accept PLACEMENT; kasip dual place-group --agreement N --group CODE --site N --from … --to …
--payment … [--reason …]; kasip dual contract-pdf N --out FILE; kasip dual export-contracts --out FILE.xlsx|csv
[--college BIN]; kasip dual order-pdf N --out FILE."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.management.base import CommandError

from kasip.dual import documents, services
from kasip.dual.models import Contract, Mentor, Placement, TrainingOrder
from kasip.partners.models import Agreement
from kasip.registry.models import EnterpriseSite, Group


def _date(value: str, option: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"{option}: give a date as YYYY-MM-DD, not “{value}”") from None


def _get(model, pk, what: str):
    obj = model.objects.filter(pk=pk).first()
    if obj is None:
        raise CommandError(f"no {what} {pk}")
    return obj


def _out(path: str, allowed: tuple[str, ...]) -> Path:
    out = Path(path)
    if out.suffix.lower() not in allowed:
        raise CommandError(f"--out: the file must end in {' or '.join(allowed)}")
    if not out.parent.exists():
        raise CommandError(f"--out: no folder {out.parent}")
    return out


class Accept:
    name = "accept"
    help = "Accept the place a published round gave (a placement): a draft tripartite contract."

    @staticmethod
    def add_arguments(parser):
        parser.add_argument("placement_id", type=int, metavar="PLACEMENT")

    @staticmethod
    def handle(command, *, actor, placement_id, **options):
        contract = services.accept_placement(actor, _get(Placement, placement_id, "placement"))
        command.stdout.write(f"contract {contract.pk} № {contract.number} drafted for {contract.student.full_name}")


class PlaceGroup:
    name = "place-group"
    help = ("Group placement: draft contracts for every studying student of a group without an open contract, under "
            "a dual-training agreement in force (all or nothing).")

    @staticmethod
    def add_arguments(parser):
        parser.add_argument("--agreement", type=int, required=True, help="the dual-training agreement's id")
        parser.add_argument("--group", required=True, help="the group's code (of the agreement's college)")
        parser.add_argument("--site", type=int, required=True, help="the enterprise site's id")
        parser.add_argument("--from", dest="starts_on", required=True, help="start of training, YYYY-MM-DD")
        parser.add_argument("--to", dest="ends_on", required=True, help="end of training, YYYY-MM-DD")
        parser.add_argument("--payment", required=True, help="monthly payment to the student in tenge (0 with --reason)")
        parser.add_argument("--reason", default="", help="the reason when the payment is 0")
        parser.add_argument("--hours", type=int, help="hours at the enterprise (default: the programme's practice)")
        parser.add_argument("--insurance", default="", help="insurer and policy")
        parser.add_argument("--obligation", type=int, default=0, help="months of work after graduating (0: none)")
        parser.add_argument("--mentor", type=int, help="the mentor's id")

    @staticmethod
    def handle(command, *, actor, agreement, group, site, starts_on, ends_on, payment, reason="", hours=None,
               insurance="", obligation=0, mentor=None, **options):
        agreement_obj = _get(Agreement, agreement, "agreement")
        groups = Group.objects.filter(code=group, college_id=agreement_obj.college_id)
        group_obj = groups.first()
        if group_obj is None:
            raise CommandError(f"--group: no group “{group}” at the agreement's college")
        try:
            amount = Decimal(payment.replace(",", "."))
            if not amount.is_finite():
                raise InvalidOperation
        except InvalidOperation:
            raise CommandError(f"--payment: give an amount in tenge, not “{payment}”") from None
        result = services.place_group(
            actor, agreement=agreement_obj, group=group_obj, site=_get(EnterpriseSite, site, "enterprise site"),
            starts_on=_date(starts_on, "--from"), ends_on=_date(ends_on, "--to"), monthly_payment=amount,
            payment_reason=reason, enterprise_hours=hours, insurance=insurance, work_obligation_months=obligation,
            mentor=_get(Mentor, mentor, "mentor") if mentor else None)
        for contract in result.created:
            command.stdout.write(f"contract {contract.pk} № {contract.number}: {contract.student.full_name}")
        for _student, why in result.skipped:
            command.stdout.write(f"left out: {why}")
        command.stdout.write(f"{len(result.created)} contracts drafted for the group {group_obj.code}")


class ContractPdf:
    name = "contract-pdf"
    help = "Write a contract's bilingual PDF (Kazakh | Russian) with each party's status; --to-sign: the copy to sign."

    @staticmethod
    def add_arguments(parser):
        parser.add_argument("contract_id", type=int, metavar="CONTRACT")
        parser.add_argument("--out", required=True, help="the PDF file to write")
        parser.add_argument("--to-sign", action="store_true", help="the copy to sign (blank signature lines)")

    @staticmethod
    def handle(command, *, actor, contract_id, out, to_sign=False, **options):
        from kasip.dual import policy

        contract = _get(Contract, contract_id, "contract")
        if actor is not None and not policy.can_view_contract(actor, contract):
            raise CommandError(f"--as: {actor.username} may not read contract {contract_id}")
        path = _out(out, (".pdf",))
        content = services.signing_document(contract) if to_sign else documents.contract_pdf(contract)
        path.write_bytes(content)
        command.stdout.write(f"contract № {contract.number}: {len(content)} bytes written to {path}")


class ExportContracts:
    name = "export-contracts"
    help = "Export the tripartite contracts (all, or one college's) to XLSX or CSV."

    @staticmethod
    def add_arguments(parser):
        parser.add_argument("--out", required=True, help="FILE.xlsx or FILE.csv")
        parser.add_argument("--college", default="", help="only this college's contracts (its BIN)")

    @staticmethod
    def handle(command, *, actor, out, college="", **options):
        from kasip.core.tabular import write_csv, write_xlsx
        from kasip.dual import policy, selectors

        path = _out(out, (".xlsx", ".csv"))
        if college and not (len(college) == 12 and college.isdigit()):
            raise CommandError(f"--college: a BIN is 12 digits, not “{college}”")
        if actor is not None and not policy.can_export_contracts(actor):
            raise CommandError(f"--as: {actor.username} may not export contracts")
        headers = [str(h) for h in selectors.EXPORT_HEADERS]  # the columns of /exports/contracts.xlsx
        rows = list(selectors.export_rows(actor, college))
        if path.suffix.lower() == ".xlsx":
            content = write_xlsx(headers, rows, title="Contracts")
        else:
            content = write_csv(headers, rows)
        path.write_bytes(content)
        command.stdout.write(f"{len(rows)} contracts written to {path}")


class OrderPdf:
    name = "order-pdf"
    help = "Write an order's bilingual PDF (sending students, or appointing mentors)."

    @staticmethod
    def add_arguments(parser):
        parser.add_argument("order_id", type=int, metavar="ORDER")
        parser.add_argument("--out", required=True, help="the PDF file to write")

    @staticmethod
    def handle(command, *, actor, order_id, out, **options):
        from kasip.dual import policy

        order = _get(TrainingOrder, order_id, "order")
        if actor is not None and not policy.can_view_order(actor, order):
            raise CommandError(f"--as: {actor.username} may not read order {order_id}")
        path = _out(out, (".pdf",))
        content = documents.order_pdf(order)
        path.write_bytes(content)
        command.stdout.write(f"order № {order.number}: {len(content)} bytes written to {path}")


SUBCOMMANDS = [Accept, PlaceGroup, ContractPdf, ExportContracts, OrderPdf]
