"""Adding content where people look for it: a labelled "Thêm …" button on each listing, and the same
actions on the dashboard, per role.

Wagtail's page listing offers an icon-only ⊕ ("Add child page") in its header, and the dashboard offers
no way to add anything. Here:

- the listing of a page whose children are of one type the user may add shows "Thêm tin bài" (the child
  type's ``add_label``, else "Thêm <its name>"), straight to that type's form; a page with several child
  types shows "Thêm trang con" with its text;
- the dashboard's "Thêm nhanh" panel lists, for the signed-in person, each section under approval
  (``sen_workflow_sections``) where they may add a page (one button per child type) and each snippet
  under approval they may add ("Thêm thông báo"). Nothing is shown to a person who may add nothing
  (a centre's staff, who keep their centre's page).

A page or snippet model names its own button with a class attribute ``add_label`` (a lazy translation).
"""

from collections import Counter

from django.contrib.auth import get_permission_codename
from django.urls import NoReverseMatch, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.views.pages.listing import ExplorableIndexView
from wagtail.admin.widgets.button import HeaderButton
from wagtail.models import Locale
from wagtail.snippets.models import get_snippet_models

from cms.workflows.roles import workflow_sections


def add_label(model):
    """The words of the button that adds a ``model``: "Thêm tin bài", or "Thêm <verbose name>"."""
    label = getattr(model, "add_label", None)
    if label:
        return str(label)
    return _("Add %(type)s") % {"type": model._meta.verbose_name}


def addable_page_types(parent, user):
    """The page types ``user`` may add under ``parent``, in the order the parent declares them."""
    if not parent.permissions_for_user(user).can_add_subpage():
        return []
    return [model for model in parent.specific_class.creatable_subpage_models() if model.can_create_at(parent)]


def add_page_url(model, parent):
    return reverse("wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk])


class LabelledAddIndexView(ExplorableIndexView):
    """The page listing with a labelled "Thêm …" button instead of Wagtail's icon-only ⊕."""

    @cached_property
    def add_button(self):
        if not self.add_url:
            return None
        types = addable_page_types(self.parent_page, self.request.user)
        if len(types) == 1:
            label, url = add_label(types[0]), add_page_url(types[0], self.parent_page)
        else:
            label, url = self.add_item_label, self.add_url
        return HeaderButton(
            label, url=url, icon_name="plus", classname="bicolor button--icon", attrs={"data-sen-add": ""}
        )


# ---------------------------------------------------------------------------
# The dashboard's quick actions


def _section_pages(section):
    pages = section.pages() if callable(section.pages) else section.pages
    return list(pages)


def quick_actions(user):
    """[(label, url)]: what ``user`` may add, pages first (section by section), then snippets."""
    if not user.is_authenticated:
        return []
    default_locale = Locale.get_default()
    pages, snippets = [], []
    snippet_models = {f"{model._meta.app_label}.{model.__name__}".lower(): model for model in get_snippet_models()}
    for section in workflow_sections():
        for parent in _section_pages(section):
            if parent.locale_id != default_locale.pk:
                continue  # translations are made from the Vietnamese page ("Dịch trang này")
            for model in addable_page_types(parent, user):
                pages.append((add_label(model), add_page_url(model, parent), parent))
        for name in section.content_types:
            model = snippet_models.get(name.lower())
            if model is None:
                continue
            codename = get_permission_codename("add", model._meta)
            if not user.has_perm(f"{model._meta.app_label}.{codename}"):
                continue
            try:
                url = reverse(model.snippet_viewset.get_url_name("add"))
            except (AttributeError, NoReverseMatch):
                continue
            snippets.append((add_label(model), url))
    labels = Counter(label for label, _url, _parent in pages)
    # One site with two news listings: say which one each button adds to.
    actions = [(f"{label} ({parent.title})" if labels[label] > 1 else label, url) for label, url, parent in pages]
    unique, seen = [], set()
    for label, url in actions + snippets:
        if url not in seen:
            seen.add(url)
            unique.append((label, url))
    return unique


class QuickActionsPanel(Component):
    """The dashboard's "Thêm nhanh": one labelled button per thing the person may add."""

    name = "sen_quick_actions"
    template_name = "cms/admin/quick_actions_panel.html"
    order = 40  # first: before a centre's staff panel (50) and Wagtail's own (210+)

    def __init__(self, actions):
        self.actions = actions

    def get_context_data(self, parent_context=None):
        return {"actions": self.actions}


@hooks.register("construct_homepage_panels")
def add_quick_actions_panel(request, panels):
    actions = quick_actions(request.user)
    if actions:
        panels.append(QuickActionsPanel(actions))
