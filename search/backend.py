"""Wagtail's database search backend, with search text no query syntax chokes on.

The APIs (``/api/v2/…?search=``, ``/api/v3/…?search=``) and the admin hand what a visitor
typed to Wagtail's search backend. On SQLite it writes every word into an FTS5 string
without escaping double quotes, so an unbalanced ``"`` is an FTS5 syntax error (a 500). A
plain search string has no phrase syntax in this backend, so quotes carry no meaning there:
they become spaces, in plain text and phrases alike. Sen's own site search (``search.query``)
has its own, quote-aware parser.

Settings: ``WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backend"}}``.
"""

import functools

from modelsearch.backends import database
from modelsearch.query import And, Boost, Not, Or, Phrase, PlainText

# Straight and typographic double quotes; FTS5 only knows the straight one, the rest is for consistency.
_QUOTES = str.maketrans(dict.fromkeys('"“”„«»＂', " "))


def clean_search_query(query):
    """``query`` (a string or a Wagtail search query) with its double quotes made spaces."""
    if isinstance(query, str):
        return query.translate(_QUOTES).strip()
    if isinstance(query, PlainText):
        return PlainText(query.query_string.translate(_QUOTES), operator=query.operator, boost=query.boost)
    if isinstance(query, Phrase):
        return Phrase(query.query_string.translate(_QUOTES))
    if isinstance(query, (And, Or)):
        return type(query)([clean_search_query(sub) for sub in query.subqueries])
    if isinstance(query, Not):
        return Not(clean_search_query(query.subquery))
    if isinstance(query, Boost):
        return Boost(clean_search_query(query.subquery), query.boost)
    return query


class QuoteTolerantMixin:
    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        return super()._search(query_compiler_class, clean_search_query(query), model_or_queryset, **kwargs)


@functools.cache
def _tolerant(backend_class):
    return type(f"Sen{backend_class.__name__}", (QuoteTolerantMixin, backend_class), {"__module__": __name__})


def SearchBackend(params):  # noqa: N802 - Wagtail looks the backend up by this name
    """The backend Wagtail's ``database`` backend picks for this database, made quote-tolerant."""
    return _tolerant(type(database.SearchBackend(params)))(params)
