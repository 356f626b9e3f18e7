"""Number form fields that read figures the Vietnamese way: dots group thousands, a comma starts decimals.

"25.000.000", "25000000" and "25 000 000" are all twenty-five million. Django's own fields read
"2.000" as 2 (its integer field drops a trailing ".000") and refuse "25.000.000" with an English
message; these fields refuse anything they cannot read one way only, and never truncate.
The admin uses them for every numeric model field (see ``cms/wagtail_hooks.py``).
"""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Spaces people (and word processors) put between groups of digits: plain, no-break,
# narrow no-break, thin and figure spaces.
_SPACES = re.compile("[ \u00a0\u202f\u2009\u2007]+")
_MINUS = "-\u2212"

INVALID_MESSAGE = _("Enter a number, e.g. 25.000.000.")
NOT_WHOLE_MESSAGE = _(
    "“%(value)s” is not a whole number. This field takes whole numbers: group thousands with dots, e.g. 25.000.000."
)
COMMA_IN_WHOLE_MESSAGE = _(
    "“%(value)s” is ambiguous: in Vietnamese a comma starts the decimals, and this field takes whole numbers. "
    "Group thousands with dots, e.g. 1.000."
)
GROUPING_MESSAGE = _("“%(value)s”: group the digits in threes, with dots or spaces, e.g. 25.000.000.")
SEPARATORS_MESSAGE = _(
    "“%(value)s” is ambiguous: group thousands with dots and start the decimals with a comma, e.g. 1.234,5."
)
DURATION_MESSAGE = _("Write the duration as minutes:seconds, e.g. 12:30 (or hours:minutes:seconds, e.g. 1:05:00).")


def _error(message, code, value):
    return ValidationError(message, code=code, params={"value": value})


def parse_vi_number(text, decimals=False):
    """Read a figure typed the Vietnamese way and return it as a ``Decimal``.

    Thousands are grouped by dots or spaces, in threes ("25.000.000", "25 000 000") or not
    at all ("25000000"); with ``decimals``, a comma starts the decimal part ("1.234,5").
    Raises ``ValidationError`` (with a Vietnamese message) for anything that could be read
    two ways: "2.5" or "1,000" where only whole numbers make sense, "1.23.4", "1,234.5".
    """
    value = str(text).strip()
    figure = _SPACES.sub(" ", value)
    negative = figure[:1] in _MINUS
    if figure[:1] in _MINUS + "+":
        figure = figure[1:].lstrip()
    if not figure or not re.fullmatch(r"[0-9., ]+", figure) or not figure[0].isdigit():
        raise _error(INVALID_MESSAGE, "invalid", value)
    whole, comma, fraction = figure.partition(",")
    if comma:
        if "." in fraction or "," in fraction:
            # "1,234.5" (English order) or "1,2,3": never Vietnamese.
            raise _error(SEPARATORS_MESSAGE, "separator_order", value)
        if not decimals:
            raise _error(COMMA_IN_WHOLE_MESSAGE, "ambiguous_comma", value)
        if not re.fullmatch(r"[0-9]+", fraction):
            raise _error(INVALID_MESSAGE, "invalid", value)
    if "." in whole and " " in whole:
        raise _error(GROUPING_MESSAGE, "grouping", value)
    separator = "." if "." in whole else " " if " " in whole else None
    if separator and not re.fullmatch(rf"[0-9]{{1,3}}(?:{re.escape(separator)}[0-9]{{3}})+", whole):
        if separator == "." and re.fullmatch(r"[0-9]+\.[0-9]+", whole):
            # One dot not followed by three digits: a decimal point, English style.
            if decimals:
                raise _error(SEPARATORS_MESSAGE, "decimal_point", value)
            raise _error(NOT_WHOLE_MESSAGE, "not_whole", value)
        raise _error(GROUPING_MESSAGE, "grouping", value)
    digits = whole.replace(separator, "") if separator else whole
    try:
        number = Decimal(f"{digits}.{fraction}" if comma else digits)
    except InvalidOperation as exc:  # pragma: no cover - the patterns above only let digits through
        raise _error(INVALID_MESSAGE, "invalid", value) from exc
    return -number if negative else number


