from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms import hooks as sen_hooks
from cms.content import active_locale
from cms.workflows import roles
from home import api, counter, demo_content
from home.models import Announcement, WebsiteLink
from home.views import figures_payload


class AnnouncementViewSet(SnippetViewSet):
    model = Announcement
    icon = "warning"
    menu_label = _("Announcements")
    menu_order = 200
    add_to_admin_menu = True
    list_display = [
        "title",
        "visible_from",
        "visible_until",
        # Whether visitors see it now, in words: Wagtail shows the ``live`` flag as "True", even once expired.
        Column(
            "showing",
            label=pgettext_lazy("announcement column", "Showing now"),
            accessor=lambda announcement: gettext("Yes") if announcement.is_visible() else gettext("No"),
        ),
    ]
    list_filter = ["live", "pinned", "locale"]
    search_fields = ["title"]


class WebsiteLinkViewSet(SnippetViewSet):
    model = WebsiteLink
    icon = "link"
    menu_label = _("Website links")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["title", "url"]
    sort_order_field = "sort_order"  # editors reorder the links by dragging


register_snippet(AnnouncementViewSet)
register_snippet(WebsiteLinkViewSet)


@hooks.register(sen_hooks.SIDEBAR_WIDGETS)
def chrome_sidebar_widgets(request, page):
    locale = active_locale()
    announcements = list(Announcement.objects.visible(locale=locale).select_related("document")[:5])
    next_change = Announcement.objects.next_visibility_change(locale=locale)
    links = WebsiteLink.objects.filter(locale=locale).select_related("logo").prefetch_related("logo__renditions")
    links = list(links) if locale else []
    return [
        sen_hooks.Block(
            template="home/widgets/announcements.html",
            context={"announcements": announcements},
            order=20,
            title=_("Announcements"),
            # The sidebar is cached (cms/chrome.py) until an announcement appears or expires by itself.
            expires=(next_change - timezone.now()).total_seconds() if next_change else None,
        ),
        sen_hooks.Block(
            template="home/widgets/visitor_counter.html",
            context={"figures": figures_payload(request, counter.current_figures()) if request else None},
            order=90,
            title=_("Statistics"),
        ),
        sen_hooks.Block(
            template="home/widgets/website_links.html",
            context={"links": links},
            order=30,
            title=_("Website links"),
        ),
    ]


@hooks.register(sen_hooks.DEMO_CONTENT, order=-10)
def chrome_demo_content(context):
    demo_content.create_announcements_and_links(context)


@hooks.register(sen_hooks.PERIODIC_TASKS)
def prune_visitor_counter(now):
    """Forget yesterday's visitor keys in the database store (the totals stay)."""
    store = counter.get_counter()
    if isinstance(store, counter.DatabaseCounter):
        store.prune(now)


@hooks.register(sen_hooks.API_ENDPOINTS, order=-20)
def register_api(router):
    """The visitor counter, announcements and website links in Sen's API: /api/sen/counter, …"""
    api.register(router)


ANNOUNCEMENT_PERMISSIONS = ["home.add_announcement", "home.change_announcement"]


@hooks.register(sen_hooks.WORKFLOW_SECTIONS)
def workflow_sections():
    """Announcements go through the two-level approval, like news."""
    return [
        sen_hooks.WorkflowSection(
            name="announcements",
            workflow=roles.NEWS_WORKFLOW,
            content_types=["home.Announcement"],
            model_permissions={
                roles.REPORTER: ANNOUNCEMENT_PERMISSIONS,
                roles.EDITOR: ANNOUNCEMENT_PERMISSIONS,
                roles.LEADER: [
                    *ANNOUNCEMENT_PERMISSIONS,
                    "home.delete_announcement",
                    "home.publish_announcement",
                    "home.lock_announcement",
                    "home.unlock_announcement",
                ],
            },
        )
    ]


@hooks.register(sen_hooks.DEMO_TRANSLATIONS)
def demo_translations(language_code):
    """The demo home page's title in English (cms.i18n.demo)."""
    return {"Trang chủ": "Home"} if language_code == "en" else {}


@hooks.register(sen_hooks.SCHEDULED_CHANGES)
def next_announcement_change(now):
    """An announcement appearing, ending or expiring retires the cached pages and API answers (cms.generation)."""
    return Announcement.objects.next_visibility_change(when=now)
