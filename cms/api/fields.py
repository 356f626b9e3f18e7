"""Serializer fields of Sen's API v2: display-ready values a consuming site shows as is."""

from decimal import Decimal

from rest_framework.fields import Field, SkipField

from cms.absolute import absolute_url
from cms.blocks import IMAGE_RENDITIONS, image_api_representation
from cms.shapes import Renditions

# Each field's ``to_representation`` return annotation is its type in the OpenAPI documents (cms.api.schemas).


class ImageRenditionsField(Field):
    """An image's named renditions (thumbnail, card, full, WebP) with URL, width and height."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, image) -> Renditions:
        request = self.context.get("request")
        return image_api_representation(image, renditions=IMAGE_RENDITIONS, request=request)["renditions"]


class AbsoluteDetailUrlField(Field):
    """``detail_url`` built from the request's host (or ``WAGTAILAPI_BASE_URL`` when set)."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, instance):
        # Here, not at the top: wagtail.api.v2.utils loads the image model, and models import this module.
        from wagtail.api.v2.utils import get_object_detail_url

        router = self.context["router"]
        path = router.get_object_detail_urlpath(type(instance), instance.pk)
        if path is None:
            return get_object_detail_url(router, self.context["request"], type(instance), instance.pk)
        return absolute_url(self.context.get("request"), path)


class ImageDownloadUrlField(Field):
    """An image's ``download_url`` (the original file), absolute like every other URL of the API."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, image):
        return absolute_url(self.context.get("request"), image.file.url)


class DocumentDownloadUrlField(ImageDownloadUrlField):
    def to_representation(self, document):
        return absolute_url(self.context.get("request"), document.url)


class ImageAltField(Field):
    def get_attribute(self, instance):
        return instance

    def to_representation(self, image):
        return image.default_alt_text or ""


class TranslationsField(Field):
    """The page's live, public translations: locale, id, title and where to find them."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, page):
        view = self.context.get("view")
        if view is None or not hasattr(view, "translations_of"):
            return []
        return view.translations_of(page)


class FallbackField(Field):
    """``true`` when the item is shown in the fallback locale because the requested one is missing.

    Only present when the request asked for a fallback (``?fallback=vi``).
    """

    def get_attribute(self, instance):
        view = self.context.get("view")
        if view is None or getattr(view, "requested_locale", None) is None or not view.fallback_locale:
            raise SkipField()
        return instance

    def to_representation(self, page):
        return page.locale_id != self.context["view"].requested_locale.pk


class RequestedLocaleField(Field):
    def get_attribute(self, instance):
        view = self.context.get("view")
        if view is None or getattr(view, "requested_locale", None) is None or not view.fallback_locale:
            raise SkipField()
        return view.requested_locale

    def to_representation(self, locale):
        return locale.language_code


class SumOfRowsField(Field):
    """Totals over a list of dict rows (e.g. a centre's yearly reports): every number summed.

    ``SumOfRowsField(source="yearly_reports_api")`` gives ``{"reports": 2, "classes_law": 40, …}``;
    keys listed in ``exclude`` (and any non-number) are left out. Reads rows already loaded,
    so a listing stays within its query budget.
    """

    def __init__(self, *, exclude=(), **kwargs):
        self.exclude = set(exclude)
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, rows):
        totals = {"reports": len(rows)}
        for row in rows:
            for key, value in row.items():
                if key in self.exclude or isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
                    continue
                totals[key] = totals.get(key, 0) + value
        return totals
