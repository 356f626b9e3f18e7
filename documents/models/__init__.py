"""Legal and administrative documents: kinds, issuers, fields, the index and the document pages."""

from documents.models.index import DocumentIndexPage
from documents.models.pages import (
    LegalDocumentAttachment,
    LegalDocumentLink,
    LegalDocumentPage,
    Relation,
    Status,
)
from documents.models.taxonomy import DocumentField, DocumentKind, IssuingBody

__all__ = [
    "DocumentField",
    "DocumentIndexPage",
    "DocumentKind",
    "IssuingBody",
    "LegalDocumentAttachment",
    "LegalDocumentLink",
    "LegalDocumentPage",
    "Relation",
    "Status",
]
