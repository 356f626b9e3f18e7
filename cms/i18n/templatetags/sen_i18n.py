"""The language switcher: for each content language, where a visitor reading that language should go."""

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language_info, pgettext_lazy
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page

from cms.languages import language_homes, live_translations, request_language
from cms.pages import listable

register = template.Library()


@dataclass
class LanguageLink:
    """One entry of the switcher."""

    code: str
    # The language's own name ("Tiếng Việt", "English").
    name: str
    url: str = ""
    current: bool = False
    # False when the page has no live version in this language.
    available: bool = True
    # Where the link leads instead: "home" (that language's home page) or "original".
    fallback: str = ""
    # The language's name in the active language ("tiếng Anh"), for the notes.
    label: str = ""


def _content_languages():
    return list(settings.WAGTAIL_CONTENT_LANGUAGES)


def _strip_language_prefix(path):
    """ "/en/tin-tuc/x/" -> "tin-tuc/x/"; the default language (Vietnamese) has no prefix."""
    path = path.lstrip("/")
    for code, _name in _content_languages():
        if code == settings.LANGUAGE_CODE:
            continue
        if path == code or path.startswith(code + "/"):
            return path[len(code) :].lstrip("/")
    return path


def _versions_of_missing_page(request, homes):
    """For a 404 under a language prefix: the pages at the same path in the other languages' trees.

    "/en/tin-tuc/x/" finds the Vietnamese "/tin-tuc/x/" when it has no English version yet.
    One query, whatever the depth of the path.
    """
    rest = _strip_language_prefix(request.path_info)
    if not rest or not homes:
        return {}
    url_paths = {home.url_path + rest: code for code, home in homes.items()}
    found = listable(Page.objects.filter(url_path__in=url_paths)).select_related("locale")
    return {page.locale.language_code: page for page in found if url_paths[page.url_path] == page.locale.language_code}


def _serves_pages(request):
    match = getattr(request, "resolver_match", None)
    return match is None or match.url_name == "wagtail_serve"


@register.simple_tag(takes_context=True)
def language_switcher(context):
    """The switcher's entries, one per content language, in the order of WAGTAIL_CONTENT_LANGUAGES.

    - On a page: its public translation in each language (``cms.pages.listable``). Where there is none, the entry
      links to that language's home page (or, failing that, to the Vietnamese original)
      and says that the page is not translated yet: never to an address that 404s.
    - On a 404 under /en/ for a page that exists in Vietnamese only: ``original`` is that
      page, for the 404 page to offer, and the Vietnamese entry links to it.
    - On other views (search…): the same view in the other language, query string kept.

    At most three queries, whatever the page.
    """
    request = context.get("request")
    if request is None:
        return {"links": [], "original": None}
    current = request_language(request)
    homes = language_homes(request)
    page = context.get("page")
    if isinstance(page, Page) and page.pk is not None:
        versions = dict(live_translations(page))
        if current not in versions:  # a draft being previewed, a private page…
            versions[current] = page
    elif _serves_pages(request):
        # A 404: the same page in another language when there is one, else the home pages.
        versions = _versions_of_missing_page(request, homes) or dict(homes)
    else:
        versions = None

    default = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    original = None
    links = []
    for code, name in _content_languages():
        link = LanguageLink(code=code, name=name, label=language_name(code), current=code == current)
        if versions is None:
            link.url = translate_url(request.get_full_path(), code)
        elif code in versions:
            link.url = versions[code].get_url(request) or ""
        else:
            link.available = False
            source = versions.get(default)
            if code in homes:
                link.url = homes[code].get_url(request) or ""
                link.fallback = "home"
            elif source is not None:
                link.url = source.get_url(request) or ""
                link.fallback = "original"
            if link.current and source is not None:
                original = source
        links.append(link)
    return {
        "links": links,
        "current_label": language_name(current),
        "original": original,
        "original_url": original.get_url(request) if original is not None else "",
        "original_code": default,
        "original_language": language_name(default),
    }


LANGUAGE_NAMES = {
    # As they read inside a sentence ("No English version yet", "Chưa có bản tiếng Anh").
    "vi": pgettext_lazy("language name in a sentence", "Vietnamese"),
    "en": pgettext_lazy("language name in a sentence", "English"),
}


def language_name(code):
    """The language's name in the active language, as it reads inside a sentence."""
    if code in LANGUAGE_NAMES:
        return LANGUAGE_NAMES[code]
    try:
        return get_language_info(code)["name_translated"]
    except KeyError:
        return code
