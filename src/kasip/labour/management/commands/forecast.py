"""kasip forecast [--districts] [--horizon 36] [--level 0.8] [--method auto]: forecast every occupation's
monthly job ads from the demand figures and store the run."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from kasip.core.audit import acting_as
from kasip.core.management.commands._actor import resolve_actor
from kasip.labour import services
from kasip.labour.services.forecasts import METHODS

STEPS = {1: "reading the demand figures", 2: "fitting and backtesting", 3: "storing"}
SHOWN_SHORT = 10


class Command(BaseCommand):
    help = ("Forecast every occupation's monthly job ads 1-3 years ahead with intervals (exponential smoothing "
            "chosen per series by a rolling-origin backtest against the 12-month mean; or a method you name), "
            "from the demand figures of the loaded job ads, and store the run: the demand pages, the API and the "
            "regional report show the latest. A series too short to fit is listed, not forecast.")

    def add_arguments(self, parser):
        parser.add_argument("--districts", action="store_true", help="also forecast each district's series")
        parser.add_argument("--horizon", type=int, default=36, help="months ahead, 1-36 (default 36)")
        parser.add_argument("--level", type=float, default=0.8, help="the intervals' level (default 0.8)")
        parser.add_argument("--method", default="auto", choices=METHODS, help="default: auto")
        parser.add_argument("--as", dest="username", help="act as this user (the policy applies); default: the system")

    def handle(self, *args, districts=False, horizon=36, level=0.8, method="auto", username=None, **options):
        actor = resolve_actor(username)
        verbose = options.get("verbosity", 1) > 0

        def show(done, total):
            if verbose and done:
                self.stderr.write(f"\r[{done}/{total}] {STEPS.get(done, ''):<30}", ending="")
                self.stderr.flush()

        try:
            with acting_as(actor):
                run = services.run_forecasts(actor, method=method, horizon=horizon, level=level,
                                             by_district=districts, progress=show)
        except PermissionDenied as exc:
            raise CommandError(f"--as {username}: {exc}") from exc
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        if verbose:
            self.stderr.write("")
        self.stdout.write(f"run {run.pk}: data {run.first_month:%Y-%m} to {run.last_month:%Y-%m}, "
                          f"{run.horizon} months ahead, level {run.level}")
        self.stdout.write(f"series forecast: {run.series}")
        self.stdout.write("methods: " + (", ".join(f"{m} {n}" for m, n in sorted(run.methods.items())) or "-"))
        self.stdout.write(f"too short to fit: {len(run.too_short)}")
        for key, reason in list(run.too_short.items())[:SHOWN_SHORT]:
            self.stdout.write(f"  {key}: {reason}")
        self.stdout.write(f"seconds: {run.seconds}")
