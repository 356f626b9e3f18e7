"""API v2 representations of a document: display-ready names, dates, files and links."""

from typing import NotRequired

from django.utils import formats
from rest_framework.fields import Field
from typing_extensions import TypedDict

from cms.shapes import URL, ISODate
from cms.text import format_long_date

# The shapes of the values below: their return annotations type the fields in the OpenAPI documents.


class NamedItem(TypedDict):
    """A document kind, issuer or field."""

    id: int
    name: str
    slug: str
    short_name: NotRequired[str]


class DisplayDate(TypedDict):
    """A date as ISO, "20/06/2017" and "Thứ Ba, 20/06/2017"."""

    iso: ISODate
    display: str
    long: str


class DocumentStatus(TypedDict):
    """The status code and its label in the request's language."""

    code: str
    label: str


class Attachment(TypedDict):
    id: int
    label: str
    url: URL
    type: str
    size: int | None


class RelatedDocument(TypedDict):
    id: int
    number: str
    title: str
    url: str | None


class RelatedDocuments(TypedDict):
    """Documents related to this one in one way ("replaces", "replaced by"…)."""

    relation: str
    documents: list[RelatedDocument]


def _date(value):
    if not value:
        return None
    return {"iso": value.isoformat(), "display": formats.date_format(value, "d/m/Y"), "long": format_long_date(value)}


class NamedSnippetField(Field):
    """A kind, issuer or field as {id, name, slug} (``None`` when unset)."""

    def to_representation(self, value) -> NamedItem | None:
        if value is None:
            return None
        data = {"id": value.pk, "name": value.name, "slug": value.slug}
        if hasattr(value, "short_name"):
            data["short_name"] = value.short_name
        return data


class DisplayDateField(Field):
    """A date as ISO, "20/06/2017" and "Thứ Ba, 20/06/2017"."""

    def to_representation(self, value) -> DisplayDate | None:
        return _date(value)


class StatusField(Field):
    """The status code and its label in the request's language (``source="*"``)."""

    def to_representation(self, page) -> DocumentStatus:
        return {"code": page.status, "label": str(page.get_status_display())}


class AttachmentsField(Field):
    """The attached files: label, URL, type and size in bytes (``source="*"``)."""

    def to_representation(self, page) -> list[Attachment]:
        request = self.context.get("request")
        files = []
        for attachment in page.attachments.all():
            document = attachment.document
            if document is None:
                continue
            url = document.url
            files.append(
                {
                    "id": document.pk,
                    "label": attachment.display_label,
                    "url": request.build_absolute_uri(url) if request is not None else url,
                    "type": attachment.file_type,
                    "size": attachment.file_size,
                }
            )
        return files


class RelatedDocumentsField(Field):
    """Documents this one replaces or amends and those replacing or amending it (``source="*"``)."""

    def to_representation(self, page) -> list[RelatedDocuments]:
        return [
            {
                "relation": str(label),
                "documents": [
                    {"id": doc.pk, "number": doc.number, "title": doc.title, "url": doc.url} for doc in documents
                ],
            }
            for label, documents in page.related_documents()
        ]