def format_vi_number(value):
    """A figure as Vietnamese readers write it: 25000000 -> "25.000.000", Decimal("1234.5") -> "1.234,5"."""
    if value is None or value == "":
        return ""
    number = Decimal(str(value))
    sign = "-" if number < 0 else ""
    whole, _point, fraction = f"{abs(number):f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return sign + grouped + ("," + fraction if fraction else "")


class VietnameseNumberInput(forms.TextInput):
    """A text input (a number input would refuse "25.000.000") showing its value grouped: "25.000.000"."""

    def __init__(self, attrs=None, decimals=False):
        default_attrs = {"inputmode": "decimal" if decimals else "numeric", "autocomplete": "off"}
        default_attrs["class"] = "sen-number"
        super().__init__({**default_attrs, **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
            return format_vi_number(value)
        return super().format_value(value)


class VietnameseIntegerField(forms.IntegerField):
    """A whole number typed the Vietnamese way; refuses decimals and ambiguous separators."""

    widget = VietnameseNumberInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        return int(parse_vi_number(value, decimals=False))


class VietnameseDecimalField(forms.DecimalField):
    """A decimal typed the Vietnamese way: "1.234,5"."""

    def __init__(self, *, max_value=None, min_value=None, max_digits=None, decimal_places=None, **kwargs):
        kwargs.setdefault("widget", VietnameseNumberInput(decimals=True))
        super().__init__(
            max_value=max_value, min_value=min_value, max_digits=max_digits, decimal_places=decimal_places, **kwargs
        )

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal):
            return value
        return parse_vi_number(value, decimals=True)


class VietnameseFloatField(forms.FloatField):
    """A (rare) floating-point figure typed the Vietnamese way: "1.234,5"."""

    def __init__(self, *, max_value=None, min_value=None, **kwargs):
        kwargs.setdefault("widget", VietnameseNumberInput(decimals=True))
        super().__init__(max_value=max_value, min_value=min_value, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, float):
            return value
        return float(parse_vi_number(value, decimals=True))


_CLOCK = re.compile(r"(?:(?P<hours>[0-9]+):)?(?P<minutes>[0-9]+):(?P<seconds>[0-9]{2})")


def format_clock_duration(value):
    """A duration as a clock reads it: "12:30", or "1:05:00" past an hour."""
    if not isinstance(value, datetime.timedelta):
        return value
    seconds = int(value.total_seconds())
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


class ClockDurationInput(forms.TextInput):
    def __init__(self, attrs=None):
        super().__init__({"inputmode": "numeric", "autocomplete": "off", "placeholder": "12:30", **(attrs or {})})


class ClockDurationField(forms.DurationField):
    """A length of time as minutes:seconds ("12:30") or hours:minutes:seconds ("1:05:00").

    A bare number is refused: "12" could be minutes or seconds.
    """

    widget = ClockDurationInput

    def prepare_value(self, value):
        return format_clock_duration(value)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.timedelta):
            return value
        text = _SPACES.sub("", str(value))
        negative = text[:1] in _MINUS
        match = _CLOCK.fullmatch(text[1:] if negative else text)
        if not match:
            raise _error(DURATION_MESSAGE, "invalid", value)
        hours = int(match["hours"] or 0)
        minutes, seconds = int(match["minutes"]), int(match["seconds"])
        if seconds >= 60 or (match["hours"] is not None and minutes >= 60):
            raise _error(DURATION_MESSAGE, "invalid", value)
        duration = datetime.timedelta(hours=hours, minutes=minutes, seconds=seconds)
        # A negative duration is read, so that the model's validator says what is wrong with it.
        return -duration if negative else duration
