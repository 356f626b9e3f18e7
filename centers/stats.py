"""Statistics over the centres' yearly reports, computed by the database (one query each).

Only live centre pages in the default language count: drafts, unpublished centres
and translations (which repeat the same reports) are left out.

Each row is a dict with a sum per report column (``classes_law`` … ``learning_units``),
``total_classes``, ``total_funding``, ``total_recognitions``, ``centers`` (how many
centres reported) and ``reports`` (how many yearly reports), plus the grouping keys.
"""

from functools import reduce
from operator import add

from django.conf import settings
from django.db.models import Count, F, Max, Sum

from centers.models import CenterPage, YearlyReport
from centers.models.center import CLASS_FIELDS, FUNDING_FIELDS, RECOGNITION_FIELDS, REPORT_SUM_FIELDS


def _sum_of(fields):
    return reduce(add, (F(name) for name in fields))


def total_classes_expression():
    """classes_law + classes_quality_of_life + … as a database expression."""
    return _sum_of(CLASS_FIELDS)


def total_funding_expression():
    return _sum_of(FUNDING_FIELDS)


# Annotation names must not clash with the model's field names: sums are computed under
# a prefix and handed back under the column's own name.
_PREFIX = "sum__"


def _aggregates():
    sums = {_PREFIX + name: Sum(name, default=0) for name in REPORT_SUM_FIELDS}
    sums["total_classes"] = Sum(total_classes_expression(), default=0)
    sums["total_funding"] = Sum(total_funding_expression(), default=0)
    sums["total_recognitions"] = Sum(_sum_of(RECOGNITION_FIELDS), default=0)
    sums["centers"] = Count("page", distinct=True)
    sums["reports"] = Count("pk")
    return sums


def _named(row):
    if row is None:
        return None
    return {key.removeprefix(_PREFIX): value for key, value in row.items()}


def _rows(queryset):
    return [_named(row) for row in queryset]


def live_centers():
    """The centre pages statistics count: live, in the default language."""
    return CenterPage.objects.live().filter(locale__language_code=settings.LANGUAGE_CODE)


def reports(school_year=None):
    """The yearly reports of live centres (of one school year if given)."""
    queryset = YearlyReport.objects.filter(page__live=True, page__locale__language_code=settings.LANGUAGE_CODE)
    if school_year:
        queryset = queryset.filter(school_year=school_year)
    return queryset


def totals_by_center(school_year=None):
    """Per centre, across its school years (or in one school year): a list ordered by centre name."""
    return _rows(
        reports(school_year)
        .values("page_id", "page__title")
        .annotate(**_aggregates())
        .order_by("page__name_sort", "page_id")
    )


def center_totals(page):
    """One centre's totals across every school year it reported."""
    return _named(reports().filter(page_id=page.pk).aggregate(**_aggregates()))


def center_reports(page):
    """One centre's live yearly reports, oldest first, with ``total_classes_db``/``total_funding_db``."""
    return list(
        reports()
        .filter(page_id=page.pk)
        .annotate(total_classes_db=total_classes_expression(), total_funding_db=total_funding_expression())
        .order_by("school_year")
    )


def totals_by_commune(school_year=None):
    """Per commune and school year, ordered by commune name then school year."""
    return _rows(
        reports(school_year)
        .values(
            "school_year",
            commune_id=F("page__commune_id"),
            commune_name=F("page__commune__name"),
            commune_type=F("page__commune__unit_type"),
            commune_code=F("page__commune__code"),
            province_id=F("page__province_id"),
            province_code=F("page__province__code"),
        )
        .annotate(**_aggregates())
        .order_by("page__commune__name_sort", "commune_id", "school_year")
    )


def totals_by_province(school_year=None):
    """Per province and school year, ordered by province name then school year."""
    return _rows(
        reports(school_year)
        .values(
            "school_year",
            province_id=F("page__province_id"),
            province_name=F("page__province__name"),
            province_type=F("page__province__unit_type"),
            province_code=F("page__province__code"),
        )
        .annotate(**_aggregates())
        .order_by("page__province__name_sort", "province_id", "school_year")
    )


def totals_by_year():
    """Site-wide totals per school year, oldest first."""
    return _rows(reports().values("school_year").annotate(**_aggregates()).order_by("school_year"))


def site_totals():
    """Site-wide totals over every school year."""
    return _named(reports().aggregate(**_aggregates()))


def latest_school_year():
    return reports().aggregate(latest=Max("school_year"))["latest"]


def latest_year_totals():
    """Totals of the most recent school year any live centre reported, or None (one query)."""
    latest = reports().values("school_year").order_by("-school_year")[:1]
    row = (
        reports()
        .filter(school_year__in=latest)
        .values("school_year")
        .annotate(**_aggregates())
        .order_by("school_year")
        .first()
    )
    return _named(row)
