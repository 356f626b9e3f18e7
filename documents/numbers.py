"""Document numbers ("số ký hiệu") in the forms visitors type them.

"42/2022/NĐ-CP", "42/2022/nd-cp" and "42 2022 ND CP" are the same number: folded (no accents,
lower case, đ -> d) its words are ``42 2022 nd cp`` whatever separates them.
"""

import re
import unicodedata

from cms.text import fold

_WORD = re.compile(r"[^\W_]+")
# Old keyboards and fonts put the Icelandic eth (Ð, ð) where Vietnamese has Đ, đ.
_LOOKALIKES = str.maketrans({"Ð": "Đ", "ð": "đ"})
_STROKE = str.maketrans({"Đ": "D", "đ": "d"})
_COMBINING = re.compile(r"[\u0300-\u036f]")


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


def _without_diacritics(text):
    """``text`` without accents, keeping its case: "1009/KH-PGDĐT" -> "1009/KH-PGDDT"."""
    decomposed = unicodedata.normalize("NFD", text.translate(_LOOKALIKES)).translate(_STROKE)
    return unicodedata.normalize("NFC", _COMBINING.sub("", decomposed))


def is_linkable(number):
    """Whether a text naming ``number`` surely means this document: a number and a symbol.

    "1009/KH-PGDĐT" is; a bare "1009" or a symbol without digits would link unrelated text.
    """
    number = number or ""
    words = number_words(number)
    return (
        "/" in number
        and len(words) >= 2
        and any(word.isdigit() for word in words)
        and any(not word.isdigit() for word in words)
    )


def number_names(number):
    """The ways a text writes ``number``, for the link-target hook (empty if it is not linkable).

    As printed; without diacritics, as typed on a keyboard without Vietnamese ("1009/KH-PGDDT");
    and with the Icelandic eth that old fonts put for Đ ("1009/KH-PGDÐT").
    """
    number = " ".join((number or "").split())
    if not is_linkable(number):
        return []
    names = [number, _without_diacritics(number), number.replace("Đ", "Ð").replace("đ", "ð")]
    return list(dict.fromkeys(names))
