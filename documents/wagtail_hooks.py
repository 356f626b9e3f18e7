"""What the documents plugin contributes to the admin and to the core (through Sen's hooks)."""

from collections import Counter

from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.sidebar import LinkMenuItem
from wagtail.models import Locale
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms import hooks as sen_hooks
from cms.workflows.adding import add_page_url, addable_page_types
from documents import queries, status
from documents.demo import load_demo_content
from documents.feeds import feed_urlpatterns
from documents.models import DocumentField, DocumentIndexPage, DocumentKind, IssuingBody, LegalDocumentPage
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


DOCUMENTS_MENU_HOOK = "register_sen_documents_menu_item"


class DocumentsViewSetGroup(SnippetViewSetGroup):
    """The "Văn bản" menu: the documents themselves (all of them, add one), then their kinds, issuers, fields."""

    items = (DocumentKindViewSet, IssuingBodyViewSet, DocumentFieldViewSet)
    menu_icon = "doc-full"
    menu_label = _("Legal documents")
    menu_order = 320
    submenu_hook = DOCUMENTS_MENU_HOOK


register_snippet(DocumentsViewSetGroup)


def editable_documents_index(user):
    """The first document listing (in the default language) that ``user`` may open in the admin, or None."""
    indexes = DocumentIndexPage.objects.filter(locale=Locale.get_default()).order_by("path")
    explorable = PagePermissionPolicy().explorable_instances(user)
    return indexes.filter(pk__in=explorable.values("pk")).first()


class DocumentsMenuItem(MenuItem):
    """A link to the documents' listing ("Tất cả văn bản") or to a new document's form ("Thêm văn bản"),
    shown to those who may open, or add to, the listing. Its address is the listing's, found per request."""

    def __init__(self, adds, **kwargs):
        self.adds = adds
        super().__init__(**kwargs)

    def url_for(self, request):
        index = editable_documents_index(request.user)
        if index is None:
            return None
        if not self.adds:
            return reverse("wagtailadmin_explore", args=[index.pk])
        if LegalDocumentPage not in addable_page_types(index, request.user):
            return None
        return add_page_url(LegalDocumentPage, index)

    def is_shown(self, request):
        return self.url_for(request) is not None

    def render_component(self, request):
        attrs = {**self.attrs, "data-sen-documents-menu": "add" if self.adds else "list"}
        return LinkMenuItem(self.name, self.label, self.url_for(request), icon_name=self.icon_name, attrs=attrs)


@hooks.register(DOCUMENTS_MENU_HOOK)
def all_documents_menu_item():
    return DocumentsMenuItem(
        False, label=_("All documents"), url="", name="sen-documents", icon_name="list-ul", order=-2
    )


@hooks.register(DOCUMENTS_MENU_HOOK)
def add_document_menu_item():
    return DocumentsMenuItem(
        True, label=LegalDocumentPage.add_label, url="", name="sen-add-document", icon_name="plus", order=-1
    )


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
