"""Searching the site: the one entry point the site view and the API call.

    from search.query import search_pages, SearchError

    results = search_pages(
        "cong dong",              # what the visitor typed; accents, case, NFC/NFD do not matter
        locale="vi",              # a Locale, a language code, or None for every locale
        content_types=["centers.centerpage"],  # facet keys (or page models); None = all
        date_from=date(2017, 1, 1), date_to=None,  # datetime.date, inclusive; None = open
        page=1, per_page=10,      # page >= 1, 1 <= per_page <= MAX_PER_PAGE
        request=None,             # when given, hit URLs are relative to the request's site
    )
    results.total                 # number of matching pages
    results.items                 # list[Hit] of this page of results
    results.page, results.per_page, results.num_pages, results.has_next, results.has_previous
    results.facets                # list[Facet(key, label, count, selected)], one per content type
    results.terms                 # the parsed query: a tuple of words per term

    hit.page                      # the specific live Page
    hit.title, hit.title_html     # title_html: escaped, matches wrapped in <mark>
    hit.url                       # page URL (relative when request is given)
    hit.excerpt_html              # escaped text around the first match, matches in <mark>
    hit.content_type, hit.content_type_label   # facet key and label ("" for other pages)
    hit.date                      # datetime.date or None
    hit.locale                    # language code of the page, "vi" / "en"

``search_pages`` raises ``SearchError`` (a ``ValueError`` whose ``message`` is a
translated sentence for the visitor) for a query longer than ``MAX_QUERY_LENGTH``,
more than ``MAX_TERMS`` terms, an unknown content type or locale, a date range that
ends before it starts, or a page / per_page out of range. A page number past the last
page is not an error: ``items`` is empty and ``total`` still counts every match.

How a query matches
-------------------
Text and query are folded the same way (``cms.text.fold``: no accents, đ -> d,
lower case, NFC = NFD) and split into words (runs of letters and digits). Every term
must occur as a whole word: "an" finds "An Hòa" but not "Thanh". No word is too short
or too common to count ("An", "do", "Mỹ" and the "4" of "P.4" all matter) and there is
no stemming. A term in double quotes (straight or curly) must occur as a phrase,
words in that order and adjacent; so must a run of words written without spaces:
"P.4" is the phrase "p 4" and "2016-2017" the phrase "2016 2017". Because accents are
ignored, "do" also finds "đỗ", "độ", "đồ" and "dò": a visitor without a Vietnamese
keyboard cannot type them apart, and finding too much is better than finding nothing.

Results come in the order of ``search.ranking`` (the one ranking of every entry point): title
equal to the query, then the title holding the query as a phrase, then the number of terms in
the title, then the newest date. Numbers are found however their thousands are grouped (9600,
9.600, 9,600) and abbreviations by their full forms and back (``indexing.variant_words``); see
docs/search-ranking.md.

One index, every entry point
----------------------------
``search.models.SearchEntry`` is the one index of pages; ``search.backends`` (the
``WAGTAILSEARCH_BACKENDS`` default) serves it to the admin, the choosers and
``/api/v2/…?search=`` with the same matching and the same ranking (``search.ranking``), so the
site, both APIs and the admin find the same pages, in the same order, for the same query. Words are folded
when the entry is written, so nothing is folded or parsed per row at query time:

* PostgreSQL: the stored ``vector`` (words, plus each pair of adjacent words so that a
  phrase is found through the GIN index) is matched with ``to_tsquery('simple', …)``;
* SQLite: FTS5. ``sen_search_fts`` (every entry, by page id) serves the admin;
  ``sen_search_live_fts`` (live entries, rowid ordered by date, type and locale as
  tokens) serves this function: counts, facets and the newest matches stop at a LIMIT.

Counts and facets are exact up to ``COUNT_CAP`` ("more than 1,000 results"); with more
matches, the order above is applied to the ``RANK_WINDOW`` newest matches and the
``TITLE_WINDOW`` best-ranked pages whose title holds every term.
"""

import collections
import datetime
import functools
import html
import math
import operator
import re
import time
import unicodedata
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import BooleanField, F, Q
from django.db.models.expressions import Expression, RawSQL
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.models import Locale, Page, PageViewRestriction, get_page_models

from cms import hooks as sen_hooks
from cms.text import MAX_BIGINT, fold, format_number, parse_int

from .indexing import meta_token, words
from .models import SearchEntry
from .ranking import RANK_WINDOW, TITLE_WINDOW, rank_queryset, rank_sql

MAX_QUERY_LENGTH = 300
MAX_TERMS = 10
MAX_PER_PAGE = 50
# Totals and facet counts are exact up to this many pages, then "more than COUNT_CAP".
COUNT_CAP = 1000
EXCERPT_LENGTH = 240

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "＂": '"'})
_TERM_RE = re.compile(r'"([^"]*)"?|([^\s"]+)')


