"""Sen's Vietnamese search as a Wagtail search backend (``WAGTAILSEARCH_BACKENDS``).

    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backends"}}

One backend for every search in the project: the admin's page, image, document and
snippet search and choosers, ``/api/v2/…?search=``, and (through ``search.query``,
which reads the same index with the same matching) the site search and
``/api/sen/search``. Text and queries are folded by ``cms.text.fold`` (no accents,
``đ`` = ``d``, lower case, NFC = NFD) on both sides, so "trung tam hoc tap" finds
"Trung tâm học tập cộng đồng" wherever it is typed.

* Pages are indexed in ``search.models.SearchEntry`` (see ``search.indexing``): one row
  per page, with a stored ``tsvector`` + GIN index on PostgreSQL and an FTS5 table on
  SQLite. Matching is ``search.query.match_entries``; the order by relevance is
  ``search.ranking`` (title equal to the query, the query as a phrase in the title, terms
  in the title, newest first), the order of the site search, over the same windows. Any filter and ordering of the page
  queryset works (the queryset is filtered by the matching page ids).
* Other models (images, documents, snippets) are indexed by Wagtail's database backend
  for the connection (``modelsearch``), with their text folded before it is stored and
  the query folded the same way.

Queries: words are all required (``operator="or"`` for any); "double quotes" make a
phrase (an unclosed quote runs to the end); ``autocomplete()`` matches the last word as
a prefix.
"""

import types
from collections import OrderedDict

from django.db import connection
from django.db.models import Count
from django.db.models.expressions import RawSQL
from modelsearch.backends.base import BaseSearchResults, EmptySearchResults
from modelsearch.index import class_is_indexed
from modelsearch.query import And, Boost, Fuzzy, MatchAll, Not, Or, Phrase, PlainText
from wagtail.models import Page

from .indexing import index_pages, remove_page, words
from .models import SearchEntry
from .query import (
    FTS_TABLE,
    _fetch_through_gin,
    _fts5_text,
    _tsquery_text,
    newest_matches_sql,
    parse_query,
    relevance_order,
    sqlite_title_ids,
    title_matches_sql,
    title_needles,
)
from .ranking import RANK_WINDOW, score_of

MAX_TERMS = 10


def query_text(query):
    """A modelsearch query object (or a string) as query text Sen parses: phrases quoted."""
    if query is None or isinstance(query, MatchAll):
        return None
    if isinstance(query, str):
        return query
    if isinstance(query, Phrase):
        return '"' + query.query_string.replace('"', " ") + '"'
    if isinstance(query, (PlainText, Fuzzy)):
        return query.query_string
    if isinstance(query, Boost):
        return query_text(query.subquery)
    if isinstance(query, (And, Or)):
        return " ".join(filter(None, (query_text(sub) for sub in query.subqueries)))
    if isinstance(query, Not):
        return ""
    return str(query)


def fold_query(query):
    """The same query with every text folded, for the modelsearch indexes of other models."""
    if isinstance(query, str):
        return " ".join(words(query))
    if isinstance(query, PlainText):
        return PlainText(" ".join(words(query.query_string)), operator=query.operator, boost=query.boost)
    if isinstance(query, Phrase):
        return Phrase(" ".join(words(query.query_string)))
    if isinstance(query, Fuzzy):
        return Fuzzy(" ".join(words(query.query_string)))
    if isinstance(query, Boost):
        return Boost(fold_query(query.subquery), query.boost)
    if isinstance(query, And):
        return And([fold_query(sub) for sub in query.subqueries])
    if isinstance(query, Or):
        return Or([fold_query(sub) for sub in query.subqueries])
    if isinstance(query, Not):
        return Not(fold_query(query.subquery))
    return query


# A page search through the backend (admin, choosers, ``/api/v2/…?search=``) reads at most the
# RANK_WINDOW newest matching pages, plus up to TITLE_WINDOW pages whose title holds every term,
# and ranks and pages through them as the site search does (``search.ranking``): a word found in
# most pages never makes PostgreSQL or SQLite sort or count every page.
SEARCH_WINDOW = RANK_WINDOW


