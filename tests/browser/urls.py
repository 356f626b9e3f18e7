"""The site's URLs plus uploaded media as `make serve` has them (SEN_SERVE_MEDIA), for tests (DEBUG is off there)."""

import re

from django.conf import settings
from django.urls import re_path

from cms import media
from cms.urls import urlpatterns as site_urlpatterns

# cms.media.serve reads MEDIA_ROOT per request: the browser tests give the demo its own media folder.
urlpatterns = [
    re_path(r"^%s(?P<path>.*)$" % re.escape(settings.MEDIA_URL.lstrip("/")), media.serve),
    *site_urlpatterns,
]
