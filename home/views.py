import base64

from django.http import HttpResponse, JsonResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from wagtail.models import Site

from cms.text import format_number
from home import counter
from home.models import PortalSettings

# A transparent 1x1 GIF for visitors without JavaScript.
PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


def figures_payload(request, figures):
    if figures is None:
        return {"available": False}
    site = Site.find_for_request(request)
    start = PortalSettings.for_request(request).visitor_count_start if site else 0
    data = figures.as_dict()
    data["total"] += start
    return {
        "available": True,
        **data,
        "formatted": {name: format_number(value) for name, value in data.items()},
    }


@csrf_exempt  # a beacon with no body and no effect on the visitor's session
@require_http_methods(["POST"])
def counter_hit(request):
    """The page's beacon: count this visitor (once a day) and return the current figures."""
    response = JsonResponse(figures_payload(request, counter.record_visit(request)))
    add_never_cache_headers(response)
    return response


@require_http_methods(["GET", "HEAD"])
def counter_pixel(request):
    """The same beacon for browsers without JavaScript (an <img> in <noscript>)."""
    counter.record_visit(request)
    response = HttpResponse(PIXEL, content_type="image/gif")
    add_never_cache_headers(response)
    return response
