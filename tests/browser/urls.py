"""The site's URLs plus uploaded media, for the browser tests' live server (DEBUG is off in tests)."""

import re

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from cms.urls import urlpatterns as site_urlpatterns


def media(request, path):
    # MEDIA_ROOT is read per request: the browser tests give the demo its own media folder.
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [
    re_path(r"^%s(?P<path>.*)$" % re.escape(settings.MEDIA_URL.lstrip("/")), media),
    *site_urlpatterns,
]
