"""Centre statistics for Sen's API (/api/sen/centers/…), registered through the ``sen_api_endpoints`` hook.

Figures come from ``centers.stats``: live centres in the default language, one query each.
"""

from ninja import Field, Query, Router, Schema
from pydantic import create_model

from centers.models.center import REPORT_SUM_FIELDS
from cms.api.filters import parse_school_year
from cms.api.problems import ApiProblem, Problem

router = Router(tags=["centres"])

SCHOOL_YEAR_PATTERN = r"^\d{4}-\d{4}$"

_TOTALS = dict.fromkeys(REPORT_SUM_FIELDS, (int, 0))
_TOTALS.update({"total_classes": (int, 0), "total_funding": (int, 0), "total_recognitions": (int, 0)})
_TOTALS.update({"centers": (int, 0), "reports": (int, 0)})

Totals = create_model("CenterTotals", __base__=Schema, **_TOTALS)
YearTotals = create_model("SchoolYearTotals", __base__=Totals, school_year=(str, ...))
ProvinceTotals = create_model(
    "ProvinceTotals",
    __base__=YearTotals,
    province_id=(int | None, None),
    province_name=(str | None, None),
    province_type=(str | None, None),
)
CommuneTotals = create_model(
    "CommuneTotals",
    __base__=YearTotals,
    commune_id=(int | None, None),
    commune_name=(str | None, None),
    commune_type=(str | None, None),
    province_id=(int | None, None),
)


class YearFilter(Schema):
    school_year: str | None = Field(
        None, pattern=SCHOOL_YEAR_PATTERN, description="Two consecutive years, e.g. 2016-2017."
    )


class CommuneFilter(YearFilter):
    province: str | None = Field(
        None, pattern=r"^\d{1,18}$", description="The province's code (e.g. 22) or id, in digits."
    )


def _school_year(value):
    if value is None:
        return None
    try:
        return parse_school_year(value)
    except ValueError as exc:
        raise ApiProblem(400, "invalid_parameter", str(exc), "school_year") from exc


@router.get("/stats/years", response={200: list[YearTotals]}, summary="Totals per school year")
def totals_by_year(request):
    """Every reporting centre's figures added up, per school year, oldest first."""
    from centers import stats

    return stats.totals_by_year()


@router.get("/stats/totals", response={200: Totals}, summary="Totals over every school year")
def site_totals(request):
    from centers import stats

    return stats.site_totals() or {}


@router.get(
    "/stats/provinces", response={200: list[ProvinceTotals], 400: Problem}, summary="Totals per province and year"
)
def totals_by_province(request, filters: Query[YearFilter]):
    from centers import stats

    return stats.totals_by_province(_school_year(filters.school_year))


@router.get(
    "/stats/communes", response={200: list[CommuneTotals], 400: Problem}, summary="Totals per commune and year"
)
def totals_by_commune(request, filters: Query[CommuneFilter]):
    """Per commune and school year; ``province`` keeps the communes of one province (code or id)."""
    from centers import stats
    from centers.models import AdministrativeUnit

    rows = stats.totals_by_commune(_school_year(filters.school_year))
    if filters.province:
        ids = set(
            AdministrativeUnit.objects.filter(level="province", code=filters.province).values_list("pk", flat=True)
        )
        if not ids and int(filters.province) < 2**63:
            ids = set(
                AdministrativeUnit.objects.filter(level="province", pk=int(filters.province)).values_list(
                    "pk", flat=True
                )
            )
        rows = [row for row in rows if row["province_id"] in ids]
    return rows


def register(api):
    api.add_router("/centers/", router)
