from django.core.management.base import CommandError

from kasip.core.models import User


def resolve_actor(username: str | None):
    """The account a command acts as (its policy applies); None means the system itself."""
    if not username:
        return None
    user = User.objects.filter(username=username).first()
    if user is None:
        raise CommandError(f"--as: no user “{username}”.")
    if not user.is_active:
        raise CommandError(f"--as: user “{username}” is not active.")
    return user
