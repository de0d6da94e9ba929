"""Choose the interface language: Dutch unless the person explicitly chose otherwise.

Flemish municipalities must address residents in Dutch (language legislation), so the browser's
Accept-Language header is deliberately ignored. English is used only when chosen with the language
switcher (cookie) or as the preferred language in the profile.
"""
from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


def language_for_request(request) -> str:
    supported = {code for code, _name in settings.LANGUAGES}
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if chosen in supported:
        return chosen
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.preferred_language in supported:
        return user.preferred_language
    return settings.LANGUAGE_CODE


class DutchFirstLocaleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = language_for_request(request)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", translation.get_language())
        return response
