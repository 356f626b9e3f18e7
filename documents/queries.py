"""The querysets the hooks, feeds and API share: listings in a fixed number of queries."""

from documents.models import DocumentIndexPage, LegalDocumentPage

# Live, public documents (of a queryset, all by default), newest first, with kind, issuer and field.
document_listing = LegalDocumentPage.listing
# The ``limit`` newest documents in a locale (the active language by default).
latest_documents = LegalDocumentPage.latest
# The public documents index of a locale, if there is one.
documents_index = DocumentIndexPage.for_locale
