"""Uploaded media served by Sen itself (``SEN_SERVE_MEDIA``), never past a collection's privacy.

Documents are never sent from ``/media/``: their address there redirects to Wagtail's
``/documents/<id>/<name>`` view, which checks the collection's view restrictions.
Original images and renditions are sent only when the image's collection lets the
request see it, the same check Wagtail makes for documents. A proxy or object storage
that serves ``MEDIA_ROOT`` in a real deployment must be set up the same way (see
docs/operations.md: "Security", private collections).
"""

import posixpath

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.views.static import serve as static_serve
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import BaseViewRestriction
from wagtail.wagtail_hooks import require_wagtail_login

DOCUMENTS_DIR = "documents"
RENDITIONS_DIR = "images"
IMAGE_DIRS = ("original_images", RENDITIONS_DIR)
# A rendition's name says what it is (image, filter, focal point): a new version gets a new name.
IMMUTABLE = "public, max-age=31536000, immutable"
# Originals can be replaced under the same name: caches keep them but ask first (Last-Modified, 304).
REVALIDATE = "public, max-age=0, must-revalidate"
# Longer names than the filesystems' limits (NAME_MAX, a margin under PATH_MAX) are not files: a 404,
# answered before the filesystem would raise "File name too long".
NAME_MAX = 255
PATH_MAX = 1024


def _too_long(path):
    encoded = path.encode("utf-8", "surrogateescape")
    return len(encoded) > PATH_MAX or any(len(part) > NAME_MAX for part in encoded.split(b"/"))


def _image_for(path):
    Image = get_image_model()
    if path.startswith("original_images/"):
        return Image.objects.filter(file=path).select_related("collection").first()
    Rendition = Image.get_rendition_model()
    rendition = Rendition.objects.filter(file=path).select_related("image__collection").first()
    return rendition.image if rendition is not None else None


def check_collection_restrictions(collection, request):
    """None if the request may see the collection's files, else the response that says why not."""
    for restriction in collection.get_view_restrictions():
        if not restriction.accept_request(request):
            if restriction.restriction_type == BaseViewRestriction.PASSWORD:
                raise PermissionDenied
            return require_wagtail_login(next=request.get_full_path())
    return None


def serve(request, path):
    """Send a file under MEDIA_ROOT, unless it belongs to a document or to a private image."""
    if _too_long(path):
        raise Http404
    path = posixpath.normpath(path).lstrip("/")
    top = path.split("/", 1)[0]
    if top == DOCUMENTS_DIR:
        document = get_document_model().objects.filter(file=path).first()
        if document is None:
            raise Http404
        return redirect(document.url)
    private = False
    if top in IMAGE_DIRS:
        image = _image_for(path)
        if image is None:
            raise Http404
        refused = check_collection_restrictions(image.collection, request)
        if refused is not None:
            return refused
        private = image.collection.get_view_restrictions().exists()
    response = static_serve(request, path, document_root=settings.MEDIA_ROOT)
    if private:
        # A private image must not be kept by a shared cache or shown to the next user of a proxy.
        response["Cache-Control"] = "private, no-store"
    elif response.status_code in (200, 304):
        response["Cache-Control"] = IMMUTABLE if top == RENDITIONS_DIR else REVALIDATE
    return response
