"""The documents index ("Văn bản"): the list of documents, which visitors filter and sort."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cms import paginator
from cms.content import SenIndexPage, intro_field
from cms.text import parse_int
from documents.models.pages import Status
from documents.models.taxonomy import DocumentField, DocumentKind, IssuingBody

# The sort order is the visitor's choice, so pages are read with OFFSET (cms.paginator: a cached count; the
# first page for a malformed number, the last past the end): document lists are short.
PER_PAGE = 20

SORTS = {
    "-date": (_("Newest first"), ("-date_issued", "-pk")),
    "date": (_("Oldest first"), ("date_issued", "pk")),
    "number": (_("By number"), ("number_sort", "pk")),
    "title": (_("By title"), ("title_sort", "pk")),
}
DEFAULT_SORT = "-date"


class DocumentIndexPage(SenIndexPage):
    """The list of documents, which visitors filter by kind, issuer, field, year and status."""

    intro = intro_field(_("A short text shown above the list of documents."))

    subpage_types = ["documents.LegalDocumentPage"]
    listing_name = "documents"
    per_page = PER_PAGE

    class Meta:
        verbose_name = _("documents index page")
        verbose_name_plural = _("documents index pages")

    def listing_context(self, request):
        return DocumentFilter(self, request).context()


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
        documents = self.index.get_listing()
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
            set(self.index.get_listing().order_by().values_list("issued_year", flat=True)),
            reverse=True,
        )
        query = self.params.copy() if hasattr(self.params, "copy") else {}
        query.pop("page", None)
        return {
            "documents": paginator.paginate(self.request, documents, PER_PAGE),
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
