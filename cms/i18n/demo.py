"""English translations of the demo site, made with wagtail-localize, so the language switcher has a second language.

Runs after every plugin's demo content (``order=100``) and translates generically, without
knowing the plugins: the home page, each live section below it, and the most recent live
page of each section. Only the titles (and slugs) get English text here, from the titles each
app gives for its own demo pages (``sen_demo_translations``); every other
segment keeps the Vietnamese source text until a translator translates it in the admin,
which is how wagtail-localize publishes a translation with untranslated segments.
"""

from django.conf import settings
from wagtail import hooks
from wagtail.models import Locale, Page

from cms import hooks as sen_hooks
from cms.i18n.translations import translate
from cms.text import slugify_vi


def pages_to_translate(home):
    """The home page, its live sections, and the newest live page of each section."""
    pages = [home]
    sections = home.get_children().live().filter(locale_id=home.locale_id).order_by("path")
    for section in sections:
        pages.append(section)
        newest = (
            Page.objects.descendant_of(section)
            .live()
            .filter(locale_id=home.locale_id)
            .order_by("-first_published_at", "-pk")
            .first()
        )
        if newest is not None:
            pages.append(newest)
    return pages


def demo_titles(language_code):
    """{source title: translated title} for ``language_code``, from every app's demo content."""
    titles = {}
    for provide in hooks.get_hooks(sen_hooks.DEMO_TRANSLATIONS):
        titles.update(provide(language_code) or {})
    return titles


def translated_strings(page, titles):
    """The title and slug of ``page`` in the other language, when the demo gives one."""
    title = titles.get(page.title)
    if not title:
        return {}
    return {"title": title, "slug": slugify_vi(title)}


def translate_demo_pages(context):
    """Translate the demo's main pages into each other content language (English), once."""
    source_locale = context.home.locale
    other_codes = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES if code != source_locale.language_code]
    for locale in Locale.objects.filter(language_code__in=other_codes):
        titles = demo_titles(locale.language_code)
        for page in pages_to_translate(context.home):
            if page.get_translations().filter(locale=locale).exists():
                continue  # translated already: left as the translators made it
            page = page.specific
            translated = translate(page, locale, translated_strings(page, titles))
            context.log(f"{locale.language_code} translation {translated.title!r} of {page.title!r}")
