"""What the documents plugin contributes to the admin and to the core (through Sen's hooks)."""

from collections import Counter

from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms import hooks as sen_hooks
from documents import queries, status
from documents.demo import load_demo_content
from documents.feeds import feed_urlpatterns
from documents.models import DocumentField, DocumentKind, IssuingBody, LegalDocumentPage
from documents.numbers import number_names

HOME_DOCUMENT_COUNT = 5


class DocumentKindViewSet(SnippetViewSet):
    model = DocumentKind
    icon = "tag"
    menu_label = _("Document kinds")
    list_display = ["name", "slug"]
    search_fields = ["name"]


class IssuingBodyViewSet(SnippetViewSet):
    model = IssuingBody
    icon = "group"
    menu_label = _("Issuing bodies")
    list_display = ["name", "short_name", "slug"]
    search_fields = ["name", "short_name"]


class DocumentFieldViewSet(SnippetViewSet):
    model = DocumentField
    icon = "folder-open-inverse"
    menu_label = _("Document fields")
    list_display = ["name", "slug"]
    search_fields = ["name"]


class DocumentsViewSetGroup(SnippetViewSetGroup):
    items = (DocumentKindViewSet, IssuingBodyViewSet, DocumentFieldViewSet)
    menu_icon = "doc-full"
    menu_label = _("Legal documents")
    menu_order = 320


register_snippet(DocumentsViewSetGroup)


@hooks.register(sen_hooks.HOME_SECTIONS)
def home_sections(request, page):
    locale = getattr(page, "locale", None)
    documents = queries.latest_documents(HOME_DOCUMENT_COUNT, locale)
    if not documents:
        return []
    return [
        sen_hooks.Block(
            template="documents/includes/latest_documents.html",
            context={"title": _("New documents"), "documents": documents, "index": queries.documents_index(locale)},
            order=60,
            title=_("New documents"),
        )
    ]


@hooks.register(sen_hooks.SEARCH_FACETS)
def search_facets():
    return [(capfirst(LegalDocumentPage._meta.verbose_name_plural), LegalDocumentPage)]


@hooks.register(sen_hooks.FEED_URLS)
def feed_urls():
    return feed_urlpatterns()


@hooks.register(sen_hooks.LINK_TARGETS)
def link_targets():
    """Each live, public document by its number, so that a text naming "1009/KH-PGDĐT" links to it.

    The names are the number as printed and as typed without diacritics ("1009/KH-PGDDT"). A
    number shared by two documents of one language links to neither (which one would it mean?),
    and a number without both digits and a symbol ("1009") is never a name.
    """
    documents = list(queries.document_listing())
    counts = Counter((document.locale_id, document.number_normalised) for document in documents)
    targets = []
    for document in documents:
        names = number_names(document.number)
        if not names or counts[(document.locale_id, document.number_normalised)] > 1:
            continue
        targets.append(
            sen_hooks.LinkTarget(
                names=names,
                page=document,
                kind="document",
                context={
                    "number": document.number,
                    "kind": document.kind.name,
                    "issuer": document.issuer.name,
                    "locale": document.locale.language_code,
                },
            )
        )
    return targets


@hooks.register(sen_hooks.DEMO_CONTENT)
def demo_content(context):
    load_demo_content(context)


@hooks.register(sen_hooks.PERIODIC_TASKS)
def refresh_statuses(now):
    """Documents come into force, expire and are replaced as days pass."""

    status.refresh_statuses(timezone.localdate(now) if timezone.is_aware(now) else now.date())


# Documents go through the two-level approval, like news (cms/workflows/roles.py).
import documents.roles  # noqa: E402, F401
