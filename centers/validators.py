"""Validators with the Vietnamese messages editors see in the admin."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

SCHOOL_YEAR_RE = re.compile(r"^(\d{4})-(\d{4})$")


def validate_school_year(value):
    """A school year reads "2016-2017": two consecutive years joined by a hyphen."""
    match = SCHOOL_YEAR_RE.match(value or "")
    if not match or int(match.group(2)) != int(match.group(1)) + 1:
        raise ValidationError(
            _('Write the school year as two consecutive years, e.g. "2016-2017" (got "%(value)s").'),
            code="invalid_school_year",
            params={"value": value},
        )
    if not 1945 <= int(match.group(1)) <= 2100:
        raise ValidationError(
            _('The school year "%(value)s" is out of range.'), code="invalid_school_year", params={"value": value}
        )


validate_unit_code = RegexValidator(
    r"^\d+$", _("An administrative unit code is made of digits only."), code="invalid_unit_code"
)

validate_phone = RegexValidator(
    r"^\+?[0-9][0-9 .\-()]{5,30}$",
    _('Enter a phone number with digits, spaces, dots or hyphens, e.g. "0273 3872 123".'),
    code="invalid_phone",
)
