from celery import shared_task


@shared_task(name="kasip.labour.train_coder")
def train_coder(job_id: int | None = None, only_if_new: bool = False) -> dict:
    """Retrain the occupation coder with the analysts' codings; the job records the progress and the result.

    With a job (the queue page's and the API's "Retrain"), that job runs. Without one (the nightly run, with
    ``only_if_new``), a job is created, unless there is nothing new to learn or a training is under way."""
    from . import coder_file, selectors, services

    if job_id is None:
        if only_if_new and not selectors.coder_needs_training(coder_file.coder_path()):
            return {"skipped": "no new codings since the last training"}
        job, started = services.start_training(None, enqueue=False)
        if not started:
            return {"skipped": f"training already under way (job {job.pk})"}
        job_id = job.pk
    job = services.execute_training(job_id)
    return {"job": job.pk, "status": job.status, **job.result}


@shared_task(name="kasip.labour.ingest_vacancies")
def ingest_vacancies(job_id: int) -> dict:
    """Ingest an uploaded file of job ads; the job records the progress and the result."""
    from . import services

    job = services.execute_ingest(job_id)
    return {"job": job.pk, "status": job.status}


@shared_task(name="kasip.labour.forecast_demand")
def forecast_demand(job_id: int) -> dict:
    """Forecast every occupation's job ads; the job records the progress and the result."""
    from . import services

    job = services.execute_forecast(job_id)
    return {"job": job.pk, "status": job.status}
