from .audit import acting_as


def client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


class CurrentActorMiddleware:
    """Makes the logged-in user the actor of every audited change made by this request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        with acting_as(user if user is not None and user.is_authenticated else None, client_ip(request)):
            return self.get_response(request)
