"""Drafts as the API will show them once published (for the headless preview, cms.preview)."""

from cms.api.router import api_router
from cms.api.views import SenPagesAPIViewSet


def draft_representation(request, page):
    """``page`` (an unsaved draft) as /api/v2/pages/<id>/ will show it: that endpoint's serializer
    and context, with ``?fields=`` and ``?rich_text_format=`` honoured as on the endpoint."""
    request.wagtailapi_router = api_router  # what WagtailAPIRouter.wrap_view sets for its views
    view = SenPagesAPIViewSet.for_draft(request, page)
    serializer_class = view.get_serializer_class()
    return serializer_class(page, context=view.get_serializer_context()).data
