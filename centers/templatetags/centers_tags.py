from django import template

from centers.models.center import REPORT_SUM_FIELDS

register = template.Library()

_ALLOWED = {*REPORT_SUM_FIELDS, "total_classes", "total_funding", "total_recognitions"}


@register.filter
def report_value(report, field):
    """A yearly report's figure by column name (only report columns and totals)."""
    return getattr(report, field, "") if field in _ALLOWED else ""
