"""The API v2 router: /api/v2/pages/, /api/v2/images/, /api/v2/documents/."""

from wagtail.api.v2.router import WagtailAPIRouter

from cms.api.views import SenDocumentsAPIViewSet, SenImagesAPIViewSet, SenPagesAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", SenPagesAPIViewSet)
api_router.register_endpoint("images", SenImagesAPIViewSet)
api_router.register_endpoint("documents", SenDocumentsAPIViewSet)
