"""Publishing or unpublishing a document can change the status of the ones it replaces."""

from wagtail.signals import page_published, page_unpublished

from documents.models import LegalDocumentLink, LegalDocumentPage
from documents.models.pages import today
from documents.status import refresh_statuses


def on_document_changed(sender, instance, **kwargs):
    if isinstance(instance, LegalDocumentPage):
        targets = LegalDocumentLink.objects.filter(page_id=instance.pk).values_list("target_id", flat=True)
        refresh_statuses(today(), {instance.pk, *targets})


def connect():
    page_published.connect(on_document_changed, dispatch_uid="documents-status-published")
    page_unpublished.connect(on_document_changed, dispatch_uid="documents-status-unpublished")
