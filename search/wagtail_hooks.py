"""What the site search contributes to the core (through Sen's hooks)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms import hooks as sen_hooks
from search import api
from search.models import Abbreviation


@hooks.register(sen_hooks.API_ENDPOINTS, order=-10)
def register_api(router):
    """Site search in Sen's API: /api/sen/search (after home's endpoints, before the plugins')."""
    api.register(router)


class AbbreviationViewSet(SnippetViewSet):
    """Settings → Abbreviations: the list search treats as their full forms and back."""

    model = Abbreviation
    icon = "search"
    add_to_settings_menu = True
    menu_label = _("Abbreviations")
    list_display = ["short", "full"]
    search_fields = ["short", "full"]
    ordering = ["short"]


register_snippet(AbbreviationViewSet)
