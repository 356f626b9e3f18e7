"""What every Sen page type shares."""

import contextlib
import contextvars
import itertools

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from django.utils import timezone, translation
from django.utils.html import escape
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.documents.rich_text import DocumentLinkHandler
from wagtail.models import Page, PageViewRestriction
from wagtail.rich_text import LinkHandler

from cms import chrome
from cms.text import slugify_vi


def restricted_q(within=None):
    """Matches pages under a view restriction (login, password or groups), in the same query.

    Restrictions on ``within`` and its ancestors do not count: whoever reads that page
    has passed them, so a restricted section still lists its own pages to them.
    """
    restrictions = PageViewRestriction.objects.filter(page__path=Substr(OuterRef("path"), 1, Length("page__path")))
    if within is not None:
        steplen = Page.steplen
        ancestors = [within.path[:end] for end in range(steplen, len(within.path) + 1, steplen)]
        restrictions = restrictions.exclude(page__path__in=ancestors)
    return Exists(restrictions)


def unexpired_q(when=None):
    """Matches pages not past their expiry time (``expire_at``), whether or not the worker has unpublished them yet."""
    return Q(expire_at__isnull=True) | Q(expire_at__gt=when or timezone.now())


def public_q(within=None, when=None):
    """Matches the pages any visitor may open: live, not expired, not behind a view restriction on them or
    an ancestor (see ``restricted_q`` for ``within``). The one rule for everything that points to a page."""
    return Q(live=True) & unexpired_q(when) & ~Q(restricted_q(within))


def listable(queryset, within=None):
    """The pages of ``queryset`` a listing may show to visitors: ``public_q``.

    Every listing (home sections, indexes, sidebars, related pages, links to other pages,
    the language switcher and hreflang, the sitemap, feeds, mentions) goes through this, so a page
    with a login or password restriction, or past its expiry, is never announced by title, summary or link.
    """
    return queryset.filter(public_q(within))


def is_expired(page, when=None):
    """Whether ``page`` is past its expiry time (the worker unpublishes it on its next round)."""
    expire_at = getattr(page, "expire_at", None)
    return expire_at is not None and expire_at <= (when or timezone.now())


def _active_language_code():
    """The language code of ``Locale.get_active()``, without its query: the active language's content
    language, else the default one (a content language with no Locale row finds no translation)."""
    try:
        return get_supported_content_language_variant(translation.get_language())
    except LookupError:
        try:
            return get_supported_content_language_variant(settings.LANGUAGE_CODE)
        except LookupError:
            return None


class VisiblePageLinkHandler(LinkHandler):
    """Rich-text links to pages (Wagtail's ``PageLinkHandler``, registered in its place by
    ``cms.wagtail_hooks``), in the active language's translation when there is a public one. A link to a
    page visitors cannot open (unpublished, expired, restricted, deleted) is plain text: ``<a>``, no address.

    One query for the pages, one for their translations, for any number of links.
    """

    identifier = "page"

    @staticmethod
    def get_model():
        return Page

    @classmethod
    def extract_references(cls, attrs):
        yield Page, attrs["id"], "", ""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        ids = [str(attrs.get("id")) for attrs in attrs_list]
        pages = listable(Page.objects.filter(pk__in=[i for i in ids if i.isdigit()])).select_related("locale")
        pages = list(pages.defer_streamfields())
        active = _active_language_code()
        elsewhere = {page.translation_key for page in pages if active and page.locale.language_code != active}
        # One query: an address needs the page's path, not its own fields (specific_deferred loads them if read).
        visible = {str(page.pk): page.specific_deferred for page in pages}
        translations = {}
        if elsewhere:
            found = listable(Page.objects.filter(translation_key__in=elsewhere, locale__language_code=active))
            translations = {page.translation_key: page for page in found}
        tags = []
        for page_id in ids:
            page = visible.get(page_id)
            if page is None:
                tags.append("<a>")
                continue
            target = translations.get(page.translation_key, page)
            tags.append('<a href="%s">' % escape(target.url))
        return tags


_loaded = contextvars.ContextVar("sen_api_loaded_objects", default=None)


@contextlib.contextmanager
def objects_loaded(loaded):
    """While expanding rich text, link handlers read the objects already loaded (model -> {id: object})."""
    token = _loaded.set(loaded)
    try:
        yield
    finally:
        _loaded.reset(token)


class LoadedDocumentLinkHandler(DocumentLinkHandler):
    """Wagtail's rich-text document links, without a query when the API has loaded every linked document with
    the documents its blocks choose (``cms.api.prefetch``, through ``objects_loaded``); registered in place of
    Wagtail's (cms.wagtail_hooks)."""

    @classmethod
    def get_many(cls, attrs_list):
        loaded = (_loaded.get() or {}).get(cls.get_model())
        if loaded is not None:
            by_str_id = {str(pk): obj for pk, obj in loaded.items()}
            ids = [str(attrs.get("id")) for attrs in attrs_list]
            if all(pk in by_str_id for pk in ids):
                return [by_str_id[pk] for pk in ids]
        return super().get_many(attrs_list)


class SenPageMixin:
    """Gives pages created from code, imports or translations an ASCII, Vietnamese-aware slug,
    and publishes them in one transaction.

    Wagtail derives a missing slug with Django's ``slugify``, which drops "đ"
    ("cộng đồng" -> "cong-ong"); derive it with ``slugify_vi`` first instead.
    """

    def get_view_restrictions(self):
        """Wagtail's check before serving a page: no query at all while the site has no view restriction
        (the answer is kept in the chrome cache, cms/chrome.py, and a restriction saved or deleted retires it)."""
        if not chrome.cached("any-view-restriction", [], PageViewRestriction.objects.exists):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    # Wagtail fills a missing slug (and the locale, draft title) in full_clean() and minimal_clean(),
    # which save() calls before writing: set the Vietnamese-aware slug first, and Wagtail keeps it.

    def full_clean(self, *args, **kwargs):
        self.set_vietnamese_slug()
        super().full_clean(*args, **kwargs)

    def minimal_clean(self):
        self.set_vietnamese_slug()
        super().minimal_clean()

    def set_vietnamese_slug(self):
        if self.slug and not self.slug.isascii():
            # A slug set from code or a translation tool in Vietnamese ("cộng-đồng"): keep
            # its letters (Wagtail's validation would reject it, Django's slugify drop "đ").
            self.slug = slugify_vi(self.slug, max_length=255) or self.slug
        if self.slug or not self.title or not self.path:
            # Without a path (not added to the tree yet) the siblings are unknown: save() comes back here.
            return
        base_slug = slugify_vi(self.title, max_length=200)
        parent = self.get_parent()
        if base_slug and parent is not None:
            siblings = parent.get_children().values_list("slug", flat=True)
            taken = set((siblings.exclude(pk=self.pk) if self.pk else siblings).filter(slug__startswith=base_slug))
            self.slug = next(
                candidate
                for candidate in (base_slug if n == 1 else f"{base_slug}-{n}" for n in itertools.count(1))
                if candidate not in taken
            )

    def publish(self, *args, **kwargs):
        # Wagtail's publish action saves the page, then sends page_published (webhooks, search,
        # caches…) outside any transaction: if a step fails, the live page must stay as it was.
        with transaction.atomic():
            return super().publish(*args, **kwargs)
