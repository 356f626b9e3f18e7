"""Sen's endpoints of Wagtail's API v2: pages, images and documents."""

from django.conf import settings
from django.db.models import Q, QuerySet, Subquery, prefetch_related_objects
from django.db.models.functions import Length, Substr
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from wagtail.api import APIField
from wagtail.api.v2.filters import (
    AncestorOfFilter,
    ChildOfFilter,
    DescendantOfFilter,
    SearchFilter,
    TranslationOfFilter,
)
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.utils import BadRequestError, get_object_detail_url
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Locale, Page, Site

from cms import chrome
from cms.absolute import absolutize_data
from cms.api.fields import (
    AbsoluteDetailUrlField,
    DocumentDownloadUrlField,
    FallbackField,
    ImageAltField,
    ImageDownloadUrlField,
    ImageRenditionsField,
    RequestedLocaleField,
    TranslationsField,
)
from cms.api.filters import (
    DateOrderingFilter,
    DeclaredAwareFieldsFilter,
    LocaleFilter,
    ModelFilter,
    model_filter_names,
    parse_locale,
)
from cms.api.prefetch import prefetch_for_api
from cms.api.problems import ApiProblem, from_exception, from_wagtail_message, unknown_parameters
from cms.api.serializers import SenPageSerializer
from cms.pages import unexpired_q
from cms.text import MAX_BIGINT, parse_int

MAX_ID = MAX_BIGINT


def parse_id(value, name, maximum=MAX_ID):
    """A non-negative integer in ASCII digits ("²" and "３" are not), or a 400 that names the parameter."""
    number = parse_int(value, 0, maximum)
    if number is None:
        raise ApiProblem(400, "invalid_parameter", _("%(name)s must be a positive integer") % {"name": name}, name)
    return number


class ProblemMixin:
    """Errors as problems (``cms.api.problems``), Wagtail's English messages translated; unknown
    parameters refused on detail and find views too, as on listings."""

    detail_query_parameters = frozenset(["fields", "rich_text_format", "format", "_"])
    SEARCH_OPERATORS = ("and", "or")

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # The search backend raises ValueError on any other operator (a 500 through Wagtail's SearchFilter).
        operator = request.GET.get("search_operator")
        if operator is not None and operator not in self.SEARCH_OPERATORS:
            message = _("%(name)s must be one of: %(expected)s")
            expected = ", ".join(self.SEARCH_OPERATORS)
            raise ApiProblem(
                400,
                "invalid_parameter",
                message % {"name": "search_operator", "expected": expected},
                "search_operator",
            )

    def handle_exception(self, exc):
        if isinstance(exc, ApiProblem):
            return from_exception(exc)
        if isinstance(exc, Http404):
            return from_wagtail_message(str(exc), 404)
        if isinstance(exc, BadRequestError):
            return from_wagtail_message(str(exc), 400)
        return super().handle_exception(exc)

    def finalize_response(self, request, response, *args, **kwargs):
        """Every URL in the answer absolute (rich-text links, media, block URLs): a consumer on another domain
        shows them as they are."""
        data = getattr(response, "data", None)
        if data is not None and 200 <= response.status_code < 300:
            response.data = absolutize_data(data, request)
        return super().finalize_response(request, response, *args, **kwargs)

    def check_detail_parameters(self, allowed):
        unknown = set(self.request.GET) - set(allowed)
        if unknown:
            raise unknown_parameters(unknown)

    def detail_view(self, request, pk):
        self.check_detail_parameters(self.detail_query_parameters)
        return super().detail_view(request, pk)

    def find_view(self, request):
        """Redirect to the object's detail, relative to the request: it works through any host."""
        self.check_detail_parameters(self.detail_query_parameters | self.find_query_parameters)
        obj = self.find_object(self.get_queryset(), request)
        if obj is None:
            raise Http404(_("Not found."))
        path = request.wagtailapi_router.get_object_detail_urlpath(self.model, obj.pk)
        query = request.GET.copy()
        for param in self.find_query_parameters:
            query.pop(param, None)
        return redirect(f"{path}?{query.urlencode()}" if query else path)


def _absolute_meta(meta_fields, **overrides):
    """Wagtail's meta fields with URL fields that are absolute from the request's host."""
    overrides.setdefault("detail_url", AbsoluteDetailUrlField(read_only=True))
    return [
        APIField(field, serializer=overrides[field]) if isinstance(field, str) and field in overrides else field
        for field in meta_fields
    ]


