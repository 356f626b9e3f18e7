"""Publication dates as Vietnamese portals print them, read day first, in Vietnam's time zone.

"20/06/2017", "Ngày đăng 11/07/2020 | 16:37", "06/07/2010, 10:36 (GMT+7)",
"Thứ sáu, 26/04/2019 09:00", "ngày 01/10/2018", "Cập nhật lúc 16:37 ngày 11/07/2020",
"Thứ Hai, 20/6/2017 - 08:15", "ngày 20 tháng 6 năm 2017".

Only a date that stands as the page's date line counts: a line that is nothing but the
date (with its weekday, time and zone), or a line that starts with a label such as
"Ngày đăng" or "Cập nhật". A date inside a sentence is something the article talks about.
"""

import datetime
import re
from zoneinfo import ZoneInfo

from cms.text import fold

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")

_DATE = (
    r"(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})\s*[/.\-]\s*(?P<y>(?:19|20)\d{2})"
    r"|ngay\s+(?P<d2>\d{1,2})\s+thang\s+(?P<m2>\d{1,2})\s*(?:,\s*)?nam\s+(?P<y2>(?:19|20)\d{2})"
)
_TIME = r"(?P<H>\d{1,2})\s*(?::|h|g|gio)\s*(?P<M>\d{2})(?:\s*:\s*(?P<S>\d{2}))?(?:\s*(?P<ampm>am|pm|sa|ch))?"
_WEEKDAY = r"(?:thu\s*(?:hai|ba|tu|nam|sau|bay|[2-7])|chu\s*nhat|cn|t[2-7])"
_ZONE = r"\(?\s*(?:gmt|utc)\s*[+\-]\s*\d{1,2}(?::?\d{2})?\s*\)?"
# Labels that introduce the page's own date (folded: no accents, lower case).
_LABEL = (
    r"(?:ngay\s+dang\s+tin|ngay\s+dang|ngay\s+cap\s+nhat|cap\s+nhat\s+luc|cap\s+nhat\s+ngay|cap\s+nhat|"
    r"dang\s+luc|dang\s+ngay|ngay\s+xuat\s+ban|xuat\s+ban|thoi\s+gian\s+dang|thoi\s+gian|ngay\s+gui|"
    r"ngay\s+viet|posted\s+on|posted|published|updated|date)"
)
_SEP = r"[\s,|\-–—:]*"
# The same patterns without named groups, to be combined freely.
_DATE_P = re.sub(r"\?P<\w+>", "?:", _DATE)
_TIME_P = re.sub(r"\?P<\w+>", "?:", _TIME)

_DATE_RE = re.compile(_DATE)
_TIME_RE = re.compile(_TIME)
_ONLY_DATE_RE = re.compile(
    rf"^{_SEP}(?:ngay\s*)?(?:{_WEEKDAY}{_SEP})?(?:(?:luc\s*)?{_TIME_P}{_SEP}(?:ngay\s*)?)?(?:{_WEEKDAY}{_SEP})?"
    rf"(?:ngay\s*)?(?:{_DATE_P}){_SEP}(?:(?:luc\s*)?{_TIME_P})?{_SEP}(?:{_ZONE})?[\s.]*$"
)
_LABEL_RE = re.compile(rf"^[\s(\[]*{_LABEL}\b\s*:?")
_TIME_AFTER = re.compile(rf"^{_SEP}(?:luc\s*)?{_TIME}")
_TIME_BEFORE = re.compile(rf"{_TIME}{_SEP}(?:ngay\s*)?(?:{_WEEKDAY}{_SEP})?$")

_LEADING_RE = re.compile(rf"^(?:{_WEEKDAY}{_SEP})?(?:ngay\s*)?(?:{_DATE_P})")

MAX_LABELLED_LINE = 200


def _folded(line):
    # fold() keeps length only for precomposed text; the regexes need folded text.
    return fold(line).replace("\xa0", " ")


def _build(match_date, match_time):
    groups = match_date.groupdict()
    day = int(groups["d"] or groups["d2"])
    month = int(groups["m"] or groups["m2"])
    year = int(groups["y"] or groups["y2"])
    hour = minute = second = 0
    if match_time is not None:
        hour, minute = int(match_time.group("H")), int(match_time.group("M"))
        second = int(match_time.group("S") or 0)
        ampm = match_time.group("ampm")
        if ampm in ("pm", "ch") and hour < 12:
            hour += 12
        elif ampm in ("am", "sa") and hour == 12:
            hour = 0
    try:
        return datetime.datetime(year, month, day, hour, minute, second, tzinfo=VIETNAM)
    except ValueError:
        return None


def _date_with_time(folded):
    """The first date in ``folded`` with the time written just after or just before it."""
    match = _DATE_RE.search(folded)
    if not match:
        return None
    after = _TIME_AFTER.match(folded[match.end() :])
    before = _TIME_BEFORE.search(folded[: match.start()])
    return _build(match, after or before)


def parse_date_line(line):
    """The publication datetime a date line gives, or None if ``line`` is not a date line.

    A date line is either only a date (with weekday, time, zone) or starts with a label
    ("Ngày đăng", "Cập nhật lúc"…). A date inside a sentence gives None.
    """
    if not line:
        return None
    folded = _folded(line).strip()
    if len(folded) > MAX_LABELLED_LINE:
        return None
    if _ONLY_DATE_RE.match(folded):
        return _date_with_time(folded)
    label = _LABEL_RE.match(folded)
    if label:
        rest = folded[label.end() :]
        match = _DATE_RE.search(rest)
        # The date must follow the label closely ("Ngày đăng: 11/07/2020", "Cập nhật lúc 16:37 ngày …").
        if match and match.start() <= 40:
            return _date_with_time(rest)
    return None


def has_label(line):
    """True when ``line`` starts with a date label ("Ngày đăng", "Cập nhật lúc"…)."""
    return bool(_LABEL_RE.match(_folded(line).strip()))


def parse_leading_date(line):
    """A date that opens a short header line ("06/07/2010, 10:36 (GMT+7) | Lượt xem: 35")."""
    folded = _folded(line).strip()
    if not folded or len(folded) > 120:
        return None
    match = _LEADING_RE.match(folded)
    if not match:
        return None
    return _date_with_time(folded)


def find_any_date(text):
    """Any date written in ``text`` (for reporting that the running text mentions dates)."""
    return _DATE_RE.search(_folded(text)) is not None
