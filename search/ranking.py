"""The one ranking of search results, for every entry point.

The site search (``/search/``), ``/api/sen/search``, ``/api/v2/…?search=``, the admin's page
search and the page choosers all order matching pages by ``scores(terms)``, highest first,
then by the newest date, the title and the page id:

1. the title is the query, word for word (``" trung tam hoc tap cong dong "``);
2. the title holds the whole query as a phrase, its words adjacent and in order
   ("Trung tâm học tập cộng đồng phường 4" for ``trung tam hoc tap cong dong``);
3. the number of the query's terms the title holds (a quoted phrase is one term).

Only the folded title (``SearchEntry.title_folded``: " w1 w2 … ", folded words between single
spaces) is read per row, so ranking a window of a few thousand matches stays cheap. Two
renderings of the same scores exist because the site search ranks in raw SQL (one statement
with its counts and facets) and the Wagtail backend ranks a page queryset:
``rank_sql`` and ``rank_queryset``. Both are built from ``scores`` and nothing else.

Which pages are ranked: every match when there are at most ``RANK_WINDOW``; beyond that the
``RANK_WINDOW`` newest matches plus up to ``TITLE_WINDOW`` pages whose title holds every term
(``search.query`` and ``search.backends`` read the same windows), so a page titled with the
query is never lost behind thousands of newer pages that merely contain its words.
"""

import functools
import operator

from django.db.models import Case, F, IntegerField, Value, When

# With more matches than this, the newest RANK_WINDOW matches are ranked (plus the title matches).
RANK_WINDOW = 2000
# At most this many pages whose title holds every term join the window.
TITLE_WINDOW = 200


def _needle(words):
    return " " + " ".join(words) + " "


def scores(terms):
    """The scores of a match, most important first: each a list of (test, folded text) whose
    true tests are added up; a test is ``"equals"`` (the folded title is the text) or
    ``"contains"`` (the folded title holds the text)."""
    every_word = [word for term in terms for word in term]
    return [
        [("equals", _needle(every_word))],
        [("contains", _needle(every_word))],
        [("contains", _needle(term)) for term in terms],
    ]


def _like(text):
    return "%" + text.replace("\\", "").replace("%", "").replace("_", "") + "%"


def rank_sql(terms, alias):
    """ORDER BY text and params ranking rows of the table ``alias`` (with ``title_folded``,
    ``date``, ``title`` and ``page_id``) by ``scores``."""
    parts, params = [], []
    for score in scores(terms):
        tests = []
        for test, text in score:
            if test == "equals":
                tests.append(f"(CASE WHEN {alias}.title_folded = %s THEN 1 ELSE 0 END)")
                params.append(text)
            else:
                tests.append(f"(CASE WHEN {alias}.title_folded LIKE %s THEN 1 ELSE 0 END)")
                params.append(_like(text))
        parts.append("(" + " + ".join(tests) + ") DESC")
    parts.append(f"{alias}.date DESC NULLS LAST, {alias}.title, {alias}.page_id")
    return ", ".join(parts), params


def _test(test, text, field):
    lookup = field if test == "equals" else f"{field}__contains"
    return Case(When(**{lookup: text}, then=Value(1)), default=Value(0), output_field=IntegerField())


def rank_queryset(queryset, terms, prefix="", nulls_last=True):
    """``queryset`` annotated with ``_score_0``, ``_score_1``… and ordered by ``scores``, then the
    newest date, the title and the key. ``prefix`` is the path from the queryset's model to its
    ``SearchEntry`` ("" for SearchEntry itself, "sen_search_entry__" for pages)."""
    field = f"{prefix}title_folded"
    annotations = {
        f"_score_{index}": functools.reduce(operator.add, [_test(test, text, field) for test, text in score])
        for index, score in enumerate(scores(terms))
    }
    return queryset.annotate(**annotations).order_by(
        *(f"-{name}" for name in annotations),
        F(f"{prefix}date").desc(nulls_last=nulls_last),
        f"{prefix}title",
        "pk" if prefix else "page_id",
    )


def score_of(obj):
    """A number summing up the scores of a ranked object (for Wagtail's ``annotate_score``)."""
    total = 0.0
    for index in range(3):
        total = total * 100 + float(getattr(obj, f"_score_{index}", 0) or 0)
    return total
