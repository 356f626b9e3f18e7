"""A document's status: in force, not yet in force, expired, or replaced by a newer one.

The dates decide the first three; a live document that replaces this one and has taken
effect makes it "replaced" (``LegalDocumentPage.current_status``). The status is stored on the
page so that lists and the API can filter by it in the database; it changes with the date, so
``refresh_statuses`` runs on publishing and each day (the ``sen_periodic_tasks`` hook).
"""

from documents.models import LegalDocumentPage, Status
from documents.models.pages import replacing_links


def refresh_statuses(day, ids=None):
    """Store the status of each document (of ``ids``, or all) as of ``day``; return how many changed."""
    pages = LegalDocumentPage.objects.all()
    if ids is not None:
        pages = pages.filter(pk__in=ids)
    pages = list(pages.only("pk", "status", "date_issued", "date_effective", "date_expires"))
    replaced = set(replacing_links(day, ids).values_list("target_id", flat=True))
    changed = {}
    for page in pages:
        status = Status.REPLACED if page.pk in replaced else page.status_on(day)
        if status != page.status:
            changed.setdefault(status, []).append(page.pk)
    for status, page_ids in changed.items():
        LegalDocumentPage.objects.filter(pk__in=page_ids).update(status=status)
    return sum(len(page_ids) for page_ids in changed.values())
