"""kasip match-round ROUND_ID [--run|--publish|--stats]: run or publish a matching round in the foreground and
print its statistics."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from kasip.core.audit import acting_as
from kasip.core.management.commands._actor import resolve_actor
from kasip.dual import selectors, services
from kasip.dual.models import MatchingRound


class Command(BaseCommand):
    help = "Run (--run) or publish (--publish) a matching round, or show its statistics (--stats, the default)."

    def add_arguments(self, parser):
        parser.add_argument("round_id", type=int)
        action = parser.add_mutually_exclusive_group()
        action.add_argument("--run", action="store_true", help="run the round (locked, or run before) and store "
                                                                "its placements")
        action.add_argument("--publish", action="store_true", help="publish the run round and notify its students")
        action.add_argument("--stats", action="store_true", help="print the round's statistics (the default)")
        parser.add_argument("--as", dest="username", help="act as this user (the policy applies); default: the "
                                                          "system")

    def handle(self, *args, round_id, run, publish, stats, username, **options):
        round_ = MatchingRound.objects.filter(pk=round_id).first()
        if round_ is None:
            raise CommandError(f"no matching round {round_id}")
        actor = resolve_actor(username)
        try:
            with acting_as(actor):
                if run:
                    services.run_round(actor, round_)
                    self.stdout.write(f"round {round_.pk} run with seed {round_.seed}")
                elif publish:
                    n = services.publish_round(actor, round_)
                    self.stdout.write(f"round {round_.pk} published; {n} students notified")
        except (ValidationError, PermissionDenied) as exc:
            raise CommandError("; ".join(getattr(exc, "messages", [str(exc)]))) from exc
        round_.refresh_from_db()
        self.print_stats(round_)

    def print_stats(self, round_):
        s = selectors.statistics(round_)
        self.stdout.write(f"round {round_.pk} “{round_.name}”: status {round_.status}, seed {round_.seed}, "
                          f"{s['places']} places, {s['seats']} seats")
        self.stdout.write(f"students {s['students']}, matched {s['matched']} ({s['share_matched']:.1%}), "
                          f"unmatched {s['unmatched']}")
        for r in s["by_rank"]:
            self.stdout.write(f"  choice {r['rank']}: {r['students']}")
        for r in s["unmatched_by_reason"]:
            self.stdout.write(f"  unmatched, {r['reason']}: {r['students']}")
