"""kasip dual run-round ROUND [--publish|--stats]: run or publish a matching round in the foreground and
print its statistics; kasip dual export-placements ROUND --out FILE: the round's result as CSV or XLSX."""

from django.core.management.base import CommandError

from kasip.dual import selectors, services
from kasip.dual.models import MatchingRound


def get_round(round_id: int) -> MatchingRound:
    round_ = MatchingRound.objects.filter(pk=round_id).first()
    if round_ is None:
        raise CommandError(f"no matching round {round_id}")
    return round_


def print_stats(command, round_: MatchingRound) -> None:
    s = selectors.statistics(round_)
    command.stdout.write(f"round {round_.pk} “{round_.name}”: status {round_.status}, seed {round_.seed}, "
                         f"{s['places']} places, {s['seats']} seats")
    command.stdout.write(f"students {s['students']}, matched {s['matched']} ({s['share_matched']:.1%}), "
                         f"unmatched {s['unmatched']}")
    for r in s["by_rank"]:
        command.stdout.write(f"  choice {r['rank']}: {r['students']}")
    for r in s["unmatched_by_reason"]:
        command.stdout.write(f"  unmatched, {r['reason']}: {r['students']}")


class RunRound:
    name = "run-round"
    help = ("Run a matching round (locked, or run before: locked first when open) and store its placements; "
            "--publish publishes a run round and notifies its students; --stats only prints the statistics.")

    @staticmethod
    def add_arguments(parser):
        parser.add_argument("round_id", type=int, metavar="ROUND")
        action = parser.add_mutually_exclusive_group()
        action.add_argument("--publish", action="store_true", help="publish the run round and notify its students")
        action.add_argument("--stats", action="store_true", help="print the round's statistics only")
        parser.add_argument("--lock", action="store_true", help="lock an open round before running it")

    @staticmethod
    def handle(command, *, actor, round_id, publish=False, stats=False, lock=False, **options):
        round_ = get_round(round_id)
        if publish:
            n = services.publish_round(actor, round_)
            command.stdout.write(f"round {round_.pk} published; {n} students notified")
        elif not stats:
            if lock:
                round_ = services.lock_round(actor, round_)
            services.run_round(actor, round_)
            command.stdout.write(f"round {round_.pk} run with seed {round_.seed}")
        round_.refresh_from_db()
        print_stats(command, round_)


SUBCOMMANDS = [RunRound]
