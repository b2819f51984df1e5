"""kasip coder-train [--dry-run]: retrain the occupation coder in the foreground with every title the analysts
confirmed or corrected in the coding queue, and say how well it now codes them."""

import sys

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from kasip.core.audit import acting_as
from kasip.core.management.commands._actor import resolve_actor
from kasip.labour import services

STEPS = {1: "reading the codings", 2: "measuring the current coder", 3: "building the coder",
         4: "measuring the new coder", 5: "refreshing the queue's suggestions"}


def _share(right, total) -> str:
    if right is None:
        return "no coder before"
    if not total:
        return "no codings"
    return f"{right}/{total} ({right * 100 / total:.1f} %)"


class Command(BaseCommand):
    help = ("Retrain the occupation coder with the codings the analysts confirmed or corrected in the coding queue "
            "(they join its index as job titles) and make it the site's coder; prints how many codings it used, "
            "how many of them the coder before and the new one code as the analysts did, the seconds it took and "
            "the file written. The worker does the same every night when there are new codings.")

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true",
                            help="build and measure, but write nothing (the site keeps its coder)")
        parser.add_argument("--as", dest="username", help="act as this user (the policy applies); default: the system")

    def handle(self, *args, dry_run: bool = False, username=None, **options):
        actor = resolve_actor(username)
        verbose = options.get("verbosity", 1) > 0

        def show(done, total):
            if verbose:
                sys.stderr.write(f"\r[{done}/{total}] {STEPS.get(done, ''):<40}")
                sys.stderr.flush()

        try:
            with acting_as(actor):
                result = services.train_coder(actor, dry_run=dry_run, progress=show)
        except PermissionDenied as exc:
            raise CommandError(f"--as {username}: {exc}") from exc
        except OSError as exc:
            raise CommandError(f"the coder could not be written: {exc}") from exc
        if verbose:
            sys.stderr.write("\n")
        n = result["codings"]
        self.stdout.write(f"codings used: {n} ({result['confirmed']} confirmed, {result['corrected']} corrected)")
        self.stdout.write(f"agreement before: {_share(result['right_before'], n)}")
        self.stdout.write(f"agreement after: {_share(result['right_after'], n)}")
        self.stdout.write(f"seconds: {result['seconds']}")
        if dry_run:
            self.stdout.write("dry run: nothing written")
        else:
            self.stdout.write(f"written: {result['path']}")
            self.stdout.write(f"waiting titles with new suggestions: {result['refreshed']}")
