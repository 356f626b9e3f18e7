"""The site's languages as a request sees them: the request's content language, the home page in each
language, a page's public translations. Core helpers: the templates' chrome and the i18n app both use them.

"Public" is ``cms.pages.listable``: live, not expired, no view restriction on the page or an ancestor, so the
language switcher and the hreflang alternates never point to a page a visitor cannot open."""

from django.conf import settings
from django.utils import translation
from django.utils.translation.trans_real import parse_accept_lang_header
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, Site

from cms import chrome
from cms.pages import listable


def request_language(request=None):
    """The content language of the request ("vi" or "en")."""
    return get_supported_content_language_variant(translation.get_language())


def negotiated_language(request):
    """The language an answer negotiated by header is in (the APIs): the first of ``Accept-Language`` the site
    has, else the default (vi). The API middleware answers in it and the page cache keys stored answers by it."""
    for code, _quality in parse_accept_lang_header(request.META.get("HTTP_ACCEPT_LANGUAGE", "")[:255]):
        if code == "*":
            continue
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            continue
    return settings.LANGUAGE_CODE


def language_homes(request):
    """The public versions of the request's site home page, by language code.

    Kept in the chrome cache (``cms.chrome``), else one query per request, shared by the menu,
    the home link, the language switcher and the check that a page is served under its own language.
    """
    cache_attr = "_sen_language_homes"
    if not hasattr(request, cache_attr):
        site = Site.find_for_request(request)

        def build():
            homes = {}
            if site is not None:
                roots = Page.objects.filter(pk=site.root_page_id).values("translation_key")
                for home in listable(Page.objects.filter(translation_key__in=roots)).select_related("locale"):
                    homes[home.locale.language_code] = home
            return homes

        homes = chrome.cached("language-homes", [site.pk if site else ""], build, request) if site else {}
        setattr(request, cache_attr, homes)
    return getattr(request, cache_attr)


def live_translations(page):
    """The public versions of ``page`` in every language (itself included when public), by language code.

    Shared by the hreflang alternates and the language switcher, and kept in the chrome cache (``cms.chrome``:
    a translation published, unpublished or moved is a content change); else one query per page instance.
    """
    cache_attr = "_sen_live_translations"
    if not hasattr(page, cache_attr):

        def build():
            translations = (
                listable(Page.objects.filter(translation_key=page.translation_key))
                .select_related("locale")
                .order_by("locale_id")
            )
            return {item.locale.language_code: item for item in translations}

        if page.translation_key is None:
            found = build()
        else:
            found = chrome.cached("live-translations", [page.translation_key], build)
        setattr(page, cache_attr, found)
    return getattr(page, cache_attr)
