"""A document's status: in force, not yet in force, expired, or replaced by a newer one.

The dates decide the first three; a live document that replaces this one and has taken
effect makes it "replaced". The status is stored on the page so that lists and the API can
filter by it in the database; it changes with the date, so ``refresh_statuses`` runs on
publishing and each day (the ``sen_periodic_tasks`` hook).
"""

from django.db.models import F
from django.db.models.functions import Coalesce

from documents.models import LegalDocumentLink, LegalDocumentPage, Relation, Status


def _replacing_links(day, target_ids=None):
    links = LegalDocumentLink.objects.filter(
        relation=Relation.REPLACES,
        page__live=True,
    ).annotate(start=Coalesce(F("page__date_effective"), F("page__date_issued")))
    links = links.filter(start__lte=day)
    if target_ids is not None:
        links = links.filter(target_id__in=target_ids)
    return links


def status_of(page, day):
    if page.pk and _replacing_links(day, [page.pk]).exclude(page_id=page.pk).exists():
        return Status.REPLACED
    return page.status_on(day)


def refresh_statuses(day, ids=None):
    """Store the status of each document (of ``ids``, or all) as of ``day``; return how many changed."""
    pages = LegalDocumentPage.objects.all()
    if ids is not None:
        pages = pages.filter(pk__in=ids)
    pages = list(pages.only("pk", "status", "date_issued", "date_effective", "date_expires"))
    replaced = set(_replacing_links(day, ids).values_list("target_id", flat=True))
    changed = {}
    for page in pages:
        status = Status.REPLACED if page.pk in replaced else page.status_on(day)
        if status != page.status:
            changed.setdefault(status, []).append(page.pk)
    for status, page_ids in changed.items():
        LegalDocumentPage.objects.filter(pk__in=page_ids).update(status=status)
    return sum(len(page_ids) for page_ids in changed.values())
