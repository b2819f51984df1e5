from django.core.management.base import BaseCommand, CommandError

from kasip.demo.loader import DEMO_PASSWORD, load_demo_region


class Command(BaseCommand):
    help = "Load the demo region (idempotent): territories, colleges, enterprises and one login per role."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=["region", "national"], default="region",
                            help="region: the Karaganda demo region (default); national: the B4 data set (later work)")
        parser.add_argument("--quiet-logins", action="store_true", help="do not print the demo logins")

    def handle(self, *args, scale: str, quiet_logins: bool, **options):
        if scale == "national":
            raise CommandError("--scale national is not built yet (registry issue); use --scale region.")
        summary = load_demo_region()
        self.stdout.write(self.style.SUCCESS(
            f"Demo region {summary['region'].name_ru}: {summary['districts']} districts and cities, "
            f"{summary['colleges']} colleges, {summary['enterprises']} enterprises."))
        if not quiet_logins:
            self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
            for username, role in summary["accounts"]:
                self.stdout.write(f"  {username:<18} {role}")
