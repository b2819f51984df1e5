"""kasip coding-queue list|add|stats: the coding queue from the command line.

    kasip coding-queue list [--status pending] [--limit 50]
    kasip coding-queue add FILE            (.txt: one title per line; .csv/.xlsx: a "title" column, optional "count")
    kasip coding-queue add --title "Мастер смены" --title "Жұмысшы"
    kasip coding-queue stats
"""

from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from kasip.core.audit import acting_as
from kasip.core.management.commands._actor import resolve_actor
from kasip.core.tabular import FileRejected, decode_text, looks_binary, normalise_header, read_table
from kasip.labour import coder_file, selectors, services
from kasip.labour.models import CodingSource, CodingStatus

TITLE_HEADERS = {"title", "job title", "titles", "название", "должность", "профессия", "наименование должности",
                 "вакансия", "атауы", "лауазым", "кәсіп"}
COUNT_HEADERS = {"count", "ads", "количество", "число", "саны"}
MAX_FILE_BYTES = 50 * 1024 * 1024


def read_titles(path: Path) -> tuple[list[str], list[int]]:
    """Titles (and how many ads carried each) from a text file (one per line) or a CSV/XLSX table (a column
    named title, or the only column; an optional count column)."""
    if not path.is_file():
        raise CommandError(f"{path}: no such file.")
    data = path.read_bytes()
    if len(data) > MAX_FILE_BYTES:
        raise CommandError(f"{path}: larger than {MAX_FILE_BYTES // 1048576} MB; split it.")
    name = path.name.lower()
    if not name.endswith((".csv", ".xlsx")):
        if looks_binary(data):
            raise CommandError(f"{path}: not a text file (give .txt, .csv or .xlsx).")
        try:
            text, _used = decode_text(data)
        except FileRejected as exc:
            raise CommandError(f"{path}: {exc}") from exc
        titles = [line.strip() for line in text.removeprefix("\ufeff").splitlines() if line.strip()]
        return titles, [1] * len(titles)
    try:
        table = read_table(data, path.name)
    except FileRejected as exc:
        raise CommandError(f"{path}: {exc}") from exc
    headers = [normalise_header(h) for h in table.headers]
    title_at = next((i for i, h in enumerate(headers) if h in TITLE_HEADERS), None)
    rows = table.rows
    if title_at is None:
        if len(headers) != 1:
            raise CommandError(f"{path}: no title column; name one of the columns “title”.")
        title_at, rows = 0, [table.headers, *rows]  # one column without a header: the first row is a title
    count_at = next((i for i, h in enumerate(headers) if h in COUNT_HEADERS), None)
    titles, counts = [], []
    for number, row in enumerate(rows, start=2 if rows is table.rows else 1):
        title = row[title_at].strip() if title_at < len(row) else ""
        if not title:
            continue
        n = 1
        if count_at is not None and count_at < len(row) and row[count_at].strip():
            value = row[count_at].strip()
            if not value.isdigit() or int(value) < 1:
                raise CommandError(f"{path}, row {number}: count “{value[:20]}” is not a positive whole number.")
            n = int(value)
        titles.append(title)
        counts.append(n)
    return titles, counts


class Command(BaseCommand):
    help = ("The coding queue: job titles the occupation coder was unsure of, waiting for an analyst. "
            "list shows them, add codes titles and queues the unsure ones, stats counts them by status.")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="list|add|stats")
        listing = sub.add_parser("list", help="the titles of one status, the most frequent first")
        listing.add_argument("--status", default=CodingStatus.PENDING, choices=CodingStatus.values)
        listing.add_argument("--limit", type=int, default=50, help="at most this many (default 50)")
        add = sub.add_parser("add", help="code titles; the coder's unsure ones join the queue")
        add.add_argument("file", nargs="?", help=".txt (one title per line), .csv or .xlsx (a title column, "
                                                 "an optional count column)")
        add.add_argument("--title", action="append", default=[], help="a title (repeat for more)")
        add.add_argument("--source", choices=CodingSource.values, default=None,
                         help="where the titles come from (default: import for a file, manual for --title)")
        add.add_argument("--source-ref", default="", help="a reference at the source (default: the file's name)")
        add.add_argument("--as", dest="username", help="act as this user (the policy applies); default: the system")
        sub.add_parser("stats", help="titles by status and the last training of the coder")

    def handle(self, *args, action: str, **options):
        getattr(self, f"_{action}")(**options)

    def _list(self, status, limit, **options):
        if limit < 1:
            raise CommandError("--limit must be at least 1.")
        items = selectors.with_suggestion_titles(selectors.coding_queue(status=status)[:limit])
        if not items:
            self.stdout.write(f"no {status} titles")
        for item in items:
            suggestions = ", ".join(f"{s['code']} {s['percent']}%" for s in item.suggestion_list) or "no suggestion"
            coded = f" -> {item.occupation.code}" if item.occupation_id else ""
            self.stdout.write(f"{item.pk:>7}  {item.count:>5}  {item.percent:>3}%  {item.title}  [{suggestions}]{coded}")

    def _add(self, file, title, source, source_ref, username, **options):
        if file and title:
            raise CommandError("give a FILE or --title, not both.")
        if not file and not title:
            raise CommandError("give a FILE of titles or at least one --title.")
        if file:
            path = Path(file)
            titles, counts = read_titles(path)
            source, source_ref = source or CodingSource.IMPORT, source_ref or path.name
        else:
            titles, counts = title, [1] * len(title)
            source = source or CodingSource.MANUAL
        if not titles:
            raise CommandError("no titles to add (the file holds none).")
        actor = resolve_actor(username)
        try:
            with acting_as(actor):
                summary = services.enqueue_titles(titles, source=source, source_ref=source_ref, actor=actor,
                                                  counts=counts)
        except coder_file.CoderUnavailable as exc:
            raise CommandError(str(exc)) from exc
        except (ValidationError, PermissionDenied) as exc:
            raise CommandError("; ".join(getattr(exc, "messages", [str(exc)]))) from exc
        self.stdout.write(f"titles: {summary['titles']}; coded: {summary['coded']}; queued: {summary['queued']} "
                          f"({summary['new_items']} new items); already queued: {summary['already_queued']}; "
                          f"cannot code: {summary['cannot_code']}")

    def _stats(self, **options):
        counts = selectors.coding_counts()
        for status in CodingStatus.values:
            self.stdout.write(f"{status}: {counts[status]}")
        self.stdout.write(f"ads waiting: {counts['ads_waiting']}")
        last = selectors.last_training()
        if last is None:
            self.stdout.write("last training: never")
        else:
            self.stdout.write(f"last training: {timezone.localtime(last.finished_at):%Y-%m-%d %H:%M} with {last.result.get('codings', 0)} "
                              f"codings ({last.result.get('right_after', 0)} coded as the analysts did)")
        self.stdout.write(f"codings since: {selectors.codings_since_last_training()}")
