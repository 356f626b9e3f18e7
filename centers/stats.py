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
from django.db.models import Count, F, Max, Q, Sum

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
    """Totals of the most recent school year any live centre reported, or None (one query).

    A year starts with the first centre's report: for figures to show, use ``home_year_totals``.
    """
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


# --- Which school year is complete enough to show -------------------------------------------------
# A school year's figures grow as the centres file their reports: showing the newest year as soon
# as one centre reports makes the totals fall (95 classes to 31 after one centre of four filed).
# Coverage counts the centres expected to report: live and active (a suspended, merged or
# dissolved centre files nothing).


def expected_centers():
    """How many centres are expected to report a school year: live, active, in the default language."""
    return live_centers().filter(status=CenterPage.Status.ACTIVE).count()


def coverage_by_year():
    """Per school year, newest first: the totals plus ``reporting`` (active centres that reported it)."""
    rows = (
        reports()
        .values("school_year")
        .annotate(
            **_aggregates(),
            reporting=Count("page", distinct=True, filter=Q(page__status=CenterPage.Status.ACTIVE)),
        )
        .order_by("-school_year")
    )
    return _rows(rows)


def required_share():
    """The share of centres (in %) that must have reported a year before the home page shows it."""
    share = getattr(settings, "SEN_CENTER_STATS_MIN_SHARE", 100)
    return min(max(int(share), 1), 100)


def home_year_totals(share=None):
    """The figures the home page shows, or None when no centre reported anything (two queries).

    The newest school year that ``share`` % (``SEN_CENTER_STATS_MIN_SHARE``, 100 by default)
    of the expected centres reported; if none has, the best-covered year. Each row carries
    ``reporting`` and ``expected`` ("3/4 trung tâm đã báo cáo") and ``complete``; ``newer``
    is the newest year when it is still being reported (else None).
    """
    share = required_share() if share is None else share
    years = coverage_by_year()
    if not years:
        return None
    expected = expected_centers()
    for row in years:
        row["expected"] = expected
        row["complete"] = expected > 0 and row["reporting"] * 100 >= share * expected
    chosen = next((row for row in years if row["complete"]), None)
    if chosen is None:
        chosen = max(years, key=lambda row: (row["reporting"], row["school_year"]))
    newest = years[0]
    return {**chosen, "share": share, "newer": newest if newest["school_year"] > chosen["school_year"] else None}
