"""Unknown query parameters are a 400 on the django-ninja APIs (/api/v3/, /api/sen/), as on /api/v2/.

Each endpoint knows the parameters its operation declares; v3's page listing also takes
``?field=value`` filters on the listed model's API fields, as Wagtail allows.
"""

import functools

from django.urls import URLPattern, URLResolver
from django.utils.translation import gettext as _
from wagtail.api.v3.schemas.pages import BASE_PAGE_READ_FIELDS
from wagtail.api.validators import APIFieldValidator
from wagtail.coreutils import resolve_model_string
from wagtail.models import Locale, Page

from cms.api.problems import ApiProblem, from_exception, unknown_parameters
from cms.wagtail_adapters.ninja_operations import declared_query_names, operation_for, path_view_of

# Sent by browsers' and jQuery's cache busting, and by the OpenAPI docs: never an error.
ALWAYS_ALLOWED = frozenset({"_", "format"})


def _v3_field_filters(request, names):
    """The names a v3 page listing accepts as field filters (Wagtail's APIFieldValidator)."""

    model = Page
    types = request.GET.getlist("type")
    if len(types) == 1:
        try:
            model = resolve_model_string(types[0])
        except (LookupError, ValueError):
            return set()
    try:
        return set(
            APIFieldValidator(
                model=model,
                fields=set(names),
                base_fields=BASE_PAGE_READ_FIELDS,
                db_fields_only=True,
                skip_invalid=True,
            ).fields
        )
    except Exception:  # noqa: BLE001 - an odd name is simply not a field
        return set()


def check_parameters(view, field_filters_for=()):
    """Wrap a ninja URL view: unknown parameters and unknown locales are 400 problems."""
    path_view = path_view_of(view)
    if path_view is None:
        return view

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        operation = operation_for(path_view, request)
        if operation is not None and request.method in ("GET", "HEAD"):
            unknown = set(request.GET) - declared_query_names(operation) - ALWAYS_ALLOWED
            if unknown and getattr(operation, "url_name", None) in field_filters_for:
                unknown -= _v3_field_filters(request, unknown)
            if unknown:
                return from_exception(unknown_parameters(unknown))
            locale = request.GET.get("locale")
            own_locale = "locale" in getattr(operation, "_sen_own_locale", ())
            if locale and not own_locale and not Locale.objects.filter(language_code=locale).exists():
                codes = ", ".join(Locale.objects.order_by("pk").values_list("language_code", flat=True))
                problem = ApiProblem(
                    400,
                    "unknown_locale",
                    _("Unknown locale “%(value)s”; use one of: %(codes)s") % {"value": locale[:20], "codes": codes},
                    "locale",
                )
                return from_exception(problem)
        return view(request, *args, **kwargs)

    return wrapped


def check_urlpatterns(urlpatterns, field_filters_for=()):
    checked = []
    for pattern in urlpatterns:
        if isinstance(pattern, URLPattern):
            pattern.callback = check_parameters(pattern.callback, field_filters_for)
        elif isinstance(pattern, URLResolver):
            check_urlpatterns(pattern.url_patterns, field_filters_for)
        checked.append(pattern)
    return checked
