"""kasip dual SUBCOMMAND …: dual training from the command line (`kasip dual --help` lists the
subcommands). Each area keeps its subcommands in kasip/dual/cli/<area>.py."""

import importlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from kasip.core.audit import acting_as
from kasip.core.management.commands._actor import resolve_actor

AREAS = ["kasip.dual.cli.rounds", "kasip.dual.cli.contracts", "kasip.dual.cli.logbook"]


def subcommands() -> dict:
    found = {}
    for name in AREAS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        for sub in module.SUBCOMMANDS:
            found[sub.name] = sub
    return found


class Command(BaseCommand):
    help = "Dual training: matching rounds, contracts, orders, logbooks (see `kasip dual SUBCOMMAND --help`)."

    def add_arguments(self, parser):
        subparsers = parser.add_subparsers(dest="subcommand", required=True, metavar="SUBCOMMAND")
        for name, sub in subcommands().items():
            sub_parser = subparsers.add_parser(name, help=sub.help, description=sub.help)
            sub.add_arguments(sub_parser)
            sub_parser.add_argument("--as", dest="username",
                                    help="act as this user (the policy applies); default: the system")

    def handle(self, *args, subcommand, username=None, **options):
        sub = subcommands()[subcommand]
        actor = resolve_actor(username)
        try:
            with acting_as(actor):
                sub.handle(self, actor=actor, **options)
        except (ValidationError, PermissionDenied) as exc:
            raise CommandError("; ".join(getattr(exc, "messages", [str(exc)]))) from exc
