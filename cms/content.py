"""The shapes every content plugin builds on: an index page that lists its detail pages, the detail
page mixin, the request's locale and rich text as HTML for the API. `docs/plugins.md` shows them in
use; `manage.py startplugin` makes a plugin on them.

An index page (``SenIndexPage``, abstract) has an introduction and lists the live, public pages of
its one detail type (its ``subpage_types``), paginated. A detail page (``SenDetailPageMixin``, with
``Page``) says how a list of its pages is fetched (``listing_order``, ``listing_select_related``,
``listing_prefetch_related``) and finds the index above it; home sections, sidebars and feeds ask it
for the latest pages of a language (``latest``) and the index for the index of a language
(``for_locale``), so a plugin writes none of these queries itself.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework.fields import Field
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Locale, Page
from wagtail.rich_text import expand_db_html
from wagtail.search import index

from cms import chrome
from cms.pages import SenPageMixin, listable
from cms.paginator import Desc, paginate
from cms.shapes import HTML

INTRO_FEATURES = ["bold", "italic", "link"]


def active_locale(locale=None):
    """``locale`` when given, else the locale of the active language (None while there is none)."""
    if locale is not None:
        return locale
    try:
        return Locale.get_active()
    except Locale.DoesNotExist:
        return None


class RichTextHTMLField(Field):
    """A rich text value as HTML, with internal links, documents, images and embeds resolved."""

    def to_representation(self, value) -> HTML:
        return expand_db_html(value) if value else ""


INTRO_HELP_TEXT = _("A short text shown above the list.")


def intro_field(help_text=INTRO_HELP_TEXT):
    """The introduction of an index page; a plugin gives its own help text by redefining ``intro``."""
    return RichTextField(blank=True, features=INTRO_FEATURES, verbose_name=_("introduction"), help_text=help_text)


class SenIndexPage(SenPageMixin, Page):
    """A page under the home page listing the pages of its detail type, newest first.

    A plugin's index sets ``subpage_types`` to its detail page type (a ``SenDetailPageMixin`` page)
    and its Meta's verbose names; it may set ``listing_name`` (the template's name for the list),
    ``per_page``, and override ``listing_context`` to filter the list by the request.
    """

    intro = intro_field()

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = [APIField("intro", serializer=RichTextHTMLField())]

    parent_page_types = ["home.HomePage"]

    listing_name = "items"
    per_page = 20

    class Meta:
        abstract = True

    @classmethod
    def for_locale(cls, locale=None):
        """The first public index of this type in ``locale`` (the active language by default), or None."""
        locale = active_locale(locale)
        queryset = listable(cls.objects.all())
        return (queryset.filter(locale=locale) if locale else queryset).order_by("path").first()

    @classmethod
    def detail_model(cls):
        return cls.clean_subpage_models()[0]

    def get_listing(self):
        """The public live detail pages under this index, in their listing order."""
        model = self.detail_model()
        return model.listing(model.objects.child_of(self), within=self)

    def listing_context(self, request):
        """What the template shows of the list: ``listing_name`` -> the requested page of it."""
        order = self.detail_model().listing_order
        keys = order if all(isinstance(key, Desc) for key in order) else None  # else read with OFFSET
        return {self.listing_name: paginate(request, self.get_listing(), self.per_page, keys=keys)}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.listing_context(request))
        return context


class SenDetailPageMixin(SenPageMixin):
    """A page an index lists (``class NewsPage(SenDetailPageMixin, Page)``).

    ``listing_order`` is the list's order: the seek paginator's keys (``cms.paginator.Desc``, ending in a
    unique column) for lists read deep, or ``order_by`` terms (``"name_sort"``), read with OFFSET;
    ``index_name`` the template's name for the index above the page.
    """

    subpage_types = []
    listing_order = [Desc("first_published_at", nulls_last=True), Desc("pk")]
    listing_select_related = ("locale",)
    listing_prefetch_related = ()
    index_name = "index"

    @classmethod
    def listing(cls, queryset=None, within=None):
        """Public live pages of ``queryset`` (all of this type by default), with what a list item shows,
        in the listing order: a fixed number of queries however many items. ``within``: the page that
        shows the list (``cms.pages.restricted_q``)."""
        queryset = cls.objects.all() if queryset is None else queryset
        return (
            listable(queryset, within)
            .select_related(*cls.listing_select_related)
            .prefetch_related(*cls.listing_prefetch_related)
            .order_by(*(key if isinstance(key, str) else key.expression() for key in cls.listing_order))
        )

    @classmethod
    def latest(cls, limit=5, locale=None):
        """The first ``limit`` pages of the listing in ``locale`` (the active language by default)."""
        locale = active_locale(locale)
        queryset = cls.objects.filter(locale=locale) if locale else None
        return list(cls.listing(queryset)[:limit])

    def get_index(self, request=None):
        """The page above (the index), read from the chrome cache: the same for all its pages."""
        parent_path = self.path[: -self.steplen] if self.path else ""
        if not parent_path:
            return None

        def parent():
            found = self.get_parent()
            return found.specific if found is not None else None

        return chrome.cached("page-by-path", [parent_path], parent, request)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context[self.index_name] = self.get_index(request)
        return context
