"""The site search page: a query box, filters, highlighted results and pagination.

Every bad input (NUL bytes, a very long query, impossible dates, page=abc) ends in
a friendly message on the page, never in an error response.
"""

from django import forms
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from cms.text import parse_int

from .query import MAX_QUERY_LENGTH, SearchError, clean_query, get_facets, search_pages

MAX_PAGE = 999_999_999

PER_PAGE = 10
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search for"), required=False)
    type = forms.ChoiceField(
        label=_("Content type"),
        required=False,
        error_messages={"invalid_choice": _("Choose a content type from the list.")},
    )
    date_from = forms.DateField(
        label=_("From date"),
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        error_messages={"invalid": _("Enter the start date as dd/mm/yyyy, e.g. 07/12/2018.")},
    )
    date_to = forms.DateField(
        label=_("To date"),
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        error_messages={"invalid": _("Enter the end date as dd/mm/yyyy, e.g. 07/12/2018.")},
    )

    def __init__(self, *args, facets=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [("", _("All content"))] + [(key, label) for key, label, _m in facets]

    def clean_q(self):
        return clean_query(self.cleaned_data.get("q"))

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date is before the start date."))
        return cleaned


def _page_number(value):
    """The requested page number, or None when it is not a whole number from 1."""
    if value in (None, ""):
        return 1
    return parse_int(str(value).strip(), 1, MAX_PAGE)


def _strip_nul(data):
    data = data.copy()
    for key in list(data.keys()):
        data.setlist(key, [value.replace("\x00", "") for value in data.getlist(key)])
    return data


def search(request):
    """Search the live, public pages of the site in the active language."""
    facets = get_facets()
    data = _strip_nul(request.GET)
    form = SearchForm(data, facets=facets)
    context = {"form": form, "search_query": "", "results": None, "notices": [], "errors": []}

    if not form.is_valid():
        context["search_query"] = clean_query(data.get("q"))[:MAX_QUERY_LENGTH]
        context["errors"] = [error for errors in form.errors.values() for error in errors]
        # Wrong filters: keep the query in the box, explain, do not search.
        return TemplateResponse(request, "search/search.html", context)

    query = form.cleaned_data["q"]
    context["search_query"] = query[:MAX_QUERY_LENGTH]
    if not query:
        return TemplateResponse(request, "search/search.html", context)

    page = _page_number(data.get("page"))
    if page is None:
        context["notices"].append(_("That page number does not exist; here is the first page."))
        page = 1
    options = {
        "locale": Locale.get_active(),
        "content_types": [form.cleaned_data["type"]] if form.cleaned_data["type"] else None,
        "date_from": form.cleaned_data["date_from"],
        "date_to": form.cleaned_data["date_to"],
        "per_page": PER_PAGE,
        "request": request,
    }
    try:
        results = search_pages(query, page=page, **options)
        if results.total and not results.items:
            context["notices"].append(_("That page number does not exist; here is the first page."))
            results = search_pages(query, page=1, **options)
    except SearchError as error:
        context["errors"] = [error.message]
        return TemplateResponse(request, "search/search.html", context)

    if not results.terms:
        context["notices"].append(_("Type letters or numbers to search for."))
    context["results"] = results
    context["page_range"] = _page_range(results.page, results.num_pages)
    return TemplateResponse(request, "search/search.html", context)


def _page_range(current, last, around=2):
    """Page numbers to link, with None where numbers are left out: 1 … 4 5 6 … 20."""
    numbers = sorted({1, last, *range(max(1, current - around), min(last, current + around) + 1)})
    pages = []
    previous = 0
    for number in numbers:
        if number - previous > 1:
            pages.append(None)
        pages.append(number)
        previous = number
    return pages
