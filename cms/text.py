"""Vietnamese text helpers: ASCII slugs, accent folding for search, sort keys, number and date display."""

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


MAX_BIGINT = 2**63 - 1
_INTEGER = re.compile(r"-?[0-9]{1,19}")


def parse_int(value, minimum=0, maximum=MAX_BIGINT):
    """The integer ``value`` writes in ASCII digits, or None; within [minimum, maximum] (None: open).

    Stricter than ``int()``: "²" (``str.isdigit()`` is true, ``int()`` fails), a full-width "３",
    "1_000", " 7" and "+7" are not numbers here, and the default range is what a database's
    64-bit integer column holds.
    """
    if not isinstance(value, str) or not _INTEGER.fullmatch(value):
        return None
    number = int(value)
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        return None
    return number


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


# Vietnamese alphabetical order as a plain string key, identical on SQLite and PostgreSQL.
# Databases collate Vietnamese differently (SQLite compares code points, PostgreSQL follows
# the server's locale), so names carry a stored key computed here and lists ``ORDER BY`` it.
# The key is made of ASCII digits only, which every collation orders the same way.

# The Vietnamese alphabet, with the letters only loanwords use (f, j, w, z) where the
# Latin alphabet puts them.
VI_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"

# Tones in dictionary order: ngang (none), huyền, hỏi, ngã, sắc, nặng.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
# Marks that make a letter of its own (ă, â, ê, ô, ơ, ư) rather than a tone.
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}

_RANKS = {letter: 20 + index for index, letter in enumerate(VI_ALPHABET)}
_SEPARATOR = "01"  # between words: "An Bình" comes before "Anh"
_NUMBER = "02"  # a run of digits, compared by value: "Phường 4" before "Phường 10"
_OTHER = "99"  # letters outside the Vietnamese alphabet, after every Vietnamese one
_LEVEL = "00"  # between the letter, tone and case levels

SORT_KEY_MAX_LENGTH = 1000


def _letters(text):
    """Split ``text`` into (base letter with its letter marks, tone, is_upper) triples."""
    for char in unicodedata.normalize("NFC", text):
        decomposed = unicodedata.normalize("NFD", char)
        base = decomposed[0]
        tone = 0
        marks = ""
        for mark in decomposed[1:]:
            if mark in _TONES:
                tone = _TONES[mark]
            elif mark in _LETTER_MARKS:
                marks += mark
        letter = unicodedata.normalize("NFC", base + marks)
        yield letter.lower(), tone, letter != letter.lower()


def vi_sort_key(text, max_length=SORT_KEY_MAX_LENGTH):
    """A digits-only key that orders names the Vietnamese way.

    Letters first (a ă â b c d đ e ê …, word by word), then tones (ma, mà, mả, mã,
    má, mạ), then lower case before upper case. Punctuation is ignored.
    """
    primary, tones, cases = [], [], []
    pending_separator = False
    digits = ""

    def flush_digits():
        nonlocal digits
        if digits:
            primary.append(_NUMBER + digits.lstrip("0").rjust(12, "0")[-12:])
            digits = ""

    for letter, tone, upper in _letters(text or ""):
        if letter.isdigit() and letter.isascii():
            if pending_separator and primary:
                primary.append(_SEPARATOR)
            pending_separator = False
            digits += letter
            continue
        flush_digits()
        if not letter.isalnum():
            pending_separator = True
            continue
        if pending_separator and primary:
            primary.append(_SEPARATOR)
        pending_separator = False
        primary.append(f"{_RANKS[letter]:02d}" if letter in _RANKS else _OTHER)
        tones.append(str(tone))
        cases.append("1" if upper else "0")
    flush_digits()
    key = "".join(primary) + _LEVEL + "".join(tones) + _LEVEL + "".join(cases)
    return key[:max_length]


def full_name(user):
    """A person's name the Vietnamese way, family name first: "Nguyễn Văn An", else the username.

    Sen stores the family and middle names ("Họ và tên đệm") in ``first_name`` and the given name
    ("Tên") in ``last_name``, so that Django's ``get_full_name()``, which Wagtail shows on its own
    screens (workflow tables, history, e-mails), reads in the Vietnamese order too.
    """
    if user is None:
        return ""
    return user.get_full_name().strip() or user.get_username()


def split_full_name(name):
    """ "Nguyễn Thị Lan" -> ("Nguyễn Thị", "Lan"): the family names (first_name) and the given name (last_name)."""
    family, _sep, given = " ".join(name.split()).rpartition(" ")
    return family, given