class SearchError(ValueError):
    """A query the search cannot run; ``message`` is a sentence for the visitor."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


@dataclass
class Facet:
    key: str
    label: str
    count: int = 0
    selected: bool = False
    capped: bool = False  # more than ``count`` (COUNT_CAP) pages


@dataclass
class Hit:
    page: Page
    title: str
    title_html: str
    url: str
    excerpt_html: str
    content_type: str
    content_type_label: str
    date: datetime.date | None
    locale: str


@dataclass
class SearchResults:
    query: str
    terms: list
    items: list = field(default_factory=list)
    total: int = 0
    page: int = 1
    per_page: int = 10
    facets: list = field(default_factory=list)
    capped: bool = False  # more than ``total`` (COUNT_CAP) pages match

    @property
    def num_pages(self):
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def has_previous(self):
        return self.page > 1

    @property
    def has_next(self):
        return self.page < self.num_pages

    @property
    def start_index(self):
        return (self.page - 1) * self.per_page + 1 if self.items else 0

    @property
    def end_index(self):
        return self.start_index + len(self.items) - 1 if self.items else 0

    @property
    def summary(self):
        """ "12 kết quả" in the active language."""
        if self.capped:
            return _("more than %(count)s results") % {"count": format_number(self.total)}
        return ngettext("%(count)s result", "%(count)s results", self.total) % {"count": format_number(self.total)}


# Parsing ------------------------------------------------------------------------------


def clean_query(query):
    """The query as text to parse: no NUL or control characters, NFC, single spaces."""
    query = str(query or "")
    query = "".join(ch for ch in query if ch in "\t\n" or unicodedata.category(ch)[0] != "C")
    return " ".join(unicodedata.normalize("NFC", query).split())


def parse_query(query):
    """The terms of a query: a tuple of folded words each, in order, without repeats.

    >>> parse_query('Cộng đồng "học tập" P.4')
    [('cong',), ('dong',), ('hoc', 'tap'), ('p', '4')]
    """
    terms = []
    for quoted, bare in _TERM_RE.findall(clean_query(query).translate(_QUOTES)):
        term = tuple(words(quoted or bare))
        if term and term not in terms:
            terms.append(term)
    return terms


# Facets -------------------------------------------------------------------------------


def get_facets():
    """Facets the installed plugins registered (``sen_search_facets``), as (key, label, model)."""
    facets = []
    seen = set()
    for label, model in sen_hooks.collect(sen_hooks.SEARCH_FACETS):
        key = model._meta.label_lower
        if key not in seen:
            seen.add(key)
            facets.append((key, label, model))
    return facets


def _content_type_ids(model):
    models = [m for m in get_page_models() if issubclass(m, model)] or [model]
    return [ct.pk for ct in ContentType.objects.get_for_models(*models, for_concrete_models=False).values()]


# Matching -----------------------------------------------------------------------------


FTS_TABLE = "sen_search_fts"


def _tsquery_text(terms, prefix=False):
    """A ``to_tsquery`` text: terms joined by ``&``, the words of a term by ``<->``.

    Words are runs of letters and digits (``parse_query``), quoted as lexemes; with
    ``prefix``, the last word of the last term matches as a prefix (``:*``)."""
    parts = []
    for index, term in enumerate(terms):
        lexemes = [f"'{word}'" for word in term]
        is_prefix = prefix and index == len(terms) - 1
        if is_prefix:
            lexemes[-1] += ":*"
        if len(lexemes) == 1:
            parts.append(lexemes[0])
            continue
        # Pairs and runs of three adjacent words are lexemes of the stored vector (``indexing.extra_tokens``).
        whole = term[:-1] if is_prefix else term  # the words matched whole
        if len(whole) in (2, 3) and not is_prefix:
            # The phrase is one lexeme: no positions to check, so no row's vector is read
            # (a check reads each candidate's whole vector from TOAST).
            parts.append("'" + "0".join(term) + "'")
            continue
        runs = [f"'{a}0{b}0{c}'" for a, b, c in zip(whole, whole[1:], whole[2:], strict=False)]
        runs = runs or [f"'{a}0{b}'" for a, b in zip(whole, whole[1:], strict=False)]
        # The GIN index finds the rows with every run; only those are checked for positions.
        parts.append("(" + " & ".join([*runs, "(" + " <-> ".join(lexemes) + ")"]) + ")")
    return " & ".join(parts)


def _fts5_text(terms, prefix=False):
    """An FTS5 MATCH text: each term a quoted phrase, all required; ``*`` for a prefix."""
    parts = []
    for index, term in enumerate(terms):
        phrase = '"' + " ".join(term) + '"'
        if prefix and index == len(terms) - 1:
            phrase += " *"
        parts.append(phrase)
    return " AND ".join(parts)


class VectorMatch(Expression):
    """``<entry table>.vector @@ to_tsquery('simple', %s)`` on the stored vector, with the
    table's alias in the query being compiled (also inside a subquery)."""

    output_field = BooleanField()
    conditional = True

    def __init__(self, tsquery):
        super().__init__()
        self.tsquery = tsquery

    def as_sql(self, compiler, connection):
        alias = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return f"{alias}.\"vector\" @@ to_tsquery('simple'::regconfig, %s)", [self.tsquery]


