"""Titles in Vietnamese order in every listing the database sorts (the APIs, the admin's page explorer).

Code-point order puts "Hướng" before "Hội" and "Đoàn" after "Z". PostgreSQL sorts with its ICU collation
``vi-x-icu``; SQLite with a collation Sen registers on each connection, comparing ``cms.text.vi_sort_key``
(letters, then tones, then case: the same order). Other databases keep their own order.
"""

from functools import lru_cache

from django.db import connection
from django.db.backends.signals import connection_created
from django.db.models import F
from django.db.models.functions import Collate

from cms.text import vi_sort_key

SQLITE_COLLATION = "sen_vi"
POSTGRES_COLLATION = "vi-x-icu"
# The fields sorted as Vietnamese text when a listing orders by them.
TEXT_ORDERINGS = frozenset({"title"})


@lru_cache(maxsize=4096)
def _key(text):
    return vi_sort_key(text)


def _compare(left, right):
    a, b = _key(left or ""), _key(right or "")
    return (a > b) - (a < b)


def register_sqlite_collation(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_collation(SQLITE_COLLATION, _compare)


def connect_signals():
    connection_created.connect(register_sqlite_collation, dispatch_uid="sen_vi_collation")
    if connection.connection is not None:  # a connection opened before the app was ready
        register_sqlite_collation(None, connection)


def collation_name(vendor=None):
    return {"postgresql": POSTGRES_COLLATION, "sqlite": SQLITE_COLLATION}.get(vendor or connection.vendor)


def vietnamese(field):
    """An ``order_by`` term sorting ``field`` ("title" or "-title") in Vietnamese order."""
    name = collation_name()
    descending = field.startswith("-")
    if name is None:
        return field
    expression = Collate(F(field.lstrip("-")), name)
    return expression.desc() if descending else expression.asc()


def in_vietnamese_order(queryset):
    """``queryset`` with its title ordering (if any) in Vietnamese order; other terms unchanged."""
    ordering = list(queryset.query.order_by)
    if not any(isinstance(term, str) and term.lstrip("-") in TEXT_ORDERINGS for term in ordering):
        return queryset
    terms = [
        vietnamese(term) if isinstance(term, str) and term.lstrip("-") in TEXT_ORDERINGS else term for term in ordering
    ]
    return queryset.order_by(*terms)
