"""Site search in Sen's API (``GET /api/sen/search``), registered through the ``sen_api_endpoints`` hook.

Search over live, public pages with facets by page type and highlights. The operation id
keeps the name it had when the core served it (``cms_api_sen_search``).
"""

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from cms.absolute import absolute_url
from cms.api.common import LANGUAGE_PATTERN
from cms.api.problems import ApiProblem, Problem
from search.query import SearchError, get_facets, search_pages

MAX_SEARCH_LENGTH = 300
MAX_LIMIT = 50
MAX_TYPES = 20

router = Router()


def _type_schema(schema):
    """The facet keys there are, when the document is made (plugins register them), and how many may be given."""
    schema["items"]["enum"] = [key for key, _label, _model in get_facets()]
    schema["maxItems"] = MAX_TYPES


class SearchParams(Schema):
    q: str = Field(..., min_length=1, max_length=MAX_SEARCH_LENGTH, description="The words to look for.")
    type: list[str] = Field(
        [],
        description="Limit to page types, by facet key (e.g. articles.newspage); repeat for several.",
        json_schema_extra=_type_schema,
    )
    locale: str | None = Field(None, pattern=LANGUAGE_PATTERN, description="Language code: vi or en.")
    date_from: datetime.date | None = Field(None, description="Pages dated on or after this day (YYYY-MM-DD).")
    date_to: datetime.date | None = Field(
        None, description="Pages dated on or before this day (YYYY-MM-DD); not before date_from."
    )
    page: int = Field(1, ge=1, le=10_000)
    per_page: int = Field(10, ge=1, le=MAX_LIMIT)


class SearchFacet(Schema):
    key: str = Field(description="Facet key for ?type=, e.g. articles.newspage.")
    label: str
    count: int
    selected: bool


class SearchHit(Schema):
    id: int
    title: str
    title_html: str = Field(description="Escaped HTML with the query's words in <mark>.")
    excerpt_html: str = Field(description="Escaped text around the first match, the query's words in <mark>.")
    type: str
    type_label: str
    locale: str
    html_url: str | None
    api_url: str
    date: datetime.date | None


class SearchResults(Schema):
    query: str
    total: int
    total_capped: bool = Field(False, description="True when more than `total` pages match (counts stop there).")
    page: int
    per_page: int
    num_pages: int
    facets: list[SearchFacet]
    items: list[SearchHit]


@router.get(
    "/search",
    response={200: SearchResults, 400: Problem},
    tags=["search"],
    operation_id="cms_api_sen_search",
)
def search(request, params: Query[SearchParams]):
    """Search live, public pages (accents optional), with a count per page type and highlighted excerpts."""
    if params.type and len(params.type) > MAX_TYPES:
        raise ApiProblem(400, "invalid_parameter", _("Give at most 20 page types."), "type")
    try:
        results = search_pages(
            params.q,
            locale=params.locale,
            content_types=params.type or None,
            date_from=params.date_from,
            date_to=params.date_to,
            page=params.page,
            per_page=params.per_page,
            request=request,
        )
    except SearchError as exc:
        raise ApiProblem(400, "invalid_parameter", str(exc.message), getattr(exc, "parameter", "q")) from exc
    return {
        "query": results.query,
        "total": results.total,
        "total_capped": results.capped,
        "page": results.page,
        "per_page": results.per_page,
        "num_pages": results.num_pages,
        "facets": [
            {"key": f.key, "label": str(f.label), "count": f.count, "selected": f.selected} for f in results.facets
        ],
        "items": [
            {
                "id": hit.page.pk,
                "title": hit.title,
                "title_html": str(hit.title_html),
                "excerpt_html": str(hit.excerpt_html),
                "type": hit.content_type,
                "type_label": str(hit.content_type_label),
                "locale": hit.locale,
                "html_url": hit.page.get_full_url(request),
                "api_url": absolute_url(request, reverse("wagtailapi:pages:detail", args=[hit.page.pk])),
                "date": hit.date,
            }
            for hit in results.items
        ],
    }


def register(api):
    api.add_router("", router)