def matching_page_ids(terms, prefix=False, any_term=False, title_only=False, limit=None):
    """The ids (a list, or SQL as a RawSQL) of up to ``limit`` (SEARCH_WINDOW) pages whose entry contains
    the terms, the newest first (by year on PostgreSQL, by page id on SQLite), and of the pages
    whose title holds every term (``search.ranking``)."""
    limit = SEARCH_WINDOW if limit is None else limit
    if connection.vendor == "postgresql" and not title_only:
        return _postgres_page_ids(terms, prefix, any_term, limit)
    if connection.vendor == "sqlite":
        return _sqlite_page_ids(terms, prefix, any_term, title_only, limit)
    # Titles on PostgreSQL, anything on other databases: a scan of the folded words.
    table = connection.ops.quote_name(SearchEntry._meta.db_table)
    column = "title_folded" if title_only else "folded"
    clauses, params = [], []
    for group in [[term] for term in terms] if any_term else [terms]:
        needles = title_needles(group, prefix and group[-1] == terms[-1])
        clauses.append("(" + " AND ".join([f"{column} LIKE %s"] * len(needles)) + ")")
        params += ["%" + needle + "%" for needle in needles]
    sql = f"SELECT page_id FROM {table} WHERE " + " OR ".join(clauses) + f" ORDER BY page_id DESC LIMIT {int(limit)}"  # noqa: S608
    return RawSQL(sql, params)  # noqa: S611


def _postgres_page_ids(terms, prefix, any_term, limit):
    groups = [[term] for term in terms] if any_term else [terms]
    tsquery = " | ".join(f"({_tsquery_text(group, prefix)})" for group in groups)
    sql, params = newest_matches_sql(tsquery, limit, live=False)
    sql = f"SELECT page_id FROM ({sql}) AS matches"  # noqa: S608
    if not any_term:
        titles_sql, titles_params = title_matches_sql(terms, live=False, prefix=prefix)
        sql += f" UNION SELECT page_id FROM ({titles_sql}) AS titles"  # noqa: S608
        params += titles_params
    # Read now, through the GIN index only (as the site search does): inside the page query the
    # planner would test the stored vector of every row instead (seconds at 20,000 pages).
    return [row[0] for row in _fetch_through_gin(sql, params)]


def _sqlite_page_ids(terms, prefix, any_term, title_only, limit):
    groups = [[term] for term in terms] if any_term else [terms]
    column = "title_folded" if title_only else "folded"
    match = " OR ".join(f"({_fts5_text(group, prefix)})" for group in groups)
    select = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s ORDER BY rowid DESC"  # noqa: S608
    sql = f"SELECT rowid FROM ({select} LIMIT {int(limit)})"  # noqa: S608
    params = [f"{column} : ({match})"]
    if not (any_term or title_only):
        titles = sqlite_title_ids(terms, prefix=prefix)  # a short list: read now, the best ranked
        if titles:
            sql += " UNION SELECT " + " UNION SELECT ".join(["%s"] * len(titles))
            params += titles
    return RawSQL(sql, params)  # noqa: S611


class PageQuery:
    """What a page search asks: the queryset, the parsed terms and the options."""

    def __init__(self, queryset, query, fields=None, operator=None, order_by_relevance=True, prefix=False):
        self.queryset = queryset
        text = query_text(query)
        self.match_all = text is None
        self.terms = parse_query(text or "")[:MAX_TERMS]
        self.fields = fields
        self.any_term = (operator or "and").lower() == "or"
        self.order_by_relevance = order_by_relevance
        self.prefix = prefix
        self._ids = None

    def get_queryset(self):
        queryset = self.queryset
        if self.match_all:
            return queryset
        if not self.terms:
            return queryset.none()
        if self._ids is None:  # read once for the results, their count and facets
            title_only = bool(self.fields) and set(self.fields) <= {"title", "draft_title"}
            self._ids = matching_page_ids(self.terms, self.prefix, self.any_term, title_only)
        queryset = queryset.filter(pk__in=self._ids)
        if self.order_by_relevance:
            queryset = relevance_order(queryset, self.terms, prefix="sen_search_entry__")
        elif not queryset.query.order_by:
            queryset = queryset.order_by("-pk")
        return queryset