def match_entries(entries, terms, prefix=False):
    """``entries`` (a SearchEntry queryset) narrowed to rows containing every term.

    PostgreSQL matches the stored ``vector`` (GIN index); SQLite the FTS5 table. Both
    hold words folded at index time, so the query is folded the same way and nothing is
    computed per row."""
    if not terms:
        return entries.none()
    if connection.vendor == "postgresql":
        return entries.filter(VectorMatch(_tsquery_text(terms, prefix)))
    if connection.vendor == "sqlite":
        sql = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"  # noqa: S608 - constants only
        return entries.filter(page_id__in=RawSQL(sql, [_fts5_text(terms, prefix)]))  # noqa: S611
    for index, term in enumerate(terms):  # other databases: a scan of the folded words
        if prefix and index == len(terms) - 1:
            entries = entries.filter(folded__contains=" " + " ".join(term))
        else:
            entries = entries.filter(folded__contains=" " + " ".join(term) + " ")
    return entries


def relevance_order(entries, terms, prefix="", nulls_last=True):
    """``entries`` ordered the way results are ranked (``search.ranking``)."""
    return rank_queryset(entries, terms, prefix=prefix, nulls_last=nulls_last)


def _restricted_paths():
    return list(PageViewRestriction.objects.values_list("page__path", flat=True).distinct())


def public_entries(restricted=None):
    """Live entries of pages the public may see (no view restriction on them or above)."""
    entries = SearchEntry.objects.filter(live=True)
    restricted = _restricted_paths() if restricted is None else restricted
    if restricted:
        hidden = functools.reduce(operator.or_, [Q(page__path__startswith=path) for path in restricted])
        entries = entries.exclude(hidden)
    return entries


def capped_count(queryset, cap=None):
    """The number of rows, counted exactly up to ``cap``; ``cap + 1`` means "more"."""
    cap = COUNT_CAP if cap is None else cap
    return queryset.order_by().values("pk")[: cap + 1].count()


def _resolve_locale(locale):
    if locale is None or isinstance(locale, Locale):
        return locale
    found = Locale.objects.filter(language_code__iexact=str(locale)).first()
    if found is None:
        raise SearchError(_("There is no content in the language “%(code)s”.") % {"code": str(locale)[:20]})
    return found


def _resolve_content_types(content_types, facets):
    if not content_types:
        return None, set()
    if isinstance(content_types, (str, type)):
        content_types = [content_types]
    by_key = {key: model for key, _label, model in facets}
    chosen = set()
    for item in content_types:
        key = item._meta.label_lower if isinstance(item, type) else str(item).strip().lower()
        if key not in by_key:
            raise SearchError(_("Unknown content type “%(key)s”.") % {"key": key[:60]})
        chosen.add(key)
    ids = set()
    for key in chosen:
        ids.update(_content_type_ids(by_key[key]))
    return ids, chosen


def _positive_int(value, name, maximum=MAX_BIGINT):
    number = parse_int(str(value), 1, maximum)
    if number is None:
        if name == "page":
            raise SearchError(_("The page number must be a whole number from 1."))
        raise SearchError(_("The number of results per page must be from 1 to %(max)s.") % {"max": maximum})
    return number


LIVE_FTS_TABLE = "sen_search_live_fts"
_DATE_KEY = 1 << 24  # rowid of sen_search_live_fts: julianday(date) * 2**24 + page_id (migration 0006)


def _date_key(day):
    return (day.toordinal() + 1_721_424) * _DATE_KEY


def _live_fts5_text(terms):
    """The MATCH text of ``terms`` on the live FTS5 table: a word in ``folded``; a phrase as the phrase of its
    word pairs in ``tokens`` (pair i at position i, migration 0010), which matches exactly the pages that have
    the words in a row and reads the short lists of the pairs rather than the long ones of common words."""
    parts = []
    for term in terms:
        if len(term) == 1:
            parts.append(f'folded : "{term[0]}"')
        else:
            parts.append('tokens : "' + " ".join(f"{a}0{b}" for a, b in zip(term, term[1:], strict=False)) + '"')
    return " AND ".join(parts)


def _live_fts_rowids(terms, type_ids=None, locale_id=None, date_from=None, date_to=None, limit=None, newest=False):
    """Rowids of live entries matching, from the date-ordered FTS5 table (SQLite)."""
    expression = _live_fts5_text(terms)
    if type_ids is not None:
        expression += " AND meta : (" + " OR ".join(f'"ct{pk}"' for pk in sorted(type_ids)) + ")"
    if locale_id is not None:
        expression += f' AND meta : "lc{locale_id}"'
    sql = f"SELECT rowid FROM {LIVE_FTS_TABLE} WHERE {LIVE_FTS_TABLE} MATCH %s"  # noqa: S608 - constants only
    params = [expression]
    if date_from:
        sql += " AND rowid >= %s"
        params.append(_date_key(date_from))
    if date_to:
        sql += " AND rowid < %s"
        params.append(_date_key(date_to + datetime.timedelta(days=1)))
    if newest:
        sql += " ORDER BY rowid DESC"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def _live_title_ids(terms, type_ids=None, locale_id=None, date_from=None, date_to=None):
    """SQLite: ids of the live pages whose title holds every term, with the search's filters (``sqlite_title_ids``)."""
    entries = SearchEntry.objects.filter(live=True)
    if type_ids is not None:
        entries = entries.filter(content_type_id__in=type_ids)
    return sqlite_title_ids(terms, _in_locale_and_dates(entries, locale_id, date_from, date_to))


