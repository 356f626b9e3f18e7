"""The editor's guide, served by Sen at /admin/huong-dan/, in place of Wagtail's links to guide.wagtail.org.

Government networks block outside hosts, and Wagtail's guide is in English and knows nothing of
Sen's roles. The help menu keeps its keyboard shortcuts and gets this guide instead of
Wagtail's "Editor Guide" and "What's new in Wagtail" links. The guide is a document, one
template per language (``cms/admin/guide/<language>.html``), Vietnamese first.
"""

from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from cms.workflows import roles

GUIDE_LANGUAGES = ["vi", "en"]
# Wagtail's help menu items that open pages on guide.wagtail.org.
OUTSIDE_HELP_ITEMS = ("editor-guide", "whats-new-in-wagtail-")


def guide_view(request):
    language = (get_language() or "vi").split("-")[0]
    if language not in GUIDE_LANGUAGES:
        language = GUIDE_LANGUAGES[0]
    return TemplateResponse(
        request,
        [f"cms/admin/guide/{language}.html", "cms/admin/guide/vi.html"],
        {
            "page_title": _("Editor's guide"),
            "header_icon": "help",
            "role_names": roles.role_names(),
            "workflows": {
                key: (workflow.name, [task for task, _role in workflow.tasks])
                for key, workflow in roles.all_workflows().items()
            },
        },
    )


@hooks.register("register_admin_urls")
def register_guide_url():
    return [path("huong-dan/", guide_view, name="sen_editors_guide")]


@hooks.register("register_help_menu_item")
def register_guide_menu_item():
    return MenuItem(
        _("Editor's guide"), reverse("sen_editors_guide"), name="sen-editors-guide", icon_name="help", order=1000
    )


@hooks.register("construct_help_menu")
def remove_outside_help_links(request, menu_items):
    menu_items[:] = [item for item in menu_items if not str(item.name).startswith(OUTSIDE_HELP_ITEMS)]
