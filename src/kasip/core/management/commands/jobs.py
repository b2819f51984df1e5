"""kasip jobs: the background jobs with their status and progress; --show N for one job's report."""

from django.core.management.base import BaseCommand, CommandError

from kasip.core.models import Job


class Command(BaseCommand):
    help = "List background jobs (latest first), or show one job's report with --show ID."

    def add_arguments(self, parser):
        parser.add_argument("--show", type=int, help="job id to show in full")
        parser.add_argument("--limit", type=int, default=20)

    def handle(self, *args, show, limit, **options):
        if show is not None:
            job = Job.objects.filter(pk=show).first()
            if job is None:
                raise CommandError(f"no job {show}")
            self.stdout.write(f"job {job.pk} {job.kind} {job.status} {job.percent}% file={job.original_name}")
            if job.message:
                self.stdout.write(job.message)
            for e in job.report:
                self.stdout.write(f"  row {e['row']}, column “{e['column']}”: {e['message']}")
            if job.result:
                self.stdout.write(f"result: {job.result}")
            return
        if limit < 1:
            raise CommandError("--limit must be at least 1")
        for job in Job.objects.select_related("created_by").order_by("-created_at", "-id")[:limit]:
            who = job.created_by.username if job.created_by else "system"
            self.stdout.write(f"{job.pk:>6}  {job.created_at:%Y-%m-%d %H:%M}  {job.kind:<20} {job.status:<10} "
                              f"{job.percent:>3}%  {who:<16} {job.original_name}")
