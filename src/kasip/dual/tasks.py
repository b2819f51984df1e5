from celery import shared_task


@shared_task(name="kasip.dual.run_round")
def run_round(round_id: int, actor_id: int | None = None) -> dict:
    """Run a matching round in the background (large rounds); returns its statistics."""
    from kasip.core.models import User

    from . import services
    from .models import MatchingRound

    actor = User.objects.get(pk=actor_id) if actor_id is not None else None
    return services.run_round(actor, MatchingRound.objects.get(pk=round_id))
