from celery import shared_task


@shared_task(name="kasip.dual.run_round")
def run_round(round_id: int, actor_id: int | None = None, job_id: int | None = None) -> dict:
    """Run a matching round on the worker; returns its statistics. With a job (the page's and the API's
    "Run"), the job records the progress, the statistics or why the round did not run."""
    from kasip.core.models import User

    from . import services
    from .models import MatchingRound

    if job_id is not None:
        return services.execute_run_round(job_id).result
    actor = User.objects.get(pk=actor_id) if actor_id is not None else None
    return services.run_round(actor, MatchingRound.objects.get(pk=round_id))


@shared_task(name="kasip.dual.check_progress")
def check_progress(day: str | None = None) -> dict:
    """Alert the colleges to trainees newly behind (daily; also `kasip dual check-progress`)."""
    import datetime as dt

    from . import services

    return services.check_progress(None, dt.date.fromisoformat(day) if day else None)