class BoundedPagination(WagtailPagination):
    """Wagtail's limit/offset pagination, with an offset no database chokes on."""

    MAX_OFFSET = 10**9

    def paginate_queryset(self, queryset, request, view=None):
        # Wagtail's int() takes "３" and fails on "²": both are refused here, with the parameter's name.
        if "limit" in request.GET:
            parse_id(request.GET["limit"], "limit")
        if parse_id(request.GET.get("offset", "0"), "offset") > self.MAX_OFFSET:
            raise ApiProblem(
                400,
                "invalid_parameter",
                _("offset cannot be higher than %(max)d") % {"max": self.MAX_OFFSET},
                "offset",
            )
        # Wagtail's own checks (limit over the maximum, …) with a count that never runs: the count below is the
        # one kept per content generation.
        page = super().paginate_queryset(_Uncounted(queryset), request, view)
        self.total_count = counted(queryset, request)
        return page


class _Uncounted:
    """A queryset whose ``count()`` Wagtail's pagination does not run (``BoundedPagination`` counts it)."""

    def __init__(self, queryset):
        self.queryset = queryset

    def count(self):
        return None

    def __getitem__(self, item):
        return self.queryset[item]


# Parameters that change neither which items match nor how many: a count is shared across them.
_COUNT_INDEPENDENT = frozenset({"limit", "offset", "fields", "order", "format", "_", "rich_text_format"})


def counted(queryset, request):
    """``queryset.count()``, kept in the chrome cache for the content generation (``cms.chrome``, as the site's
    paginator keeps its counts): paging, ordering or choosing fields again costs no ``COUNT(*)`` (86 ms of 153 at
    100,000 news). A content change starts a new generation; with the cache unreachable, the database counts."""
    params = sorted((name, values) for name, values in request.GET.lists() if name not in _COUNT_INDEPENDENT)
    return chrome.cached("api-count", [request.get_host(), request.path_info, params], queryset.count, request)


class FindByIdMixin:
    """``find/?id=`` with the id checked: Wagtail passes it to the database as it comes ("xx", "²": a 500)."""

    pagination_class = BoundedPagination

    def find_object(self, queryset, request):
        if "id" in request.GET:
            return queryset.filter(id=parse_id(request.GET["id"], "id")).first()
        return super().find_object(queryset, request)


class PrefetchingListingMixin(FindByIdMixin):
    """Serialises a listing page after loading, in bulk, what its fields read."""

    def listing_view(self, request):
        queryset = self.get_queryset()
        self.check_query_parameters(queryset)
        queryset = self.filter_queryset(queryset)
        objects = list(self.paginate_queryset(queryset))
        serializer_class = self.get_serializer_class()
        self.prefetch_listing(objects, list(serializer_class.Meta.fields))
        serializer = serializer_class(objects, many=True, context=self.get_serializer_context())
        response = self.get_paginated_response(serializer.data)
        self.add_listing_meta(request, queryset, response.data["meta"])
        return response

    def add_listing_meta(self, request, queryset, meta):
        """What a listing's ``meta`` says beyond Wagtail's ``total_count`` (none here)."""

    def prefetch_listing(self, objects, field_names):
        prefetch_for_api(objects, field_names, expand_rich_text=self.resolve_rich_text_format() == "html")


