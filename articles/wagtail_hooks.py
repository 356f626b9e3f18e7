"""What the articles plugin contributes to the admin and to the core (through Sen's hooks)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from articles.models import Category


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "tag"
    menu_label = _("News categories")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "slug"]
    search_fields = ["name"]


register_snippet(CategoryViewSet)
