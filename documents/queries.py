"""The querysets the pages, hooks, feeds and API share: listings in a fixed number of queries."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from cms import paginator
from cms.pages import listable
from cms.text import parse_int
from documents.models import (
    DocumentField,
    DocumentIndexPage,
    DocumentKind,
    IssuingBody,
    LegalDocumentLink,
    LegalDocumentPage,
    Relation,
    Status,
)
from documents.models.pages import REVERSE_LABELS

PER_PAGE = 20

SORTS = {
    "-date": (_("Newest first"), ("-date_issued", "-pk")),
    "date": (_("Oldest first"), ("date_issued", "pk")),
    "number": (_("By number"), ("number_sort", "pk")),
    "title": (_("By title"), ("title_sort", "pk")),
}
DEFAULT_SORT = "-date"


def document_listing(queryset=None):
    """Live, public documents, newest first, with kind, issuer and field fetched in the same query."""
    queryset = LegalDocumentPage.objects.all() if queryset is None else queryset
    return listable(queryset).select_related("kind", "issuer", "field", "locale").order_by("-date_issued", "-pk")


def _active_locale(locale):
    if locale is not None:
        return locale
    try:
        return Locale.get_active()
    except Locale.DoesNotExist:
        return None


def latest_documents(limit=5, locale=None):
    locale = _active_locale(locale)
    queryset = LegalDocumentPage.objects.filter(locale=locale) if locale else None
    return list(document_listing(queryset)[:limit])


def documents_index(locale=None):
    locale = _active_locale(locale)
    queryset = listable(DocumentIndexPage.objects.all())
    return (queryset.filter(locale=locale) if locale else queryset).order_by("path").first()


def related_documents(page):
    """Documents this one replaces or amends, and those that replace or amend it (live, public only).

    A list of (label, [documents]) in a fixed number of queries.
    """
    visible = document_listing(LegalDocumentPage.objects.filter(locale_id=page.locale_id))
    outgoing = [link for link in page.links.all() if link.target_id]
    incoming = list(LegalDocumentLink.objects.filter(target_id=page.pk).values_list("relation", "page_id"))
    ids = {link.target_id for link in outgoing} | {page_id for _relation, page_id in incoming}
    by_id = {doc.pk: doc for doc in visible.filter(pk__in=ids)} if ids else {}
    groups = []
    for relation in Relation:
        forward = [by_id[link.target_id] for link in outgoing if link.relation == relation and link.target_id in by_id]
        if forward:
            groups.append((relation.label, forward))
    for relation in Relation:
        backward = [by_id[pk] for rel, pk in incoming if rel == relation and pk in by_id]
        if backward:
            groups.append((REVERSE_LABELS[relation], backward))
    return groups


def paginate(request, queryset, per_page=PER_PAGE):
    """The requested page (cms.paginator: a cached count; the first page for a malformed number, the last past
    the end). The sort order is the visitor's choice, so pages are read with OFFSET: document lists are short."""
    return paginator.paginate(request, queryset, per_page)


class DocumentFilter:
    """The filters (kind, issuer, field, year, status) and sort order of a documents index.

    Unknown values never fail: the list is empty and a message says which value is unknown.
    """

    def __init__(self, index, request):
        self.index = index
        self.request = request
        self.params = request.GET if request is not None else {}
        self.messages = []

    def _choice(self, name, queryset):
        slug = (self.params.get(name) or "").strip()[:100]
        if not slug:
            return None, ""
        found = next((item for item in queryset if item.slug == slug), None)
        if found is None:
            self.messages.append(gettext("Nothing matches “%(value)s”.") % {"value": slug})
        return found, slug

    def context(self):
        locale_id = self.index.locale_id
        kinds = list(DocumentKind.objects.filter(locale_id=locale_id))
        fields = list(DocumentField.objects.filter(locale_id=locale_id))
        issuers = list(IssuingBody.objects.all())
        documents = document_listing(LegalDocumentPage.objects.child_of(self.index))
        kind, kind_slug = self._choice("kind", kinds)
        issuer, issuer_slug = self._choice("issuer", issuers)
        field, field_slug = self._choice("field", fields)
        empty = False
        for value, slug, lookup in (
            (kind, kind_slug, "kind"),
            (issuer, issuer_slug, "issuer"),
            (field, field_slug, "field"),
        ):
            if value is not None:
                documents = documents.filter(**{lookup: value})
            elif slug:
                empty = True
        year = (self.params.get("year") or "").strip()
        if year:
            number = parse_int(year, 1900, 2999)
            if number is not None:
                documents = documents.filter(issued_year=number)
            else:
                empty = True
                self.messages.append(gettext("Give the year in four digits, e.g. 2016."))
        status = (self.params.get("status") or "").strip()
        if status:
            if status in Status.values:
                documents = documents.filter(status=status)
            else:
                empty = True
                self.messages.append(gettext("Nothing matches “%(value)s”.") % {"value": status[:100]})
        sort = self.params.get("sort") or DEFAULT_SORT
        if sort not in SORTS:
            sort = DEFAULT_SORT
        documents = documents.order_by(*SORTS[sort][1])
        if empty:
            documents = documents.none()
        years = sorted(
            set(
                document_listing(LegalDocumentPage.objects.child_of(self.index))
                .order_by()
                .values_list("issued_year", flat=True)
            ),
            reverse=True,
        )
        query = self.params.copy() if hasattr(self.params, "copy") else {}
        query.pop("page", None)
        return {
            "documents": paginate(self.request, documents),
            "kinds": kinds,
            "issuers": issuers,
            "fields": fields,
            "years": years,
            "statuses": Status.choices,
            "sorts": [(key, label) for key, (label, _order) in SORTS.items()],
            "selected": {
                "kind": kind_slug,
                "issuer": issuer_slug,
                "field": field_slug,
                "year": year[:4],
                "status": status[:20],
                "sort": sort,
            },
            "filter_messages": self.messages,
            "query_without_page": query.urlencode() if hasattr(query, "urlencode") else "",
        }