class SenPagesAPIViewSet(ProblemMixin, PrefetchingListingMixin, PagesAPIViewSet):
    """Public, live pages with display-ready fields, locales, translations and fallback."""

    base_serializer_class = SenPageSerializer
    filter_backends = [
        DeclaredAwareFieldsFilter,
        ChildOfFilter,
        AncestorOfFilter,
        DescendantOfFilter,
        ModelFilter,
        DateOrderingFilter,
        TranslationOfFilter,
        LocaleFilter,
        SearchFilter,  # last: search results cannot be filtered further
    ]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(["fallback"])
    detail_query_parameters = ProblemMixin.detail_query_parameters | {"locale", "fallback"}

    def add_listing_meta(self, request, queryset, meta):
        """``meta.locales``: the languages of the pages matching (all pages of the listing), so that a listing
        without ``locale=``, which holds every language, says which it mixes. One EXISTS query per site language
        (a search is answered for the same filters without the search)."""
        if not isinstance(queryset, QuerySet):
            queryset = self.get_queryset()
            for backend in self.filter_backends:
                if backend is not SearchFilter:
                    queryset = backend().filter_queryset(request, queryset, self)
        locales = sorted(Locale.objects.values_list("pk", "language_code"), key=lambda item: item[1])
        meta["locales"] = [code for pk, code in locales if queryset.filter(locale_id=pk).exists()]

    meta_fields = _absolute_meta(PagesAPIViewSet.meta_fields) + [
        APIField("translations", serializer=TranslationsField(read_only=True)),
        APIField("fallback", serializer=FallbackField(read_only=True)),
        APIField("requested_locale", serializer=RequestedLocaleField(read_only=True)),
    ]
    listing_default_fields = PagesAPIViewSet.listing_default_fields + [
        "translations",
        "fallback",
        "requested_locale",
    ]

    requested_locale = None
    fallback_locale = None
    known_parents = {}  # page id -> its parent when listed, else None (read with the page, for ``parent``)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self._base_queryset = None
        self._translations = {}
        if "locale" in request.GET:
            self.requested_locale = parse_locale(request.GET["locale"])
        if "fallback" in request.GET:
            if self.requested_locale is None:
                raise ApiProblem(
                    400,
                    "conflicting_parameters",
                    _("fallback needs a locale, e.g. ?locale=en&fallback=vi"),
                    "fallback",
                )
            self.fallback_locale = parse_locale(request.GET["fallback"], "fallback")
        for name in ("child_of", "ancestor_of", "descendant_of", "translation_of"):
            value = request.GET.get(name)
            if value is not None and value != "root":
                parse_id(value, name)

    def get_base_queryset(self):
        # Computed once per request: it reads the view restrictions and the site's locales.
        if getattr(self, "_base_queryset", None) is None:
            # Not past its expiry time either (cms.pages), though the worker has not unpublished it yet.
            self._base_queryset = super().get_base_queryset().filter(unexpired_q())
        return self._base_queryset

    def check_query_parameters(self, queryset):
        """Wagtail's check, also accepting the filters page models declare in ``api_filters``."""
        allowed = set(self.get_available_fields(queryset.model, db_fields_only=True))
        allowed |= self.known_query_parameters | model_filter_names()
        unknown = set(self.request.GET) - allowed
        if unknown:
            raise unknown_parameters(unknown)

    # Translations -------------------------------------------------------------------

    def load_translations(self, pages):
        keys = {page.translation_key for page in pages} - set(self._translations)
        if not keys:
            return
        for key in keys:
            self._translations[key] = []
        translations = (
            self.get_base_queryset()
            .filter(translation_key__in=keys)
            .select_related("locale")
            .order_by("locale__language_code", "pk")
        )
        for page in translations:
            self._translations[page.translation_key].append(self._translation_entry(page))

    def _translation_entry(self, page):
        return {
            "locale": page.locale.language_code,
            "id": page.pk,
            "title": page.title,
            "html_url": page.get_full_url(self.request),
            "api_url": get_object_detail_url(self.request.wagtailapi_router, self.request, Page, page.pk),
        }

    def translations_of(self, page):
        if page.translation_key not in self._translations:
            self.load_translations([page])
        return [entry for entry in self._translations[page.translation_key] if entry["id"] != page.pk]

    def prefetch_listing(self, objects, field_names):
        super().prefetch_listing(objects, field_names)
        if "translations" in field_names:
            self.load_translations(objects)

    # Detail and find -------------------------------------------------------------------

    @classmethod
    def for_draft(cls, request, page):
        """A detail view of ``page`` as given (an unsaved draft, e.g. ``revision.as_object()``),
        so that a draft preview is serialized exactly as the published page will be."""
        view = cls(action_map={"get": "detail_view"}, args=(), kwargs={"pk": page.pk}, format_kwarg=None)
        view.request = view.initialize_request(request)
        view._base_queryset = None
        view._translations = {}
        view.known_parents = {}
        view._cached_object = page
        return view

    def get_object(self):
        # Listing filters (locale, dates…) do not apply to a detail: ?locale= picks a translation.
        if not hasattr(self, "_cached_object"):
            page = self._page_with_relatives(self.kwargs["pk"])
            if page is None:  # not listed (Wagtail's 404)
                page = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"]).specific
            self._cached_object = page
        return self._cached_object

    def _page_with_relatives(self, pk):
        """The listed page ``pk`` (specific, with its locale), or None; its listed translations (for the
        ``translations`` field and ``?locale=``) and parent (``parent``) come with it: the base page, its
        translations and its parent in one query, the specific page in a second."""
        base = self.get_base_queryset()
        if self.get_queryset() is not base:
            return None
        the_page = Page.objects.filter(pk=pk)
        key = Subquery(the_page.values("translation_key")[:1])
        parent_path = Subquery(
            the_page.annotate(parent_path=Substr("path", 1, Length("path") - Page.steplen)).values("parent_path")[:1]
        )
        rows = list(
            base.filter(Q(pk=pk) | Q(translation_key=key) | Q(path=parent_path))
            .select_related("locale")
            .order_by("locale__language_code", "pk")
        )
        row = next((row for row in rows if row.pk == int(pk)), None)
        if row is None:
            return None
        self._translations[row.translation_key] = [
            self._translation_entry(other) for other in rows if other.translation_key == row.translation_key
        ]
        self._translated_rows = {
            other.locale_id: other for other in rows if other.translation_key == row.translation_key
        }
        self.known_parents = {row.pk: next((other for other in rows if other.path == row.path[: -row.steplen]), None)}
        page = row.specific
        page.locale = row.locale
        return page

    def detail_view(self, request, pk):
        instance = self.get_object()
        locale = self.requested_locale
        if locale is not None and instance.locale_id != locale.pk:
            instance = self._in_locale(instance, locale)
            if instance is None and self.fallback_locale is not None:
                original = self.get_object()
                instance = (
                    original
                    if original.locale_id == self.fallback_locale.pk
                    else self._in_locale(original, self.fallback_locale)
                )
            if instance is None:
                raise ApiProblem(
                    404,
                    "not_found",
                    _("This page has no translation in “%(locale)s”.") % {"locale": locale.language_code},
                    "locale",
                )
            self._cached_object = instance
        if self.resolve_rich_text_format() == "html":
            # Display-ready rich text, as in listings: links resolved and mentions linked (cms.mentions).
            prefetch_for_api([self.get_object()], list(self.get_serializer_class().Meta.fields))
        return super().detail_view(request, pk)

    def _in_locale(self, page, locale):
        rows = getattr(self, "_translated_rows", None)
        if rows is not None and page.pk in {row.pk for row in rows.values()}:
            translation = rows.get(locale.pk)  # loaded with the page
        else:
            translation = self.get_base_queryset().filter(translation_key=page.translation_key, locale=locale).first()
        return translation.specific if translation is not None else None

    def find_object(self, queryset, request):
        page_id = parse_id(request.GET["id"], "id") if "id" in request.GET else None  # checked even with html_path
        if "html_path" in request.GET:
            return self._find_by_path(queryset, request, request.GET["html_path"])
        if page_id is not None:
            return queryset.filter(id=page_id).first()
        return None

    def _find_by_path(self, queryset, request, html_path):
        site = Site.find_for_request(request)
        if site is None:
            return None
        components = [component for component in html_path.split("/") if component]
        root = site.root_page
        language_codes = {code for code, _name in settings.LANGUAGES}
        if components and components[0] in language_codes:
            locale = Locale.objects.filter(language_code=components.pop(0)).first()
            root = root.get_translation_or_none(locale) if locale is not None else None
            if root is None:
                return None
        try:
            page, _args, _kwargs = root.specific.route(request, components)
        except Http404:
            return None
        return page if queryset.filter(id=page.id).exists() else None


