"""Document numbers ("số ký hiệu") in the forms visitors type them.

"42/2022/NĐ-CP", "42/2022/nd-cp" and "42 2022 ND CP" are the same number: folded (no accents,
lower case, đ -> d) its words are ``42 2022 nd cp`` whatever separates them.
"""

import re

from cms.text import fold

_WORD = re.compile(r"[^\W_]+")
# Old keyboards and fonts put the Icelandic eth (Ð, ð) where Vietnamese has Đ, đ.
_LOOKALIKES = str.maketrans({"Ð": "Đ", "ð": "đ"})


def number_words(number):
    """The folded words of a number: "1009/KH-PGDĐT" -> ["1009", "kh", "pgddt"]."""
    return _WORD.findall(fold((number or "").translate(_LOOKALIKES)))


def normalise_number(number):
    """One canonical form, for comparing numbers: "42/2022/NĐ-CP" -> "42 2022 nd cp"."""
    return " ".join(number_words(number))


def number_search_text(number):
    """What search indexes besides the number as written: the spaced and the joined folded forms.

    "42/2022/NĐ-CP" -> "42 2022 nd cp 422022ndcp", so that a backend that splits words on any
    separator and one that keeps "42/2022/nđ-cp" whole both find it, typed either way.
    """
    words = number_words(number)
    if not words:
        return ""
    return f"{' '.join(words)} {''.join(words)}"
