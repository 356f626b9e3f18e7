"""What the centres plugin contributes to the admin and to the core (through Sen's hooks)."""

import datetime

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from centers import stats
from centers.models import AdministrativeUnit, CenterIndexPage, CenterPage, Inspection
from cms import hooks as sen_hooks
from cms.pages import listable


class AdministrativeUnitViewSet(SnippetViewSet):
    model = AdministrativeUnit
    icon = "site"
    menu_label = _("Administrative units")
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["__str__", "code", "parent", "valid_from"]
    list_filter = ["level", "unit_type"]
    search_fields = ["name", "former_names"]
    ordering = ["level", "name_sort"]


register_snippet(AdministrativeUnitViewSet)


@hooks.register(sen_hooks.GENERATE_CONTENT)
def generate_content():
    from centers.generate import generators

    return generators()


@hooks.register(sen_hooks.HOME_SECTIONS)
def home_sections(request, page):
    totals = stats.home_year_totals()
    if not totals:
        return []
    locale = getattr(page, "locale", None)
    index = listable(CenterIndexPage.objects.all())
    if locale is not None:
        index = index.filter(locale=locale)
    return [
        sen_hooks.Block(
            template="centers/blocks/home_stats.html",
            context={"title": _("Community learning centres"), "totals": totals, "index": index.first()},
            order=50,
            title=_("Community learning centres"),
        )
    ]


@hooks.register(sen_hooks.SEARCH_FACETS)
def search_facets():
    return [(_("Learning centres"), CenterPage)]


@hooks.register(sen_hooks.DEMO_CONTENT)
def demo_content(context):
    from centers.demo import load_demo_content

    load_demo_content(context)


@hooks.register(sen_hooks.LINK_TARGETS)
def link_targets():
    targets = []
    for center in stats.live_centers().select_related("province", "commune").order_by("name_sort"):
        names = [center.title, *center.short_name_list]
        commune = center.commune
        targets.append(
            sen_hooks.LinkTarget(
                names=list(dict.fromkeys(names)),
                page=center,
                kind="center",
                context={
                    "commune": str(commune) if commune else "",
                    "province": str(center.province) if center.province else "",
                    "former_names": commune.former_names.splitlines() if commune else [],
                },
            )
        )
    return targets


# An article reports an inspection if it was published from a week before the inspection
# started to a year after it ended (reports are often written up weeks later).
REPORT_WINDOW_BEFORE = datetime.timedelta(days=7)
REPORT_WINDOW_AFTER = datetime.timedelta(days=365)


def _article_date(article_page):
    value = getattr(article_page, "date", None) or article_page.first_published_at or timezone.now()
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


@hooks.register(sen_hooks.ATTACH_REPORT)
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


@hooks.register(sen_hooks.API_ENDPOINTS)
def register_api(api):
    """Centre statistics in Sen's API: /api/sen/centers/stats/…"""
    from centers.api import register

    register(api)


# Editorial roles and workflows (cms/workflows/roles.py).
import centers.roles  # noqa: E402, F401  (centres' approval, staff groups and the staff accounts view)
