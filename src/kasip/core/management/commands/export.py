"""kasip export KIND FILE: a list as XLSX or CSV (by the file's extension)."""

from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from kasip.core import exports
from kasip.core.models import Role, User

from ._actor import resolve_actor


class Command(BaseCommand):
    help = "Export a list to an .xlsx or .csv file, under the policy of the --as user (default: a region admin)."

    def add_arguments(self, parser):
        parser.add_argument("kind", help="what to export: " + ", ".join(sorted(exports.REGISTRY)))
        parser.add_argument("file", help="output path ending in .xlsx or .csv")
        parser.add_argument("--as", dest="as_user", help="username whose rights apply")

    def handle(self, *args, kind, file, as_user, **options):
        fmt = Path(file).suffix.lower().lstrip(".")
        if fmt not in exports.FORMATS:
            raise CommandError("the output file must end in .xlsx or .csv")
        if kind not in exports.REGISTRY:
            raise CommandError(f"unknown kind “{kind}”; known kinds: {', '.join(sorted(exports.REGISTRY))}")
        actor = resolve_actor(as_user) if as_user else (
            User.objects.filter(role=Role.REGION_ADMIN, is_active=True).order_by("pk").first())
        if actor is None:
            raise CommandError("no region admin exists; pass --as USERNAME")
        try:
            content, _ctype, _name = exports.export(kind, fmt, actor)
        except PermissionDenied as exc:
            raise CommandError(f"--as {actor.username}: {exc}") from exc
        Path(file).write_bytes(content)
        self.stdout.write(self.style.SUCCESS(f"wrote {file} ({len(content)} bytes)"))
