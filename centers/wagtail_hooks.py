"""What the centres plugin contributes to the admin and to the core (through Sen's hooks)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from centers import inspection_reports, stats
from centers.api import register
from centers.demo import load_demo_content
from centers.generate import generators
from centers.models import AdministrativeUnit, CenterIndexPage, CenterPage
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


# The articles plugin's importer tells which imported article reports on an inspection, under
# a hook it defines (articles/hooks.py); the centres answer by name, without importing articles.
@hooks.register("articles_report_imported")
def attach_imported_report(report):
    """Make the imported article the report of the inspections of the centres it mentions."""
    return inspection_reports.attach_report(report.article, report.targets)


@hooks.register(sen_hooks.API_ENDPOINTS)
def register_api(api):
    """Centre statistics in Sen's API: /api/sen/centers/stats/…"""
    register(api)


# English titles of the demo's centre pages, by their Vietnamese titles (cms.i18n.demo).
DEMO_ENGLISH_TITLES = {
    "Trung tâm học tập cộng đồng": "Community learning centres",
    "Trung tâm học tập cộng đồng xã Điền Công": "Dien Cong commune community learning centre",
}


@hooks.register(sen_hooks.DEMO_TRANSLATIONS)
def demo_translations(language_code):
    return DEMO_ENGLISH_TITLES if language_code == "en" else {}


# Editorial roles and workflows (cms/workflows/roles.py).
import centers.roles  # noqa: E402, F401  (centres' approval, staff groups and the staff accounts view)
