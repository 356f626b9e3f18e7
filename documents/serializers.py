"""API v2 representations of a document: display-ready names, dates, files and links."""

from django.utils import formats
from rest_framework.fields import Field

from cms.text import format_long_date


def _date(value):
    if not value:
        return None
    return {"iso": value.isoformat(), "display": formats.date_format(value, "d/m/Y"), "long": format_long_date(value)}


class NamedSnippetField(Field):
    """A kind, issuer or field as {id, name, slug} (``None`` when unset)."""

    openapi_schema = {  # read by cms.api.openapi_v2
        "type": ["object", "null"],
        "properties": {"id": {"type": "integer"}, "name": {"type": "string"}, "slug": {"type": "string"},
                       "short_name": {"type": "string"}},
        "required": ["id", "name", "slug"],
    }  # fmt: skip

    def to_representation(self, value):
        if value is None:
            return None
        data = {"id": value.pk, "name": value.name, "slug": value.slug}
        if hasattr(value, "short_name"):
            data["short_name"] = value.short_name
        return data


class DisplayDateField(Field):
    """A date as ISO, "20/06/2017" and "Thứ Ba, 20/06/2017"."""

    openapi_schema = {  # read by cms.api.openapi_v2
        "type": ["object", "null"],
        "properties": {"iso": {"type": "string", "format": "date"}, "display": {"type": "string"},
                       "long": {"type": "string"}},
        "required": ["iso", "display", "long"],
    }  # fmt: skip

    def to_representation(self, value):
        return _date(value)


class StatusField(Field):
    """The status code and its label in the request's language (``source="*"``)."""

    openapi_schema = {  # read by cms.api.openapi_v2
        "type": "object",
        "properties": {"code": {"type": "string"}, "label": {"type": "string"}},
        "required": ["code", "label"],
    }

    def to_representation(self, page):
        return {"code": page.status, "label": str(page.get_status_display())}


class AttachmentsField(Field):
    """The attached files: label, URL, type and size in bytes (``source="*"``)."""

    openapi_schema = {  # read by cms.api.openapi_v2
        "type": "array",
        "items": {
            "type": "object",
            "properties": {"id": {"type": "integer"}, "label": {"type": "string"},
                           "url": {"type": "string", "format": "uri"}, "type": {"type": "string"},
                           "size": {"type": "integer", "description": "Bytes."}},
        },
    }  # fmt: skip

    def to_representation(self, page):
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

    def to_representation(self, page):
        from documents.queries import related_documents  # cycle: queries -> models -> this module (known debt)

        return [
            {
                "relation": str(label),
                "documents": [
                    {"id": doc.pk, "number": doc.number, "title": doc.title, "url": doc.url} for doc in documents
                ],
            }
            for label, documents in related_documents(page)
        ]
