"""The listing of centres, filterable by province and commune and searchable without accents."""

from django.core.paginator import EmptyPage, Paginator
from django.db.models import Case, Q, Value, When
from django.utils.translation import gettext_lazy as _

from centers.models.center import CenterPage
from centers.models.units import AdministrativeUnit
from cms.content import SenIndexPage, intro_field
from cms.text import fold, parse_int

PAGE_SIZE = 20


def _int_param(request, name):
    """A positive integer GET parameter, or None for anything else."""
    return parse_int(request.GET.get(name, ""), minimum=1)


class CenterIndexPage(SenIndexPage):
    """Lists the centres under it, in Vietnamese alphabetical order."""

    intro = intro_field(_("A few words shown above the list of centres."))

    subpage_types = ["centers.CenterPage"]

    class Meta:
        verbose_name = _("learning centre index")
        verbose_name_plural = _("learning centre indexes")

    def centers(self):
        """The public live centres under this page, with their location, in Vietnamese order."""
        return CenterPage.listing(CenterPage.objects.child_of(self), within=self)

    def filter_centers(self, request):
        centers = self.centers()
        filters = {"province": _int_param(request, "province"), "commune": _int_param(request, "commune")}
        if filters["province"]:
            centers = centers.filter(province_id=filters["province"])
        if filters["commune"]:
            centers = centers.filter(commune_id=filters["commune"])
        query = request.GET.get("q", "")[:200].strip()
        folded = fold(query)
        if folded:
            # A place's former names match too; centres named by the query come first.
            centers = (
                centers.filter(Q(name_folded__contains=folded) | Q(commune__search_folded__contains=folded))
                .annotate(name_match=Case(When(name_folded__contains=folded, then=Value(0)), default=Value(1)))
                .order_by("name_match", "name_sort", "pk")
            )
        return centers, filters, query

    def listing_context(self, request):
        centers, filters, query = self.filter_centers(request)
        paginator = Paginator(centers, PAGE_SIZE)
        try:
            page_of_centers = paginator.page(_int_param(request, "page") or 1)
        except EmptyPage:
            page_of_centers = paginator.page(1)
        all_centers = self.centers()
        return {
            "centers": page_of_centers,
            "query": query,
            "selected": filters,
            "provinces": AdministrativeUnit.objects.filter(province_centers__in=all_centers.values("pk"))
            .distinct()
            .order_by("name_sort"),
            "communes": AdministrativeUnit.objects.filter(commune_centers__in=all_centers.values("pk"))
            .select_related("parent")
            .distinct()
            .order_by("name_sort"),
        }
