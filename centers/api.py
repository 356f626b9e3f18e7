"""Centre statistics for Sen's API (/api/sen/centers/…), registered through the ``sen_api_endpoints`` hook.

Figures come from ``centers.stats``: live centres in the default language, one query each.
"""

from typing import Literal

from django.utils.translation import gettext
from ninja import Field, Query, Router, Schema
from pydantic import create_model

from centers import stats
from centers.models import AdministrativeUnit
from centers.models.center import REPORT_SUM_FIELDS
from cms.api.filters import parse_school_year
from cms.api.problems import ApiProblem, Problem

router = Router(tags=["centres"])

SCHOOL_YEAR_PATTERN = r"^[0-9]{4}-[0-9]{4}$"

_TOTALS = dict.fromkeys(REPORT_SUM_FIELDS, (int, 0))
_TOTALS.update({"total_classes": (int, 0), "total_funding": (int, 0), "total_recognitions": (int, 0)})
_TOTALS.update({"centers": (int, 0), "reports": (int, 0)})

Totals = create_model("CenterTotals", __base__=Schema, **_TOTALS)
YearTotals = create_model("SchoolYearTotals", __base__=Totals, school_year=(str, ...))
ProvinceTotals = create_model(
    "ProvinceTotals",
    __base__=YearTotals,
    province_id=(int | None, None),
    province_code=(str | None, None),
    province_name=(str | None, None),
    province_type=(str | None, None),
)
CommuneTotals = create_model(
    "CommuneTotals",
    __base__=YearTotals,
    commune_id=(int | None, None),
    commune_name=(str | None, None),
    commune_type=(str | None, None),
    commune_code=(str | None, None),
    province_id=(int | None, None),
    province_code=(str | None, None),
)


class YearCoverage(Schema):
    school_year: str
    reporting: int = Field(description="Active centres that reported this school year.")
    expected: int = Field(description="Active centres expected to report.")


CurrentTotals = create_model(
    "CurrentSchoolYearTotals",
    __base__=YearTotals,
    reporting=(int, Field(description="Active centres that reported this school year.")),
    expected=(int, Field(description="Active centres expected to report.")),
    complete=(bool, Field(description="At least `share` % of the expected centres reported.")),
    share=(int, Field(description="The share of centres (%) a year needs to be shown.")),
    newer=(YearCoverage | None, Field(None, description="A newer school year still being reported.")),
)


class YearFilter(Schema):
    school_year: str | None = Field(
        None, pattern=SCHOOL_YEAR_PATTERN, description="Two consecutive years, e.g. 2016-2017."
    )


class CommuneFilter(YearFilter):
    province: str | None = Field(
        None, pattern=r"^[0-9]{2}$", description="The province's official two-digit code, e.g. 01 (Hà Nội)."
    )
    commune: str | None = Field(None, pattern=r"^\d{5}$", description="The commune's official five-digit code.")


class UnitFilter(Schema):
    level: Literal["province", "commune"] | None = Field(None, description="Only provinces, or only communes.")
    province: str | None = Field(
        None, pattern=r"^\d{2}$", description="The communes of the province with this two-digit code."
    )


class UnitOut(Schema):
    code: str = Field(description="Official code: two digits for a province, five for a commune; empty if unknown.")
    name: str = Field(description='The name without the type word, e.g. "Hà Nội".')
    full_name: str = Field(description='The name with the type word, e.g. "Thành phố Hà Nội".')
    level: Literal["province", "commune"]
    type: Literal["tinh", "thanh_pho", "xa", "phuong", "dac_khu"]
    province_code: str | None = Field(description="A commune's province (its code); null for a province.")


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

    return stats.totals_by_year()


@router.get(
    "/stats/current", response={200: CurrentTotals, 404: Problem}, summary="The school year the home page shows"
)
def current_totals(request):
    """The newest school year enough active centres reported (``SEN_CENTER_STATS_MIN_SHARE``, 100 % by
    default), with how many reported it ("3/4"), and a newer year still being reported, if any."""

    totals = stats.home_year_totals()
    if totals is None:
        raise ApiProblem(404, "not_found", gettext("No centre has reported yet."))
    return totals


@router.get("/stats/totals", response={200: Totals}, summary="Totals over every school year")
def site_totals(request):
    return stats.site_totals() or {}


@router.get(
    "/stats/provinces", response={200: list[ProvinceTotals], 400: Problem}, summary="Totals per province and year"
)
def totals_by_province(request, filters: Query[YearFilter]):
    return stats.totals_by_province(_school_year(filters.school_year))


@router.get(
    "/stats/communes", response={200: list[CommuneTotals], 400: Problem}, summary="Totals per commune and year"
)
def totals_by_commune(request, filters: Query[CommuneFilter]):
    """Per commune and school year; ``province`` (two-digit code) and ``commune`` (five-digit code) filter."""

    rows = stats.totals_by_commune(_school_year(filters.school_year))
    if filters.province:
        rows = [row for row in rows if row["province_code"] == filters.province]
    if filters.commune:
        rows = [row for row in rows if row["commune_code"] == filters.commune]
    return rows


@router.get("/units", response={200: list[UnitOut], 400: Problem}, summary="Provinces and communes")
def administrative_units(request, filters: Query[UnitFilter]):
    """The administrative units centres are in, with their official codes, provinces first."""

    units = AdministrativeUnit.objects.select_related("parent").order_by("-level", "code", "name_sort")
    if filters.level:
        units = units.filter(level=filters.level)
    if filters.province:
        units = units.filter(level="commune", parent__code=filters.province)
    return [
        {
            "code": unit.code,
            "name": unit.name,
            "full_name": unit.full_name,
            "level": unit.level,
            "type": unit.unit_type,
            "province_code": unit.parent.code if unit.parent_id else None,
        }
        for unit in units
    ]


def register(api):
    api.add_router("/centers/", router)