def _in_locale_and_dates(entries, locale_id, date_from, date_to):
    """``entries`` in the locale and the date range a search asks for (each optional)."""
    if locale_id is not None:
        entries = entries.filter(locale_id=locale_id)
    if date_from:
        entries = entries.filter(date__gte=date_from)
    if date_to:
        entries = entries.filter(date__lte=date_to)
    return entries


def _sqlite_live_search(results, facets, terms, locale, type_ids, date_from, date_to, offset, limit):
    """SQLite, no view restrictions: the RANK_WINDOW newest matches read from the date-ordered FTS5 table
    (stopping at its LIMIT), ranked in one query; the count and the facets' counts from that window where
    it holds them, as on PostgreSQL, else each from the FTS5 table up to the cap. Returns the ids of the
    ranked page ``[offset:offset + limit]``, in order."""
    locale_id = locale.pk if locale is not None else None
    options = {"locale_id": locale_id, "date_from": date_from, "date_to": date_to}
    window_size = max(RANK_WINDOW, COUNT_CAP + 1)
    window = _live_fts_rowids(terms, type_ids=type_ids, limit=window_size, newest=True, **options)
    count = len(window)
    results.total = min(count, COUNT_CAP)
    results.capped = count > COUNT_CAP
    window = [rowid % _DATE_KEY for rowid in window]
    if count >= window_size:  # a full window: the pages titled with the query join it, however old
        window = list(dict.fromkeys(window + _live_title_ids(terms, type_ids, **options)))
    ranked = []
    if window:
        order, params = rank_sql(terms, "w")
        sql = (
            f"SELECT w.page_id, w.content_type_id FROM {SearchEntry._meta.db_table} w"  # noqa: S608 - constants only
            f" WHERE w.page_id IN ({', '.join(['%s'] * len(window))}) ORDER BY {order}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, window + params)
            ranked = cursor.fetchall()
    in_window = collections.Counter(content_type_id for _page_id, content_type_id in ranked)
    for facet, (_key, _label, model) in zip(results.facets, facets, strict=True):
        ids = _content_type_ids(model)
        facet_count = sum(in_window[pk] for pk in ids)
        if not ((type_ids is None or set(ids) <= set(type_ids)) and (count < window_size or facet_count > COUNT_CAP)):
            facet_count = len(_live_fts_rowids(terms, type_ids=ids, limit=COUNT_CAP + 1, **options))
        facet.count = min(facet_count, COUNT_CAP)
        facet.capped = facet_count > COUNT_CAP
    if not results.total:
        return []
    return [page_id for page_id, _content_type_id in ranked[offset : offset + limit]]


def _meta_tsquery(type_ids=None, locale_id=None, year=None):
    """The page type, locale and year as lexemes of the stored vector (``indexing.extra_tokens``)."""
    parts = []
    if type_ids is not None:
        parts.append("(" + " | ".join(f"'{meta_token('ct', pk)}'" for pk in sorted(type_ids)) + ")")
    if locale_id is not None:
        parts.append(f"'{meta_token('lc', locale_id)}'")
    if year is not None:
        parts.append(f"'{meta_token('y', year)}'")
    return " & ".join(parts)


# (first year, last year) of the dated entries, live ones and all, for a few minutes: the
# lookups by year also read the pages dated outside that span (see newest_matches_sql),
# so a stale span costs a little time, never a result.
_YEAR_SPAN_SECONDS = 300
_year_spans = {}


def _year_span(live=True):
    cached = _year_spans.get(live)
    if cached is not None and cached[2] > time.monotonic():
        return cached[:2]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT MIN(date), MAX(date) FROM {SearchEntry._meta.db_table}"  # noqa: S608 - constants only
            f" WHERE {'live AND ' if live else ''}date IS NOT NULL"
        )
        first, last = cursor.fetchone()
    span = (first.year, last.year) if first is not None else (None, None)
    _year_spans[live] = (*span, time.monotonic() + _YEAR_SPAN_SECONDS)
    return span


