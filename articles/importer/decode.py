"""Turn the bytes of a saved page into Unicode text (NFC), or say why that is not possible.

Old Vietnamese portals were written in three encodings: UTF-8, Windows-1258 (which writes
most tone marks as separate combining characters) and TCVN3/ABC (the ".VnTime" fonts,
which reuse the Latin-1 byte range). Pages often declare the wrong charset (a TCVN3 page
saying iso-8859-1), so every legacy candidate is decoded and the one whose words look
like Vietnamese syllables wins.
"""

import codecs
import re
import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext as _

# TCVN 5712:1993 VN3 ("ABC"), the encoding of the .VnTime fonts. Bytes not listed are
# read as Latin-1. Upper-case letters with tone marks do not exist in VN3 (portals used
# the separate .VnTimeH font, which draws these same codes as capitals).
TCVN3_TABLE = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
    0xB0: "\u0300", 0xB1: "\u0309", 0xB2: "\u0303", 0xB3: "\u0301", 0xB4: "\u0323",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xC6: "ặ",
    0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
    0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
    0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
}  # fmt: skip


TCVN3_NAMES = {"tcvn", "tcvn3", "tcvn-3", "tcvn5712", "tcvn-5712", "x-viet-tcvn", "x-viet-tcvn5712", "vn3", "abc"}

_TONES = "\u0300\u0301\u0303\u0309\u0323"
_VI_LETTERS = set("abcdđeghiklmnopqrstuvxyăâêôơư" + "fjwz")
_SYLLABLE = re.compile(
    r"^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?"
    r"([aăâeêioôơuưy]{1,3})"
    r"(ch|ng|nh|[cmnpt])?$"
)
# Characters that decoded Vietnamese never contains, but a wrong legacy decoding does.
_GARBAGE = re.compile(
    "[\u0080-\u009f\u00a1-\u00a8\u00aa-\u00af\u00b1-\u00bf\u00c4-\u00c7\u00cb\u00ce-\u00d1\u00d6-\u00d8"
    "\u00db\u00dc\u00de-\u00df\u00e4-\u00e7\u00eb\u00ee\u00ef\u00f0\u00f1\u00f6-\u00f8\u00fb\u00fc\u00fe\u00ff\ufffd]"
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+")

MIN_SCORE = 0.85


class UndecodableError(ValueError):
    """The bytes are not text in an encoding the importer knows (the message says why)."""


@dataclass
class Decoded:
    text: str
    encoding: str
    note: str = ""


def decode_tcvn3(data):
    """Bytes in TCVN3 (ABC) -> NFC Unicode text.

    A line written in capitals used the .VnTimeH font, which draws the lower-case codes
    as capitals: such a line is upper-cased ("TRUNG T©M" -> "TRUNG TÂM", not "TRUNG TâM").
    """
    text = unicodedata.normalize("NFC", data.decode("latin-1").translate(TCVN3_TABLE))
    return "".join(_upper_if_capitals(line) for line in text.splitlines(keepends=True))


def _upper_if_capitals(line):
    ascii_letters = [ch for ch in line if ch.isascii() and ch.isalpha()]
    uppers = sum(1 for ch in ascii_letters if ch.isupper())
    if len(ascii_letters) >= 4 and uppers >= 0.7 * len(ascii_letters):
        # Keep markup (tags, entities) as it is: only text outside <...> changes.
        return re.sub(r"(^|>)([^<]*)", lambda m: m.group(1) + m.group(2).upper(), line)
    return line


def is_vietnamese_syllable(word):
    """True when ``word`` could be one written Vietnamese syllable (one tone mark at most)."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    if sum(decomposed.count(tone) for tone in _TONES) > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONES))
    if not set(bare) <= _VI_LETTERS:
        return False
    return bool(_SYLLABLE.match(bare))


def vietnamese_score(text):
    """How much ``text`` looks like correctly decoded Vietnamese: (score 0..1, words judged).

    Only words with a non-ASCII letter are judged (ASCII words look the same in every
    encoding); stray Latin-1 symbols count against the text.
    """
    words = [w for w in _WORD.findall(text) if not w.isascii()]
    garbage = len(_GARBAGE.findall(text))
    if not words and not garbage:
        return 1.0, 0
    good = sum(1 for w in words if is_vietnamese_syllable(w))
    return good / (len(words) + garbage), len(words)


def _declared_charset(data):
    match = _META_CHARSET.search(data[:8192])
    if not match:
        return None
    return match.group(1).decode("ascii", "ignore").strip().lower()


def _codec(name):
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode(data, declared=None):
    """Decode ``data`` (bytes) to NFC text; raise UndecodableError when it cannot be done confidently."""
    if isinstance(data, str):
        return Decoded(unicodedata.normalize("NFC", data), "unicode")
    if not data.strip():
        raise UndecodableError(_("the file is empty"))
    boms = ((codecs.BOM_UTF8, "utf-8-sig", "utf-8"), (codecs.BOM_UTF16_LE, "utf-16", "utf-16"))
    for bom, codec, name in (*boms, (codecs.BOM_UTF16_BE, "utf-16", "utf-16")):
        if data.startswith(bom):
            return Decoded(unicodedata.normalize("NFC", data.decode(codec, errors="replace")), name)
    if b"\x00" in data[:4096]:
        raise UndecodableError(_("the file is not text (it contains binary data)"))
    try:
        return Decoded(unicodedata.normalize("NFC", data.decode("utf-8")), "utf-8")
    except UnicodeDecodeError:
        pass

    declared = declared or _declared_charset(data)
    candidates = []
    if declared in TCVN3_NAMES:
        candidates.append("tcvn3")
    elif declared and _codec(declared) not in (None, "utf-8", "latin-1", "cp1252", "ascii", "iso8859-1"):
        candidates.append(_codec(declared))
    for name in ("cp1258", "tcvn3"):
        if name not in candidates:
            candidates.append(name)

    best = None
    for name in candidates:
        try:
            text = decode_tcvn3(data) if name == "tcvn3" else data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
        text = unicodedata.normalize("NFC", text)
        score, judged = vietnamese_score(text)
        if best is None or score > best[0]:
            best = (score, judged, name, text)
    if best is None or best[0] < MIN_SCORE:
        raise UndecodableError(_("the text encoding could not be recognised (it is not UTF-8, Windows-1258 or TCVN3)"))
    score, judged, name, text = best
    encoding = {"cp1258": "windows-1258"}.get(name, name)
    note = ""
    if declared and _codec(declared) != _codec(name) and not (name == "tcvn3" and declared in TCVN3_NAMES):
        note = _("the page declares %(declared)s but is written in %(encoding)s") % {
            "declared": declared,
            "encoding": encoding,
        }
    return Decoded(text, encoding, note)
