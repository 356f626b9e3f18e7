"""Vietnamese where Wagtail and wagtail-localize build English text outside their catalogues.

Each patch below names the upstream code it completes. On a Wagtail or wagtail-localize
upgrade, check them (and the template overrides listed in cms/locale/GLOSSARY.md): the admin
sweep (tests/browser/test_admin_english_sweep.py) lists any English that comes back.
"""

import re
from datetime import UTC, datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext, gettext_lazy
from wagtail.admin.forms.choosers import LocaleFilterMixin
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.ui.sidebar import MainMenuModule
from wagtail.models import Locale, Site
from wagtail.sites.views import IndexView
from wagtail_localize import models as localize_models
from wagtail_localize.views import edit_translation as editor
from wagtail_localize.views.report import TranslationsReportView

from cms.i18n.templatetags.sen_i18n import language_name
from cms.text import full_name

# wagtail-localize writes dates with strftime("%-d %B %Y") in UTC: English month names, and
# the previous day before 07:00 in Vietnam. Sen has it write this ISO form, then shows it local.
_UTC_MARK = "sen-utc:%Y-%m-%dT%H:%M:%S"
_UTC_MARKED = re.compile(r"sen-utc:(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)")


def local_date(value):
    """A UTC datetime as the editor's local date, the Vietnamese way (29/11/2026)."""
    return date_format(timezone.localtime(value), "SHORT_DATE_FORMAT")


def _unmark_dates(text):
    def local(match):
        moment = datetime.fromisoformat(match.group(1)).replace(tzinfo=UTC)
        return local_date(moment)

    return _UTC_MARKED.sub(local, text)


def _locale_names():
    """Locale.get_display_name() gives WAGTAIL_CONTENT_LANGUAGES' names, each in its own language
    ("English", for the public language switcher); in the admin, name it in the editor's language."""

    def get_display_name(self):
        return capfirst(str(language_name(self.language_code)))

    Locale.get_display_name = get_display_name


def _site_columns():
    """wagtail.sites.views.IndexView labels three columns from the field names ("Port", "Site name",
    "Root page"), in English: label them with the fields' (translated) verbose names."""

    for column in IndexView.columns:
        if column.name in ("port", "site_name", "root_page"):
            column.label = capfirst(Site._meta.get_field(column.name).verbose_name)


def _translation_report_name():
    """wagtail-localize's Translation model has no verbose name: "3 translations" in its report."""

    TranslationsReportView.verbose_name = gettext_lazy("translation")
    TranslationsReportView.verbose_name_plural = gettext_lazy("translations")


def _paginator_names():
    """Wagtail's paginator counts "3 translations" with the model's verbose name, which
    wagtail-localize's Translation leaves to Django (English, not in any catalogue): look the
    name up in the catalogues (Sen's has it; a name already translated stays as it is)."""

    def name(attribute, default):
        def get(self):
            return gettext(str(getattr(self.model._meta, attribute))) if self.model else gettext(default)

        return property(get)

    WagtailPaginator.verbose_name = name("verbose_name", "item")
    WagtailPaginator.verbose_name_plural = name("verbose_name_plural", "items")


def _translation_editor_dates():
    """The translation editor's "Translated manually on 29 November 2026" and last publish date."""

    def get_comment(self):
        date = local_date(self.updated_at)
        if self.tool_name:
            return gettext("Translated with {tool_name} on {date}").format(tool_name=self.tool_name, date=date)
        if self.translation_type == self.TRANSLATION_TYPE_MANUAL:
            return gettext("Translated manually on {date}").format(date=date)
        if self.translation_type == self.TRANSLATION_TYPE_MACHINE:
            return gettext("Machine translated on {date}").format(date=date)
        return ""

    localize_models.StringTranslation.get_comment = get_comment

    # The view formats the last publish time with its module's DATE_FORMAT; the hooks call the
    # view through the module, so a wrapper can turn the marked UTC time into the local date.
    editor.DATE_FORMAT = _UTC_MARK
    view = editor.edit_translation

    def edit_translation(request, translation, instance):
        response = view(request, translation, instance)
        if getattr(response, "content", None) and b"sen-utc:" in response.content:
            response.content = _unmark_dates(response.content.decode()).encode()
        return response

    editor.edit_translation = edit_translation


def _sidebar_account_name():
    """The sidebar's account menu names the user by ``first_name`` alone
    (wagtail.admin.ui.sidebar.MainMenuModule.js_args), which Sen fills with the family and middle
    names ("Trần Thị"): name them in full, family name first ("Trần Thị Bình"), as elsewhere."""
    js_args = MainMenuModule.js_args

    def named_in_full(self):
        menu_items, account_menu_items, account = js_args(self)
        return [menu_items, account_menu_items, {**account, "name": full_name(self.user)}]

    MainMenuModule.js_args = named_in_full


def _chooser_locale_label():
    """Wagtail's chooser filter adds a "locale" field without a label
    (wagtail.admin.forms.choosers.LocaleFilterMixin): Django names it "Locale", in English."""
    init = LocaleFilterMixin.__init__

    def __init__(self, *args, **kwargs):
        init(self, *args, **kwargs)
        if "locale" in self.fields:
            self.fields["locale"].label = gettext_lazy("Locale")

    LocaleFilterMixin.__init__ = __init__


def install():
    _sidebar_account_name()
    _chooser_locale_label()
    _locale_names()
    _site_columns()
    _translation_report_name()
    _paginator_names()
    _translation_editor_dates()
