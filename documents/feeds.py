"""RSS and Atom feeds of new documents (/feeds/documents/rss/, /feeds/documents/atom/)."""

import datetime

from django.contrib.syndication.views import Feed
from django.urls import path
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from cms.content import active_locale
from documents.models import LegalDocumentPage
from documents.queries import document_listing, documents_index

FEED_LENGTH = 30


class DocumentsRssFeed(Feed):
    """The newest published documents of the active language."""

    def get_object(self, request, *args, **kwargs):
        return documents_index()

    def title(self, index):
        return index.title if index is not None else _("Legal documents")

    def link(self, index):
        return index.url if index is not None else "/"

    def description(self, index):
        return _("New legal and administrative documents")

    def items(self, index):
        locale = active_locale()
        queryset = LegalDocumentPage.objects.filter(locale=locale) if locale else None
        return list(document_listing(queryset).order_by("-first_published_at", "-pk")[:FEED_LENGTH])

    def item_title(self, item):
        return f"{item.kind.name} {item.number}: {item.title}"

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        if item.first_published_at:
            return item.first_published_at
        return timezone.make_aware(datetime.datetime.combine(item.date_issued, datetime.time()))

    def item_categories(self, item):
        return [item.kind.name, *([item.field.name] if item.field else [])]

    def item_author_name(self, item):
        return item.issuer.name


class DocumentsAtomFeed(DocumentsRssFeed):
    feed_type = Atom1Feed
    subtitle = DocumentsRssFeed.description


def feed_urlpatterns():
    return [
        path("documents/rss/", DocumentsRssFeed(), name="sen_feed_documents_rss"),
        path("documents/atom/", DocumentsAtomFeed(), name="sen_feed_documents_atom"),
    ]
