"""The shapes of the values Sen's APIs answer, as Python types: one source for the three OpenAPI documents.

A value a serializer or a block builds by hand (an image with its renditions, a video's source, a
centre's yearly report) is declared here or in the plugin that builds it, as a ``TypedDict``:

- ``/api/v3/`` and ``/api/sen/`` (django-ninja, pydantic) read them as they are: Wagtail's API v3 types
  a field with its own serializer by the return annotation of the serializer's ``to_representation``
  (``typed_field`` makes such a serializer for a value read off the page);
- ``/api/v2/`` (``cms.api.openapi_v2``) reads the same annotations and turns them into JSON Schema with
  pydantic (``cms.api.schemas``).

So each shape is written once, and the generated clients get a named type for it in every API.
TypedDicts come from ``typing_extensions``: pydantic needs them there on Python < 3.12.
"""

from typing import Annotated, Literal, NotRequired

from pydantic import Field
from typing_extensions import TypedDict

from cms.renditions.specs import API_RENDITIONS

HTML = Annotated[str, Field(json_schema_extra={"contentMediaType": "text/html"})]
"""Display-ready HTML: internal links, documents and images resolved."""

URL = Annotated[str, Field(json_schema_extra={"format": "uri"})]
"""An absolute URL."""

ISODate = Annotated[str, Field(json_schema_extra={"format": "date"})]
"""A date as ``YYYY-MM-DD``."""


class Rendition(TypedDict):
    """One rendition of an image: where it is and its size in pixels."""

    url: URL
    width: int
    height: int


# One key per named rendition (cms.renditions.specs.API_RENDITIONS); null while the worker makes it.
Renditions = TypedDict("Renditions", dict.fromkeys(API_RENDITIONS, Rendition | None))  # type: ignore[misc]
Renditions.__doc__ = "An image's named renditions; a rendition not made yet is null (the worker is making it)."


class ImageRef(TypedDict):
    """An image as a page shows it: its alt text and named renditions (``cms.blocks.image_api_representation``)."""

    id: int
    title: str
    alt: str
    renditions: Renditions
    caption: NotRequired[str]


class PageRefMeta(TypedDict):
    type: str
    detail_url: URL
    html_url: URL | None


class PageRef(TypedDict):
    """A page another page links to (Wagtail's related-page field): id, type, title and its URLs."""

    id: int
    meta: PageRefMeta
    title: str


class Translation(TypedDict):
    """A live translation of a page."""

    locale: str
    id: int
    title: str
    html_url: URL | None
    api_url: URL


class TableValue(TypedDict):
    """A table block (``wagtail.contrib.table_block``): rows of cells, and which row or column heads it."""

    data: list[list[str | None]]
    first_row_is_table_header: NotRequired[bool]
    first_col_is_header: NotRequired[bool]
    table_header_choice: NotRequired[Literal["row", "column", "both", "neither", ""]]
    table_caption: NotRequired[str]


def typed_field(return_type, base=None):
    """A read-only serializer field class whose ``to_representation`` is annotated with ``return_type``.

    ``APIField("yearly_reports", serializer=typed_field(list[YearlyReportRow])(source="yearly_reports_api"))``
    reads the value as DRF's ``ReadOnlyField`` does; both OpenAPI generators read the annotation.
    """
    from rest_framework.fields import ReadOnlyField

    base = base or ReadOnlyField

    def to_representation(self, value):
        return base.to_representation(self, value)

    to_representation.__annotations__ = {"return": return_type}
    return type(f"Typed{base.__name__}", (base,), {"to_representation": to_representation, "__module__": __name__})
