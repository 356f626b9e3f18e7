"""The i18n app's Wagtail hooks."""

from django.templatetags.static import static
from django.utils.html import format_html, json_script
from django.utils.translation import gettext
from wagtail import hooks

from cms import hooks as sen_hooks
from cms.i18n import demo, translations

# A page is served only under its own language's prefix (/ Vietnamese, /en/ English).
hooks.register("before_serve_page", translations.serve_only_in_own_language)
# The demo's English pages, once the plugins made the Vietnamese ones (before the roles: same order, loaded first).
hooks.register(sen_hooks.DEMO_CONTENT, order=100)(demo.translate_demo_pages)


@hooks.register("insert_editor_js")
def inline_tags_as_chips():
    """The translation editor shows a segment's inline tags (<a id="a1">, <i>) as chips the translator keeps."""
    words = {
        "link": gettext("Link"),
        "bold": gettext("Bold"),
        "italic": gettext("Italic"),
        "lineBreak": gettext("Line break"),
        "start": gettext("Start of {name}"),
        "end": gettext("End of {name}"),
        "box": gettext("Translation (the marks stand for links and formatting: keep them around the same words)"),
        # wagtail-localize's editor template outputs insert_editor_js but not insert_editor_css: the script links it.
        "stylesheet": static("css/sen-admin-translation-chips.css"),
    }
    return json_script(words, "sen-translation-chips") + format_html(
        '<script src="{}"></script>', static("js/sen-admin-translation-chips.js")
    )