def _postgres_filters(date_from=None, date_to=None, restricted=(), live=True):
    """(join, [conditions], params) for (live, public) entries in a date range.

    The conditions are written so that no B-tree index can serve them (``e.date + 0``,
    ``COALESCE(e.live, FALSE)``): they are checked on the rows the GIN index finds. Otherwise the
    planner, for a date range of a few years, reads every entry of the range through the date
    index and tests each one's stored vector (1.2 s at 100,000 articles instead of 50 ms)."""
    filters, params = (["COALESCE(e.live, FALSE)"] if live else []), []
    if date_from:
        filters.append("e.date + 0 >= %s")
        params.append(date_from)
    if date_to:
        filters.append("e.date + 0 <= %s")
        params.append(date_to)
    join = ""
    if restricted:
        join = " JOIN wagtailcore_page p ON p.id = e.page_id"
        for path in restricted:
            filters.append("p.path NOT LIKE %s")
            params.append(path.replace("%", "").replace("_", "") + "%")
    return join, filters, params


def _tsquery_with(base, meta):
    return f"({base}) & {meta}" if meta else base


WINDOW_COLUMNS = "e.page_id, e.content_type_id"
# What the ranking reads of each match in the window (``ranking.rank_sql``): no TOASTed column.
RANK_COLUMNS = "e.page_id, e.content_type_id, e.title_folded, e.title, e.date"


# Title matches -------------------------------------------------------------------------
#
# Beyond RANK_WINDOW matches, the window of ranked pages also holds the TITLE_WINDOW best ranked
# pages whose title holds every term, however old: see ``search.ranking``.


def title_needles(terms, prefix=False):
    """What the folded title must contain, one text per term (" w1 w2 "; the last term open-ended
    with ``prefix``)."""
    needles = [" " + " ".join(term) + " " for term in terms]
    if prefix and needles:
        needles[-1] = needles[-1][:-1]
    return needles


def title_filter(terms, prefix=False, path=""):
    """A Q of the rows (of SearchEntry, or through ``path``) whose title holds every term."""
    return functools.reduce(
        operator.and_, [Q(**{f"{path}title_folded__contains": needle}) for needle in title_needles(terms, prefix)]
    )


def _title_tsquery(terms, prefix=False):
    """The title's words as lexemes of the stored vector (``0t`` + word, ``indexing.extra_tokens``)."""
    lexemes = [f"'{meta_token('t', word)}'" for term in terms for word in term]
    if prefix and lexemes:
        lexemes[-1] += ":*"
    return " & ".join(dict.fromkeys(lexemes))


def title_matches_sql(terms, limit=TITLE_WINDOW, type_ids=None, locale_id=None, columns=WINDOW_COLUMNS, **filters):
    """SQL and params selecting up to ``limit`` pages whose title holds every term, the best ranked first, as
    ``columns`` (PostgreSQL): one GIN lookup of the title's words, the phrases checked on the titles
    found. ``filters``: ``date_from``, ``date_to``, ``restricted``, ``live`` (``_postgres_filters``), ``prefix``."""
    prefix = filters.pop("prefix", False)
    join, conditions, params = _postgres_filters(**filters)
    needles = title_needles(terms, prefix)
    where = ["e.\"vector\" @@ to_tsquery('simple'::regconfig, %s)", *conditions]
    where += ["e.title_folded LIKE %s"] * len(needles)
    order, order_params = rank_sql(terms, "e")
    sql = (
        f"SELECT {columns} FROM {SearchEntry._meta.db_table} e{join} WHERE {' AND '.join(where)}"  # noqa: S608
        f" ORDER BY {order} LIMIT {int(limit)}"
    )
    tsquery = _tsquery_with(_title_tsquery(terms, prefix), _meta_tsquery(type_ids, locale_id))
    return sql, [tsquery, *params, *("%" + needle + "%" for needle in needles), *order_params]


def sqlite_title_ids(terms, entries=None, prefix=False, limit=TITLE_WINDOW):
    """Ids of up to ``limit`` entries (of ``entries``, all by default) whose title holds every
    term, the best ranked first (SQLite: the title column of the FTS5 table ``sen_search_fts``)."""
    entries = SearchEntry.objects.all() if entries is None else entries
    sql = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"  # noqa: S608 - constants only
    found = entries.filter(page_id__in=RawSQL(sql, [f"title_folded : ({_fts5_text(terms, prefix)})"]))  # noqa: S611
    return list(rank_queryset(found, terms).values_list("page_id", flat=True)[:limit])


