"""One paginator for every listing: Django's ``Paginator.get_page`` with a cached count and, deep in a long
list, an indexed seek instead of an ``OFFSET`` scan.

Visitors' URLs stay ``?page=N``. A missing or malformed number gives the first page, a number past the
end the last one (``Paginator.get_page``): never an error. The count and the first key of every page
(the *boundaries*) are kept in the chrome cache (``cms.chrome``) under the content generation, so they
are computed once per content change, not per request: the count with one ``COUNT(*)``, the boundaries
with one pass over the ordering columns (a window function, ``ROW_NUMBER``), made only when a visitor
asks for a page past ``SEEK_AFTER``. Page N is then read with ``WHERE (ordering keys) <= boundary N``
``LIMIT per_page``, which an index on the ordering columns answers without reading the rows before it.
"""

import datetime
import hashlib

from django.core.paginator import Page, Paginator
from django.db.models import ExpressionWrapper, F, IntegerField, Q, Window
from django.db.models.functions import Mod, RowNumber
from django.utils import timezone

from cms import chrome
from cms.text import parse_int

# Pages up to this one are read with OFFSET (cheap near the start); beyond, by seeking from a boundary.
SEEK_AFTER = 20


def _query_key(queryset):
    try:
        sql, params = queryset.query.sql_with_params()
    except Exception:  # EmptyResultSet: .none() and the like
        return "empty"
    params = tuple(_stable(param) for param in params)
    return hashlib.sha256(f"{sql}\n{params!r}".encode()).hexdigest()[:32]


def _stable(param):
    """The time of the request (``cms.pages.unexpired_q`` compares expiry with it) as one value: else the key
    would change every request. Within a content generation no expiry passes (the generation carries the next
    one and is replaced when it comes, ``cms.generation``), so a count made earlier in it is still right."""
    moment = param
    if isinstance(param, str) and len(param) >= 19 and param[4] == "-" and param[10] in " T":
        try:  # SQLite's backend passes times as text, in UTC
            moment = datetime.datetime.fromisoformat(param).replace(tzinfo=datetime.UTC)
        except ValueError:
            return param
    aware = isinstance(moment, datetime.datetime) and moment.tzinfo is not None
    return "now" if aware and abs((moment - timezone.now()).total_seconds()) < 60 else param


class Desc:
    """A descending ordering column; ``nulls_last`` as in ``F(name).desc(nulls_last=True)``."""

    def __init__(self, name, nulls_last=False):
        self.name = name
        self.nulls_last = nulls_last

    def expression(self):
        return F(self.name).desc(nulls_last=True) if self.nulls_last else F(self.name).desc()


def _at_or_after(keys, values):
    """Rows at or after ``values`` in the descending order of ``keys`` (NULLs last where a key says so)."""
    key, value = keys[0], values[0]
    if len(keys) == 1:
        return Q(**{f"{key.name}__lte": value})
    rest = _at_or_after(keys[1:], values[1:])
    if value is None:  # only a nulls-last key holds NULLs here: the rows after are the NULLs
        return Q(**{f"{key.name}__isnull": True}) & rest
    after = Q(**{f"{key.name}__lt": value}) | (Q(**{key.name: value}) & rest)
    if key.nulls_last:
        after |= Q(**{f"{key.name}__isnull": True})
    return after


class SeekPaginator(Paginator):
    """``Paginator`` whose count is cached and whose deep pages seek from cached boundaries (see the module).

    ``keys``: the queryset's ordering as ``Desc`` columns, the last one unique (the primary key); without
    them pages are read with OFFSET (still with the cached count).
    """

    def __init__(self, object_list, per_page, keys=None, request=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.keys = keys
        self.request = request
        self._key = _query_key(object_list)

    def _cached(self, name, build):
        return chrome.cached(f"paginator-{name}", [self._key, self.per_page], build, self.request)

    @property
    def count(self):
        if not hasattr(self, "_count"):
            self._count = self._cached("count", lambda: self.object_list.count())
        return self._count

    def boundaries(self):
        """The ordering keys of the first item of every page (one query, once per content generation)."""

        def build():
            names = [key.name for key in self.keys]
            numbered = (
                self.object_list.order_by()
                .prefetch_related(None)
                .select_related(None)
                .annotate(_sen_row=Window(RowNumber(), order_by=[key.expression() for key in self.keys]))
                .annotate(_sen_start=ExpressionWrapper(Mod(F("_sen_row") - 1, self.per_page), IntegerField()))
            )
            # Filtering on a window function: Django wraps the query in a subquery; only page starts come back.
            rows = numbered.filter(_sen_start=0).order_by("_sen_row").values_list(*names)
            return [tuple(row) for row in rows]

        return self._cached("boundaries", build)

    def page(self, number):
        number = self.validate_number(number)
        if not self.keys or number <= SEEK_AFTER:
            return super().page(number)
        boundaries = self.boundaries()
        if number > len(boundaries):
            return super().page(number)
        items = list(self.object_list.filter(_at_or_after(self.keys, boundaries[number - 1]))[: self.per_page])
        return Page(items, number, self)


def paginate(request, queryset, per_page, keys=None):
    """The requested ``?page=`` of ``queryset``: the first for a missing or malformed number, the last past the end."""
    paginator = SeekPaginator(queryset, per_page, keys=keys, request=request)
    number = parse_int(request.GET.get("page")) if request is not None else None
    return paginator.get_page(number)
