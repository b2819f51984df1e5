"""API authentication: a personal token (Authorization: Bearer ...) or the site's session."""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from ninja.security import APIKeyCookie, HttpBearer

from kasip.core import audit
from kasip.core.services import user_for_api_key


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        user = user_for_api_key(token)
        if user is None:
            return None
        request.user = user
        audit._actor.set(user)
        return user


class SessionAuth(APIKeyCookie):
    """The browser's session (CSRF-checked for unsafe methods, as in the site)."""

    param_name = "sessionid"

    def _get_key(self, request):
        # Without a session cookie there is nothing to forge: answer 401 (not a CSRF 403).
        if not request.COOKIES.get(settings.SESSION_COOKIE_NAME):
            return None
        return super()._get_key(request)

    def authenticate(self, request, key):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return user
        return None


def anonymous(request):
    """Lets public endpoints answer without credentials; request.auth is the anonymous user."""
    return AnonymousUser()


token_auth = TokenAuth()
session_auth = SessionAuth()
AUTH = [token_auth, session_auth]
PUBLIC = [token_auth, session_auth, anonymous]
