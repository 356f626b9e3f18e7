"""Vietnamese text helpers: ASCII slugs, accent folding for search, number and date display."""

import re
import unicodedata

from django.utils import formats
from django.utils.translation import pgettext_lazy

# NFD decomposition removes every Vietnamese diacritic except the stroke of đ/Đ,
# which is a separate letter, not a combining mark: map it by hand.
_LETTER_MAP = str.maketrans({"đ": "d", "Đ": "D"})
_COMBINING = re.compile(r"[\u0300-\u036f]")


def fold(text):
    """Return ``text`` without accents, in lower case: "Cộng Đồng" -> "cong dong".

    NFC and NFD input give the same result.
    """
    if not text:
        return ""
    text = unicodedata.normalize("NFD", str(text)).translate(_LETTER_MAP)
    return unicodedata.normalize("NFC", _COMBINING.sub("", text)).casefold()


def slugify_vi(text, max_length=None):
    """An ASCII slug that keeps Vietnamese letters: "Đường Nguyễn Huệ" -> "duong-nguyen-hue"."""
    folded = fold(text)
    folded = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
    if max_length:
        slug = slug[:max_length].rstrip("-")
    return slug


def format_number(value):
    """Group thousands with dots, as Vietnamese readers expect: 873969 -> "873.969"."""
    if value is None or value == "":
        return ""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return str(value)
    sign = "-" if number < 0 else ""
    return sign + f"{abs(number):,}".replace(",", ".")


WEEKDAYS = [
    pgettext_lazy("long date weekday", "Monday"),
    pgettext_lazy("long date weekday", "Tuesday"),
    pgettext_lazy("long date weekday", "Wednesday"),
    pgettext_lazy("long date weekday", "Thursday"),
    pgettext_lazy("long date weekday", "Friday"),
    pgettext_lazy("long date weekday", "Saturday"),
    pgettext_lazy("long date weekday", "Sunday"),
]


def format_long_date(value):
    """ "Thứ Ba, 20/06/2017" in Vietnamese (the weekday name comes from the catalogue)."""
    if not value:
        return ""
    return f"{WEEKDAYS[value.weekday()]}, {formats.date_format(value, 'd/m/Y')}"
