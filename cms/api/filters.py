"""Filters of Sen's API v2 that content models declare, so the core never names a content app.

A page model lists the query parameters it can be filtered by::

    api_filters = {
        "date_from": ("date__date__gte", "date"),
        "category": ("categories__slug", "slug"),
        "province": (("province__code", "province_id"), "code_or_id"),
    }

Each entry maps a parameter to a lookup (or a tuple of lookups, any of which may match)
and the parser that validates its value; an optional third item ``"app_label.Model.field"``
makes a value that names no such row a 404 (``category=khong-co``). Parameters apply when the listing is limited to
one page type (``?type=articles.NewsPage``). ``order=date`` / ``order=-date`` sorts by the
field of the model's ``date_from`` filter (``first_published_at`` for other pages).
"""

import datetime
import re

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from rest_framework.filters import BaseFilterBackend
from taggit.managers import TaggableManager
from wagtail.api.v2.filters import FieldsFilter, OrderingFilter
from wagtail.models import Locale, get_page_models

from cms.api.problems import ApiProblem
from cms.sorting import in_vietnamese_order
from cms.text import parse_int

SCHOOL_YEAR = re.compile(r"^([0-9]{4})-([0-9]{4})$")
SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,255}$")


def parse_date(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise ValueError(_("Use a date in the form YYYY-MM-DD, e.g. 2017-06-20.")) from None


def parse_slug(value):
    if not SLUG.match(value):
        raise ValueError(_("Use a slug: letters, digits and hyphens, e.g. giao-duc."))
    return value


def parse_text(value):
    value = value.strip()
    if not value or len(value) > 100:
        raise ValueError(_("Give between 1 and 100 characters."))
    return value


def parse_code_or_id(value):
    if parse_int(value) is None or len(value) > 18:
        raise ValueError(_("Give the unit's code or id, in digits."))
    return value


def parse_province_code(value):
    if not re.fullmatch(r"\d{2}", value):
        raise ValueError(_("Give the province's official two-digit code, e.g. 01 for Hà Nội."))
    return value


def parse_commune_code(value):
    if not re.fullmatch(r"\d{5}", value):
        raise ValueError(_("Give the commune's official five-digit code."))
    return value


def parse_school_year(value):
    match = SCHOOL_YEAR.match(value)
    if not match or int(match.group(2)) != int(match.group(1)) + 1:
        raise ValueError(_("Use a school year of two consecutive years, e.g. 2016-2017."))
    return value


PARSERS = {
    "date": parse_date,
    "slug": parse_slug,
    "text": parse_text,
    "code_or_id": parse_code_or_id,
    "province_code": parse_province_code,
    "commune_code": parse_commune_code,
    "school_year": parse_school_year,
}


def model_filter_names():
    """Every parameter any page model declares in ``api_filters``."""
    names = set()
    for model in get_page_models():
        names.update(getattr(model, "api_filters", {}))
    return names


def models_with_filter(name):
    return sorted(model._meta.label for model in get_page_models() if name in getattr(model, "api_filters", {}))


def date_field_of(model):
    lookup = getattr(model, "api_filters", {}).get("date_from", (None,))[0]
    if isinstance(lookup, str):
        return lookup.split("__")[0]
    return "first_published_at"


def check_exists(name, value, target):
    """A filter naming something that does not exist (``category=khong-co``) is a 404, as on the feeds."""

    label, field = target.rsplit(".", 1)
    if not apps.get_model(label)._default_manager.filter(**{field: value}).exists():
        raise ApiProblem(
            404, "not_found", _("Nothing matches %(name)s=“%(value)s”.") % {"name": name, "value": value}, name
        )


class _QueryWithout:
    """A stand-in request whose GET lacks some parameters."""

    def __init__(self, request, names):
        self.GET = request.GET.copy()
        for name in names:
            self.GET.pop(name, None)


class DeclaredAwareFieldsFilter(FieldsFilter):
    """Wagtail's ``?field=value`` filters, leaving the parameters a model declares in ``api_filters`` alone.

    Wagtail passes the value of a to-many relation (``categories``, ``photos``, ``renditions``)
    to the database unchecked: anything but an id was a 500. Here it must be an id in digits.
    """

    def filter_queryset(self, request, queryset, view):
        declared = getattr(queryset.model, "api_filters", {})
        if declared:
            request = _QueryWithout(request, declared)
        fields = set(view.get_available_fields(queryset.model, db_fields_only=True))
        for name, value in request.GET.items():
            if name in fields and _is_to_many(queryset.model, name) and parse_int(value) is None:
                raise ApiProblem(
                    400,
                    "invalid_parameter",
                    _("%(name)s: give the id of a related item, in digits.") % {"name": name},
                    name,
                )
        return super().filter_queryset(request, queryset, view)


def _is_to_many(model, name):
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    # Tags are filtered by name, not by id.
    return bool(field.many_to_many or field.one_to_many) and not isinstance(field, TaggableManager)


class ModelFilter(BaseFilterBackend):
    """Applies the ``api_filters`` the listed page model declares; bad values are a 400."""

    def filter_queryset(self, request, queryset, view):
        declared = getattr(queryset.model, "api_filters", {})
        for name in sorted(model_filter_names()):
            if name not in request.GET:
                continue
            if name not in declared:
                raise ApiProblem(
                    400,
                    "conflicting_parameters",
                    _("“%(name)s” filters only these page types; add type=… with one of them: %(types)s")
                    % {"name": name, "types": ", ".join(models_with_filter(name))},
                    name,
                )
            lookups, parser, *must_exist = declared[name]
            raw = request.GET[name]
            try:
                value = PARSERS[parser](raw)
            except ValueError as exc:
                raise ApiProblem(400, "invalid_parameter", f"{name}: {exc}", name) from exc
            if must_exist:
                check_exists(name, value, must_exist[0])
            if isinstance(lookups, str):
                lookups = (lookups,)
            condition = Q()
            for lookup in lookups:
                condition |= Q(**{lookup: value})
            # A subquery keeps one row per page even when the lookup crosses a to-many relation.
            matching = queryset.model._default_manager.filter(condition).values("pk")
            queryset = queryset.filter(pk__in=matching)
        return queryset


class DateOrderingFilter(OrderingFilter):
    """Wagtail's ordering, plus ``order=date``/``-date`` on whatever field is the model's date."""

    def filter_queryset(self, request, queryset, view):
        order = request.GET.get("order", "")
        if order.lstrip("-") == "date" and "date" not in view.get_available_fields(
            queryset.model, db_fields_only=True
        ):
            field = date_field_of(queryset.model)
            prefix = "-" if order.startswith("-") else ""
            return queryset.order_by(f"{prefix}{field}", f"{prefix}pk")
        ordered = super().filter_queryset(request, queryset, view)
        # Titles in Vietnamese order ("Hội" before "Hướng", "Đoàn" after "Dân"), not code-point order.
        return in_vietnamese_order(ordered) if isinstance(ordered, QuerySet) else ordered


def parse_locale(value, parameter="locale"):
    try:
        return Locale.objects.get(language_code=value)
    except Locale.DoesNotExist:
        codes = ", ".join(Locale.objects.order_by("pk").values_list("language_code", flat=True))
        raise ApiProblem(
            400,
            "unknown_locale",
            _("%(parameter)s: unknown locale “%(value)s”; use one of: %(codes)s")
            % {"parameter": parameter, "value": value[:20], "codes": codes},
            parameter,
        ) from None


class LocaleFilter(BaseFilterBackend):
    """``?locale=en``; with ``&fallback=vi`` pages missing in English come in Vietnamese."""

    def filter_queryset(self, request, queryset, view):
        locale = getattr(view, "requested_locale", None)
        if locale is None:
            return queryset
        child_of = getattr(queryset, "_filtered_by_child_of", None)
        condition = Q(locale=locale)
        fallback = getattr(view, "fallback_locale", None)
        if fallback is not None and fallback.pk != locale.pk:
            translated = view.get_base_queryset().filter(locale=locale).values("translation_key")
            condition |= Q(locale=fallback) & ~Q(translation_key__in=translated)
        queryset = queryset.filter(condition)
        if child_of:
            queryset._filtered_by_child_of = child_of
        return queryset
