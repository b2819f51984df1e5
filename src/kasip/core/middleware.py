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


class LanguageMiddleware:
    """The interface language: the switcher's cookie, else the user's own setting, else
    KASIP_DEFAULT_LANGUAGE. The browser's Accept-Language is not consulted: in a bilingual
    region a browser's locale says little about the language a person wants to work in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings
        from django.utils import translation

        supported = {code for code, _name in settings.LANGUAGES}
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in supported:
            user = getattr(request, "user", None)
            language = getattr(user, "language", "") if user is not None and user.is_authenticated else ""
        if language not in supported:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch = response.get("Vary", "")
        if "Cookie" not in patch:
            response["Vary"] = ", ".join(p for p in (patch, "Cookie") if p)
        translation.deactivate()
        return response
