"""What every response under /api/ shares: its language, ``Vary: Accept-Language``, JSON 404s and 405s."""

from django.middleware.common import CommonMiddleware as DjangoCommonMiddleware
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from cms.api.problems import PROBLEM_JSON, problem_response
from cms.languages import negotiated_language as api_language

API_PREFIX = "/api/"


class ApiContractMiddleware:
    """Under /api/: messages in the client's language; errors Django answers itself (404, 405) as problems."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(API_PREFIX):
            return self.get_response(request)
        language = api_language(request)
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = self.get_response(request)
            content_type = response.get("Content-Type", "")
            if response.status_code in (404, 405) and "json" not in content_type:
                replacement = self.problem_for(request, response)
                for header in ("Allow",):
                    if response.has_header(header):
                        replacement[header] = response[header]
                response = replacement
        response["Content-Language"] = language
        patch_vary_headers(response, ("Accept-Language",))
        return response

    def problem_for(self, request, response):
        if response.status_code == 405:
            return problem_response(
                405, "method_not_allowed", _("This endpoint does not answer %(method)s.") % {"method": request.method}
            )
        return problem_response(404, "not_found", _("There is nothing at this address of the API."))


class CommonMiddleware(DjangoCommonMiddleware):
    """Django's, except that under /api/ a missing trailing slash redirects only to an API address: an address
    the API does not have is the API's 404 (problem+json), not a redirect to the site's page catch-all."""

    def should_redirect_with_slash(self, request):
        if not request.path_info.startswith(API_PREFIX):
            return super().should_redirect_with_slash(request)
        if not super().should_redirect_with_slash(request):
            return False
        try:
            match = resolve(request.path_info + "/", getattr(request, "urlconf", None))
        except Resolver404:
            return False
        return match.url_name != "wagtail_serve"


__all__ = ["ApiContractMiddleware", "CommonMiddleware", "PROBLEM_JSON", "api_language"]
