"""Every image rendition Sen shows, named in one place and made ahead of the requests that need it.

Templates, feeds and the APIs ask for renditions by the names below, and the background task
(``cms.renditions.tasks.make_renditions``) makes exactly these specs when an image is uploaded
and when a page that uses it is published. A request never builds a rendition of a large
source image (more than ``SEN_RENDITION_INLINE_MAX_PIXELS`` pixels): it shows the renditions
that exist (or no image) and queues the rest for the worker.
"""

import logging

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_save
from django_tasks.backends.immediate import ImmediateBackend
from wagtail.images import get_image_model
from wagtail.images.models import Filter, SourceImageIOError
from wagtail.signals import page_published

# The specs live in cms.renditions.specs (the background task reads them without this module).
from cms.renditions.specs import (  # noqa: F401 (this module's public names)
    API_RENDITIONS,
    FEED_IMAGE,
    OPEN_GRAPH_IMAGE,
    RESPONSIVE_SETS,
    VIDEO_POSTER,
    all_specs,
    responsive_specs,
)
from cms.renditions.tasks import make_renditions
from cms.wagtail_adapters.references import references_in

logger = logging.getLogger("sen.renditions")


def inline_max_pixels():
    return getattr(settings, "SEN_RENDITION_INLINE_MAX_PIXELS", 4_000_000)


def is_large(image):
    """True when making a rendition of ``image`` is too costly for a visitor's request."""
    if image.is_svg():
        return False
    return (image.width or 0) * (image.height or 0) > inline_max_pixels()


def get_renditions(image, *specs):
    """``{spec: rendition}`` for the renditions of ``image`` a request may show.

    A small image's missing renditions are made at once (cheap). A large image's are not:
    only those that exist are returned, and the missing ones are queued for the worker.
    A missing source file gives no renditions rather than an error.
    """
    if image is None:
        return {}
    try:
        if not is_large(image):
            return image.get_renditions(*specs)
        filters = [image.clean_filter_for_svg(Filter(spec=spec)) for spec in dict.fromkeys(specs)]
        existing = image.find_existing_renditions(*filters)
        found = {found_filter.spec: rendition for found_filter, rendition in existing.items()}
    except SourceImageIOError:
        return {}
    if len(found) < len(filters):
        queue_renditions([image.pk], from_request=True)
    return {spec: found[spec] for spec in specs if spec in found}


def get_rendition(image, spec):
    """One rendition of ``image`` as ``get_renditions`` gives it, or ``None``."""
    return get_renditions(image, spec).get(spec)


def _runs_inline(task):
    return isinstance(task.get_backend(), ImmediateBackend)


def queue_renditions(image_ids, *, from_request=False):
    """Have the worker make every spec of ``all_specs()`` for these images, after the commit.

    From a visitor's request the task is queued at most once per image every few minutes,
    and never when the task backend would run it inline, in that very request: those
    renditions are then made at the next upload or publish, or by ``manage.py make_renditions``.
    """
    image_ids = sorted({int(image_id) for image_id in image_ids})
    if not image_ids:
        return
    if from_request:
        if _runs_inline(make_renditions):
            logger.info("Renditions missing for large image(s) %s: run manage.py make_renditions", image_ids)
            return
        try:
            image_ids = [pk for pk in image_ids if cache.add(f"sen:renditions-queued:{pk}", 1, 300)]
        except Exception:  # noqa: BLE001 (a cache outage must not stop the page; queue anyway)
            logger.warning("Cache unavailable while queuing renditions", exc_info=True)
        if not image_ids:
            return
    transaction.on_commit(lambda: make_renditions.enqueue(image_ids))


def images_used_by(page):
    """The ids of the images a page uses: its image fields, its StreamFields and its inline models."""
    image_type = ContentType.objects.get_for_model(get_image_model())
    # The stored index may be updated later by the worker: read the references from the page itself.
    references = references_in(page)
    return {int(object_id) for type_id, object_id, *_paths in references if type_id == image_type.pk}


def _on_image_saved(sender, instance, created, raw=False, update_fields=None, **kwargs):
    if raw or (update_fields is not None and "file" not in update_fields and not created):
        return
    queue_renditions([instance.pk])


def _on_page_published(sender, instance, **kwargs):
    image_ids = images_used_by(instance.specific)
    if image_ids:
        queue_renditions(image_ids)


def connect_signals():
    post_save.connect(_on_image_saved, sender=get_image_model(), dispatch_uid="sen-renditions-on-upload")
    page_published.connect(_on_page_published, dispatch_uid="sen-renditions-on-publish")