class PageSearchResults(BaseSearchResults):
    """Results of a page search: lazily sliced and counted, like any Wagtail search results."""

    supports_facet = True

    def _do_search(self):
        queryset = self.query_compiler.get_queryset()[self.start : self.stop]
        results = list(queryset)
        if self._score_field:
            for result in results:
                setattr(result, self._score_field, score_of(result))
        return results

    def _do_count(self):
        return self.query_compiler.get_queryset().order_by().count()

    def facet(self, field_name):
        queryset = self.query_compiler.get_queryset().order_by()
        rows = queryset.values(field_name).annotate(count=Count("pk")).order_by("-count")
        return OrderedDict((row[field_name], row["count"]) for row in rows)


def _folding_indexer(indexer_class):
    class FoldingObjectIndexer(indexer_class):
        """Every indexed text folded (accents off, đ -> d, lower case) before it is stored."""

        def prepare_value(self, value):
            return " ".join(words(super().prepare_value(value)))

    return FoldingObjectIndexer


def _with_indexer(function, indexer_class):
    """``function`` (a modelsearch index method) using ``indexer_class`` as its ObjectIndexer."""
    namespace = dict(function.__globals__, ObjectIndexer=indexer_class)
    return types.FunctionType(
        function.__code__, namespace, function.__name__, function.__defaults__, function.__closure__
    )


class SenBackendMixin:
    """Pages through Sen's index; every other model through modelsearch, folded."""

    def __init__(self, params):
        params = dict(params)
        params.setdefault("SEARCH_CONFIG", "simple")
        super().__init__(params)

    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        model = getattr(model_or_queryset, "model", model_or_queryset)
        if isinstance(model, type) and issubclass(model, Page):
            queryset = model_or_queryset if model is not model_or_queryset else model.objects.all()
            if query == "" or (kwargs.get("fields") is not None and not kwargs["fields"]):
                return EmptySearchResults()
            prefix = query_compiler_class is self.autocomplete_query_compiler_class
            return PageSearchResults(self, PageQuery(queryset, query, prefix=prefix, **kwargs))
        if not class_is_indexed(model):
            return EmptySearchResults()
        folded = fold_query(query)
        if folded == "" or (isinstance(folded, (PlainText, Phrase)) and not folded.query_string):
            return EmptySearchResults()
        return super()._search(query_compiler_class, folded, model_or_queryset, **kwargs)


def _index_class(base_index_class, indexer_class):
    folded_add_items = _with_indexer(base_index_class.add_items, _folding_indexer(indexer_class))

    class SenIndex(base_index_class):
        def add_items(self, model, objs):
            if issubclass(model, Page):
                index_pages(objs)
                return
            folded_add_items(self, model, objs)

        def delete_item(self, item):
            if isinstance(item, Page):
                remove_page(item)
                return
            super().delete_item(item)

    return SenIndex


def _postgres_backend():
    from modelsearch.backends.database.postgres import postgres  # needs psycopg: only on PostgreSQL

    class SenPostgresSearchBackend(SenBackendMixin, postgres.PostgresSearchBackend):
        index_class = _index_class(postgres.PostgresIndex, postgres.ObjectIndexer)

    return SenPostgresSearchBackend


def _sqlite_backend():
    from modelsearch.backends.database.sqlite import sqlite  # the backend for this database only

    class SenSQLiteSearchBackend(SenBackendMixin, sqlite.SQLiteSearchBackend):
        index_class = _index_class(sqlite.SQLiteIndex, sqlite.ObjectIndexer)

    return SenSQLiteSearchBackend


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    """The backend for the default database: PostgreSQL or SQLite (with FTS5)."""
    if connection.vendor == "postgresql":
        return _postgres_backend()(params)
    if connection.vendor == "sqlite":
        return _sqlite_backend()(params)
    from modelsearch.backends.database.fallback import DatabaseSearchBackend  # the backend for this database only

    class SenFallbackSearchBackend(SenBackendMixin, DatabaseSearchBackend):
        pass

    return SenFallbackSearchBackend(params)