def newest_matches_sql(
    base,
    limit,
    type_ids=None,
    locale_id=None,
    date_from=None,
    date_to=None,
    restricted=(),
    live=True,
    columns=WINDOW_COLUMNS,
):
    """SQL and params selecting up to ``limit`` matches of the tsquery text ``base`` as
    ``columns`` (page_id, content_type_id), newest years first (PostgreSQL).

    One statement: a ``UNION ALL`` of one GIN lookup per year (the terms, the year and
    the type and locale filters are all lexemes of the stored vector, see
    ``indexing.extra_tokens``), newest year first, then the undated pages. PostgreSQL
    runs the branches in order and stops at the LIMIT, so a word found in every page
    reads about ``limit`` rows of its newest year(s), never all of them. Within the last
    year read the order is the table's, not the date's. Pages dated after or before the
    (cached) span of years are read by a branch of their own, first and last."""
    table = SearchEntry._meta.db_table
    first, last = _year_span(live)
    join, filters, params = _postgres_filters(date_from, date_to, restricted, live)
    low = max(first, date_from.year) if first is not None and date_from else first
    high = min(last, date_to.year) if last is not None and date_to else last
    slices = [("e.date > %s", [datetime.date(last, 12, 31)], None)] if last is not None else []
    slices += [(None, [], year) for year in (range(high, low - 1, -1) if first is not None else [])]
    if first is not None:
        slices.append(("e.date < %s", [datetime.date(first, 1, 1)], None))
    else:
        slices.append(("e.date IS NOT NULL", [], None))
    if not (date_from or date_to):  # undated pages are outside any date range
        slices.append(("e.date IS NULL", [], None))
    branches, branch_params = [], []
    for condition, condition_params, year in slices:
        where = ["e.\"vector\" @@ to_tsquery('simple'::regconfig, %s)", *filters]
        if condition:
            where.append(condition)
        branches.append(f"(SELECT {columns} FROM {table} e{join} WHERE {' AND '.join(where)})")  # noqa: S608
        tsquery = _tsquery_with(base, _meta_tsquery(type_ids, locale_id, year))
        branch_params.extend([tsquery, *params, *condition_params])
    return " UNION ALL ".join(branches) + f" LIMIT {int(limit)}", branch_params


def _fetch_through_gin(sql, params, one=False):
    """Run ``sql`` with bitmap scans only: the planner would otherwise, for a common word,
    walk a B-tree (or the table) and test the stored vector of each row, which it costs
    far too low (each vector is a few kB, stored apart); the GIN index finds the rows
    exactly, and their narrow heap rows (migration 0008) are read in a few blocks.

    The disabled plans cost 10^10 to the planner, far above ``jit_above_cost``: JIT is turned off
    too, or it compiles every search for about 100 ms. So are parallel workers: a parallel
    append runs the per-year branches of ``newest_matches_sql`` side by side, so the LIMIT
    would keep whichever rows come first instead of the newest, and starting workers costs
    more than the bounded lookups they share. The settings are ``SET LOCAL`` in a
    transaction (or savepoint) that is rolled back once the rows are read, so that they never
    outlive this query, even inside a caller's transaction (a savepoint's release keeps them)."""
    with transaction.atomic(), connection.cursor() as cursor:
        # One round trip: the settings and the query (its result is the last statement's).
        cursor.execute(
            "SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off; SET LOCAL jit = off;"
            " SET LOCAL max_parallel_workers_per_gather = 0; " + sql,
            params,
        )
        rows = cursor.fetchone() if one else cursor.fetchall()
        transaction.set_rollback(True)  # a read: nothing is lost but the settings
    return rows


def _count_sql(terms, ids, locale_id=None, date_from=None, date_to=None, restricted=()):
    """SQL counting the live matches of one group of content types up to COUNT_CAP + 1
    (one GIN lookup, the type a lexeme of the vector)."""
    table = SearchEntry._meta.db_table
    join, filters, params = _postgres_filters(date_from, date_to, restricted)
    where = ["e.\"vector\" @@ to_tsquery('simple'::regconfig, %s)", *filters]
    sql = (
        f"(SELECT COUNT(*) FROM (SELECT 1 FROM {table} e{join} WHERE {' AND '.join(where)}"  # noqa: S608
        f" LIMIT {COUNT_CAP + 1}) AS c)"
    )
    return sql, [_tsquery_with(_tsquery_text(terms), _meta_tsquery(ids, locale_id)), *params]


def _postgres_live_search(results, facets, terms, locale, type_ids, date_from, date_to, restricted, offset, limit):
    """PostgreSQL: the RANK_WINDOW newest matches, each facet's count (up to the cap) and
    the ids of the ranked page ``[offset:offset + limit]``, in one statement of bounded GIN
    lookups (see ``newest_matches_sql``); the ranking reads only the narrow columns of the
    rows the window found. Returns the page ids, in order."""
    options = {
        "locale_id": locale.pk if locale is not None else None,
        "date_from": date_from,
        "date_to": date_to,
        "restricted": restricted,
    }
    facet_ids = [_content_type_ids(model) for _key, _label, model in facets]
    # As on SQLite: the ranked window is the RANK_WINDOW newest matches (at least COUNT_CAP + 1, to count).
    window_size = max(RANK_WINDOW, COUNT_CAP + 1)
    window_sql, params = newest_matches_sql(
        _tsquery_text(terms), window_size, type_ids=type_ids, columns=RANK_COLUMNS, **options
    )
    # The pages titled with the query join the window, however old (a no-op unless the window is full).
    titles_sql, titles_params = title_matches_sql(terms, type_ids=type_ids, columns=RANK_COLUMNS, **options)
    window_sql = f"({window_sql}) UNION ({titles_sql})"
    params += titles_params
    order, order_params = rank_sql(terms, "w")
    columns = [
        "(SELECT COUNT(*) FROM w)",
        f"(SELECT json_agg(r.page_id) FROM (SELECT w.page_id FROM w ORDER BY {order}"  # noqa: S608
        f" LIMIT {int(limit)} OFFSET {int(offset)}) AS r)",
    ]
    params.extend(order_params)
    for ids in facet_ids:
        count_sql, count_params = _count_sql(terms, ids, **options)
        if type_ids is None or set(ids) <= set(type_ids):
            # The window holds this facet's matches: all of them when it is not full, or
            # more than the cap. Only otherwise is the facet counted apart (PostgreSQL
            # runs a CASE branch's subquery only when the branch is taken).
            id_list = ", ".join(str(int(pk)) for pk in ids)
            in_window = f"(SELECT COUNT(*) FROM w WHERE w.content_type_id IN ({id_list}))"  # noqa: S608 - integers
            count_sql = (
                f"CASE WHEN (SELECT COUNT(*) FROM w) < {window_size} OR {in_window} > {COUNT_CAP}"  # noqa: S608
                f" THEN {in_window} ELSE {count_sql} END"
            )
        columns.append(count_sql)
        params.extend(count_params)
    row = _fetch_through_gin(f"WITH w AS MATERIALIZED ({window_sql}) SELECT " + ", ".join(columns), params, one=True)
    count, page_ids, counts = row[0], row[1] or [], row[2:]
    for facet, facet_count in zip(results.facets, counts, strict=True):
        facet.count = min(facet_count, COUNT_CAP)
        facet.capped = facet_count > COUNT_CAP
    results.total = min(count, COUNT_CAP)
    results.capped = count > COUNT_CAP
    return page_ids