class SenImagesAPIViewSet(ProblemMixin, PrefetchingListingMixin, ImagesAPIViewSet):
    """Images with their alt text and named renditions (thumbnail, card, full, WebP)."""

    filter_backends = [DeclaredAwareFieldsFilter, *ImagesAPIViewSet.filter_backends[1:]]

    meta_fields = _absolute_meta(ImagesAPIViewSet.meta_fields, download_url=ImageDownloadUrlField(read_only=True))
    body_fields = ImagesAPIViewSet.body_fields + [
        APIField("alt", serializer=ImageAltField(read_only=True)),
        APIField("renditions", serializer=ImageRenditionsField(read_only=True)),
    ]
    listing_default_fields = ImagesAPIViewSet.listing_default_fields + ["alt", "renditions"]

    def prefetch_listing(self, objects, field_names):
        if objects and "renditions" in field_names:
            prefetch_related_objects(objects, "renditions")


class SenDocumentsAPIViewSet(ProblemMixin, FindByIdMixin, DocumentsAPIViewSet):
    """Documents (decisions, plans, forms, videos) with their download URL."""

    filter_backends = [DeclaredAwareFieldsFilter, *DocumentsAPIViewSet.filter_backends[1:]]
    meta_fields = _absolute_meta(
        DocumentsAPIViewSet.meta_fields, download_url=DocumentDownloadUrlField(read_only=True)
    )

    pagination_class = BoundedPagination
