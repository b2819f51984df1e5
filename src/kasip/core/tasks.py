from celery import shared_task


@shared_task(name="kasip.core.run_job")
def run_job(job_id: int) -> None:
    from .services import execute_job

    execute_job(job_id)