def search_pages(
    query,
    *,
    locale=None,
    content_types=None,
    date_from=None,
    date_to=None,
    page=1,
    per_page=10,
    request=None,
):
    """Search the live, public pages. See the module docstring for arguments and results."""
    text = clean_query(query)
    if len(text) > MAX_QUERY_LENGTH:
        raise SearchError(
            _("The search text is too long: use at most %(max)s characters.") % {"max": MAX_QUERY_LENGTH}
        )
    page = _positive_int(page, "page")
    per_page = _positive_int(per_page, "per_page", MAX_PER_PAGE)
    terms = parse_query(text)
    if len(terms) > MAX_TERMS:
        raise SearchError(_("Use at most %(max)s words or phrases.") % {"max": MAX_TERMS})
    for value in (date_from, date_to):
        if value is not None and not isinstance(value, datetime.date):
            raise SearchError(_("Dates must be written as dd/mm/yyyy."))
    if isinstance(date_from, datetime.datetime):
        date_from = date_from.date()
    if isinstance(date_to, datetime.datetime):
        date_to = date_to.date()
    if date_from and date_to and date_from > date_to:
        raise SearchError(_("The end date is before the start date."))
    locale = _resolve_locale(locale)
    facets = get_facets()
    type_ids, chosen = _resolve_content_types(content_types, facets)

    results = SearchResults(query=text, terms=terms, page=page, per_page=per_page)
    results.facets = [Facet(key, str(label), 0, key in chosen) for key, label, _model in facets]
    if not terms:
        return results

    offset = (page - 1) * per_page
    restricted = _restricted_paths()
    page_ids = None  # the ranked ids of this page of results, where the database ranks them
    if connection.vendor == "sqlite" and not restricted:
        page_ids = _sqlite_live_search(results, facets, terms, locale, type_ids, date_from, date_to, offset, per_page)
    elif connection.vendor == "postgresql":
        page_ids = _postgres_live_search(
            results, facets, terms, locale, type_ids, date_from, date_to, restricted, offset, per_page
        )
    else:
        entries = match_entries(public_entries(restricted), terms)
        entries = _in_locale_and_dates(entries, locale.pk if locale is not None else None, date_from, date_to)

        # Counts are exact up to COUNT_CAP: one pass reads up to COUNT_CAP + 1 matches;
        # only beyond it is each facet counted apart.
        sample = list(entries.order_by().values_list("content_type_id", flat=True)[: COUNT_CAP + 1])
        overflow = len(sample) > COUNT_CAP
        by_type = collections.Counter(sample)
        for facet, (_key, _label, model) in zip(results.facets, facets, strict=True):
            ids = _content_type_ids(model)
            count = sum(by_type.get(pk, 0) for pk in ids)
            if overflow:  # the sample is not all the matches: a type may be missing from it
                count = capped_count(entries.filter(content_type_id__in=ids))
            facet.count = min(count, COUNT_CAP)
            facet.capped = count > COUNT_CAP

        if type_ids is not None:
            entries = entries.filter(content_type_id__in=type_ids)
            count = sum(by_type.get(pk, 0) for pk in type_ids)
            if overflow:
                count = capped_count(entries)
        else:
            count = len(sample)
        results.total = min(count, COUNT_CAP)
        results.capped = count > COUNT_CAP
        if not results.total:
            return results

        if results.capped:
            window = entries.order_by(F("date").desc(nulls_last=True), "-page_id").values("page_id")[:RANK_WINDOW]
            titled = rank_queryset(entries.filter(title_filter(terms)), terms).values("page_id")[:TITLE_WINDOW]
            entries = SearchEntry.objects.filter(Q(page_id__in=window) | Q(page_id__in=titled))
        entries = relevance_order(entries, terms)

    if page_ids is None:
        rows = list(entries[offset : offset + per_page])
    else:  # the entries of the ranked ids: their text, for the excerpts (not the index columns)
        found = SearchEntry.objects.filter(page_id__in=page_ids).defer("folded", "tokens")
        by_id = {row.page_id: row for row in found}
        rows = [by_id[page_id] for page_id in page_ids if page_id in by_id]
    if not rows:
        return results
    pages = {p.pk: p for p in Page.objects.filter(pk__in=[row.page_id for row in rows]).specific()}
    labels = {}
    for key, label, model in facets:
        for pk in _content_type_ids(model):
            labels.setdefault(pk, (key, str(label)))
    locales = {loc.pk: loc.language_code for loc in Locale.objects.all()}
    for row in rows:
        page_obj = pages.get(row.page_id)
        if page_obj is None:
            continue
        key, label = labels.get(row.content_type_id, ("", ""))
        results.items.append(
            Hit(
                page=page_obj,
                title=row.title,
                title_html=highlight(row.title, terms, length=None),
                url=page_obj.get_url(request=request) or "",
                excerpt_html=highlight(row.text, terms),
                content_type=key,
                content_type_label=label,
                date=row.date,
                locale=locales.get(row.locale_id, ""),
            )
        )
    return results


