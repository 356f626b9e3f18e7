"""The home page and the site chrome every page shares."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from cms import hooks as sen_hooks
from cms.pages import SenPageMixin


class HomePage(SenPageMixin, Page):
    """The portal's front page: an introduction, then the sections the content plugins contribute."""

    intro = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        verbose_name=_("introduction"),
        help_text=_("A short welcome shown above the sections of the home page."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]

    search_fields = Page.search_fields + [index.SearchField("intro")]

    api_fields = ["intro"]

    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = sen_hooks.collect(sen_hooks.HOME_SECTIONS, request, self)
        return context
