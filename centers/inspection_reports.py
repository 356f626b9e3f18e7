"""An article that reports on a centre's inspection becomes the inspection's report.

The rule: an article reports an inspection of a centre it mentions if it was published from a
week before the inspection started to a year after it ended, and the inspection has no report
yet. The centre's page gets a new revision with the link, published at once when the page was
live without pending changes (otherwise it waits for the centre's approval with the rest).
Asked by the articles importer through its ``articles_report_imported`` hook (centers/wagtail_hooks.py).
"""

import datetime

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from centers.models import CenterPage, Inspection

# An article reports an inspection if it was published from a week before the inspection
# started to a year after it ended (reports are often written up weeks later).
REPORT_WINDOW_BEFORE = datetime.timedelta(days=7)
REPORT_WINDOW_AFTER = datetime.timedelta(days=365)


def _article_date(article_page):
    value = getattr(article_page, "date", None) or article_page.first_published_at or timezone.now()
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def attach_report(article_page, targets):
    """Make ``article_page`` the report of matching inspections that have none yet."""
    center_ids = {target.page.pk for target in targets if target.kind == "center" and target.page is not None}
    if not center_ids or not article_page.pk:
        return []
    day = _article_date(article_page)
    candidates = Inspection.objects.filter(
        page_id__in=center_ids,
        report_page__isnull=True,
        date__lte=day + REPORT_WINDOW_BEFORE,
    ).filter(
        Q(end_date__gte=day - REPORT_WINDOW_AFTER) | Q(end_date__isnull=True, date__gte=day - REPORT_WINDOW_AFTER)
    )
    by_center = {}
    for inspection in candidates:
        by_center.setdefault(inspection.page_id, set()).add(inspection.pk)
    lines = []
    for center in CenterPage.objects.filter(pk__in=by_center).order_by("name_sort"):
        publish = center.live and not center.has_unpublished_changes
        latest = center.get_latest_revision_as_object()
        inspections = list(latest.inspections.all())
        attached = []
        for inspection in inspections:
            if inspection.pk in by_center[center.pk] and inspection.report_page_id is None:
                inspection.report_page = article_page
                attached.append(inspection)
        if not attached:
            continue
        latest.inspections = inspections
        revision = latest.save_revision(log_action=True, clean=False)
        if publish:
            revision.publish()
        for inspection in attached:
            lines.append(
                gettext("Attached “%(article)s” as the report of the inspection of %(center)s on %(date)s.")
                % {"article": article_page.title, "center": center.title, "date": inspection.date.strftime("%d/%m/%Y")}
            )
    return lines