# Excerpts ------------------------------------------------------------------------------
#
# Matches are found in the original text with accent-insensitive patterns: each folded
# letter becomes the class of every character that folds to it ("o" -> [oOòóỏõọôồ…]),
# optionally followed by combining marks (text not in NFC). Positions are then exact
# in the original text, and the regex engine scans long texts quickly.

_MARKS = "[\u0300-\u036f]*"


@functools.lru_cache(maxsize=1)
def _letter_classes():
    variants = {}
    for code in range(0x20, 0x2000):  # Latin (with Vietnamese), Greek, Cyrillic…
        ch = chr(code)
        folded = fold(ch)
        if len(folded) == 1 and folded.isalnum():
            variants.setdefault(folded, set()).add(ch)
    return {letter: "[" + "".join(re.escape(ch) for ch in sorted(chars)) + "]" for letter, chars in variants.items()}


def _word_pattern(word, classes):
    if word.isdigit() and len(word) > 3:  # "9600" is also marked where the text writes "9.600" or "9,600"
        head = len(word) % 3 or 3
        return "[.,]?".join([word[:head], *(word[i : i + 3] for i in range(head, len(word), 3))])
    return "".join(classes.get(letter, re.escape(letter)) + _MARKS for letter in word)


@functools.lru_cache(maxsize=512)
def _term_regex(term):
    classes = _letter_classes()
    words = [_word_pattern(word, classes) for word in term]
    return re.compile(r"[\W_]+".join(words) + r"(?![^\W_])", re.IGNORECASE)


def _term_spans(text, term):
    """(start, end) of every whole-word occurrence of ``term`` in ``text``."""
    pattern = _term_regex(term)
    position = 0
    while (match := pattern.search(text, position)) is not None:
        start, end = match.span()
        if start and (text[start - 1].isalnum() or unicodedata.combining(text[start - 1])):
            position = start + 1  # inside a word: not a match
            continue
        yield start, end
        position = end


def _match_spans(text, terms):
    spans = sorted(span for term in terms for span in _term_spans(text, term))
    merged = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _mark(text, terms):
    """Escaped ``text`` with every match of ``terms`` wrapped in ``<mark>``."""
    parts = []
    cursor = 0
    for span_start, span_end in _match_spans(text, terms) if terms else []:
        parts.append(html.escape(text[cursor:span_start]))
        parts.append(f"<mark>{html.escape(text[span_start:span_end])}</mark>")
        cursor = span_end
    parts.append(html.escape(text[cursor:]))
    return "".join(parts)


def highlight(text, terms, length=EXCERPT_LENGTH):
    """Escaped ``text`` with every match of ``terms`` wrapped in ``<mark>``; with
    ``length``, only a window of about that many characters around the first match."""
    text = text or ""
    if length is None or len(text) <= length:
        return mark_safe(_mark(text, terms))  # noqa: S308 - _mark escapes the text
    start = 0
    anchor = None
    found = [next(_term_spans(text, term), None) for term in terms]
    found = [span[0] for span in found if span is not None]
    if found:
        anchor = min(found)
        start = max(0, anchor - length // 3)
        if start:
            space = text.find(" ", start, anchor)
            start = space + 1 if space >= 0 else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", (anchor or start) + 1, end)
        end = space if space > 0 else end
    excerpt = ("…" if start else "") + _mark(text[start:end], terms) + ("…" if end < len(text) else "")
    return mark_safe(excerpt)  # noqa: S308 - _mark escapes the text


__all__ = ["Facet", "Hit", "SearchError", "SearchResults", "get_facets", "parse_query", "search_pages"]
