from django.db import models
from django.db.models import Min
from django.http import Http404
from django.templatetags.static import static
from django.utils import timezone
from django.utils.html import format_html, json_script
from django.utils.translation import gettext
from wagtail import hooks
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.widgets import AdminAutoHeightTextInput
from wagtail.models import Page

from cms import hooks as sen_hooks
from cms.forms import MultilineTextField
from cms.numbers import ClockDurationField, VietnameseDecimalField, VietnameseFloatField, VietnameseIntegerField
from cms.pages import LoadedDocumentLinkHandler, VisiblePageLinkHandler, is_expired
from cms.sorting import in_vietnamese_order
from cms.widgets import VietnameseSlugInput

# Every slug field in the admin (pages and snippets) transliterates Vietnamese.
register_form_field_override(models.SlugField, override={"widget": VietnameseSlugInput})
# Text areas save "\n" line endings, whatever the browser posts (Wagtail's widget kept).
register_form_field_override(
    models.TextField,
    override={"widget": AdminAutoHeightTextInput, "form_class": MultilineTextField},
    exact_class=True,
)

# Every number field reads figures the Vietnamese way ("25.000.000"), shows them grouped, and
# refuses ambiguous input instead of truncating it; durations read as a clock ("12:30").
register_form_field_override(models.IntegerField, override={"form_class": VietnameseIntegerField})
register_form_field_override(models.DecimalField, override={"form_class": VietnameseDecimalField})
register_form_field_override(models.FloatField, override={"form_class": VietnameseFloatField})
register_form_field_override(models.DurationField, override={"form_class": ClockDurationField})


@hooks.register("insert_global_admin_js")
def datetime_picker_steps():
    """Times in the date-time picker every 5 minutes, today marked in the editor's time zone, date fields
    that select their content on focus."""
    return json_script({"timeZone": timezone.get_current_timezone_name()}, "sen-datetime") + format_html(
        '<script src="{}"></script>', static("js/sen-admin-datetime.js")
    )


@hooks.register("insert_global_admin_css")
def datetime_picker_in_dialogs():
    """In the schedule dialog, the picker pushes the dialog's button down instead of covering it."""
    return format_html('<link rel="stylesheet" href="{}">', static("css/sen-admin-datetime.css"))


@hooks.register("insert_global_admin_css")
def listing_titles_wrap_between_words():
    """On a phone, page titles in listings wrap between syllables, not inside one ("Phườ/ng")."""
    return format_html('<link rel="stylesheet" href="{}">', static("css/sen-admin-listing.css"))


@hooks.register("insert_editor_js")
def translation_editor_in_vietnamese():
    """The translation editor's strings that wagtail-localize's script writes in English."""
    words = {"title": gettext("Translation from {source} to {target}"), "more": gettext("More actions")}
    return json_script(words, "sen-localize-vi") + format_html(
        '<script src="{}"></script>', static("js/sen-admin-localize-vi.js")
    )


# Revision comparisons: only real changes, Vietnamese dates.
import cms.compare  # noqa: E402, F401


@hooks.register("register_rich_text_features", order=100)  # after Wagtail's own, which it replaces
def page_links_only_to_visible_pages(features):
    """Rich-text page links point only to pages visitors can open, in their language (cms.pages)."""
    features.register_link_type(VisiblePageLinkHandler)
    # Document links read the documents the API has loaded already (cms.pages).
    features.register_link_type(LoadedDocumentLinkHandler)


@hooks.register(sen_hooks.SCHEDULED_CHANGES)
def next_page_expiry(now):
    """A live page's expiry retires what the caches hold (cms.generation), before the worker's round."""
    return Page.objects.filter(live=True, expire_at__gt=now).aggregate(first=Min("expire_at"))["first"]


@hooks.register("before_serve_page")
def expired_pages_are_not_served(page, request, serve_args, serve_kwargs):
    """A page past its expiry time is gone at once, not at the worker's next round (which unpublishes it)."""
    if is_expired(page):
        raise Http404


@hooks.register("construct_explorer_page_queryset")
def titles_in_vietnamese_order(parent_page, pages, request):
    """The explorer sorted by title sorts the Vietnamese way. Not while searching: the search backend orders
    by field names only (and by relevance unless asked)."""
    if request.GET.get("q"):
        return pages
    return in_vietnamese_order(pages)
