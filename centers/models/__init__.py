"""Centre profiles (TTHTCĐ and Hội Khuyến học), their yearly reports and inspections, and places."""

from centers.models.center import CenterPage, CenterPerson, CenterPhoto, Inspection, YearlyReport
from centers.models.index import CenterIndexPage
from centers.models.units import AdministrativeUnit

__all__ = [
    "AdministrativeUnit",
    "CenterIndexPage",
    "CenterPage",
    "CenterPerson",
    "CenterPhoto",
    "Inspection",
    "YearlyReport",
]
