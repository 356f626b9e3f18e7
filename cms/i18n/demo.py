"""English translations of the demo site, made with wagtail-localize, so the language switcher has a second language.

Runs after every plugin's demo content (``order=100``) and translates generically, without
knowing the plugins: the home page, each live section below it, and the most recent live
page of each section. Only the titles (and slugs) get English text here; every other
segment keeps the Vietnamese source text until a translator translates it in the admin,
which is how wagtail-localize publishes a translation with untranslated segments.
"""

from django.conf import settings
from wagtail.models import Locale, Page

from cms.i18n.translations import translate
from cms.text import slugify_vi

# English titles of the demo pages, by their Vietnamese titles. A page missing here keeps
# its Vietnamese title in English until a translator gives it one.
ENGLISH_TITLES = {
    "Trang chủ": "Home",
    "Tin tức": "News",
    "Truyền hình": "City television",
    "Trung tâm học tập cộng đồng": "Community learning centres",
    "13 học sinh trung học cơ sở trở lại lớp giáo dục thường xuyên": (
        "13 lower-secondary pupils go back to continuing-education classes"
    ),
    "Chương trình truyền hình thành phố Mỹ Tho ngày 16/11/2018": "My Tho city television, 16/11/2018",
    "Trung tâm học tập cộng đồng xã Điền Công": "Dien Cong commune community learning centre",
}


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


def english_strings(page):
    title = ENGLISH_TITLES.get(page.title)
    if not title:
        return {}
    return {"title": title, "slug": slugify_vi(title)}


def translate_demo_pages(context):
    """Translate the demo's main pages into each other content language (English), once."""
    source_locale = context.home.locale
    other_codes = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES if code != source_locale.language_code]
    for locale in Locale.objects.filter(language_code__in=other_codes):
        for page in pages_to_translate(context.home):
            if page.get_translations().filter(locale=locale).exists():
                continue  # translated already: left as the translators made it
            page = page.specific
            translated = translate(page, locale, english_strings(page) if locale.language_code == "en" else {})
            context.log(f"{locale.language_code} translation {translated.title!r} of {page.title!r}")
