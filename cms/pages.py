"""What every Sen page type shares."""

import itertools

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from wagtail.models import Page, PageViewRestriction

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


def listable(queryset, within=None):
    """The pages of ``queryset`` a listing may show to visitors: live and not behind a restriction.

    Every listing (home sections, indexes, sidebars, related pages, links to other
    pages) goes through this, so a page with a login or password restriction is never
    announced by title, summary or link. See ``restricted_q`` for ``within``.
    """
    return queryset.live().exclude(restricted_q(within))


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
