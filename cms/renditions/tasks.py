"""The background task that makes renditions ahead of the requests that show them."""

import contextlib
import fcntl
import logging
import threading
from pathlib import Path

import django.dispatch
from django.conf import settings
from django_tasks import task
from wagtail.images import get_image_model
from wagtail.images.models import SourceImageIOError

from cms.renditions.specs import all_specs

logger = logging.getLogger("sen.renditions")

# Sent with ``image_ids`` (the images whose renditions were just made) once a batch is done: what shows
# these images (cached pages, API answers) is then out of date (cms.http connects it to a content change).
renditions_made = django.dispatch.Signal()

_thread_lock = threading.Lock()


@contextlib.contextmanager
def one_build_at_a_time():
    """Hold the machine's rendition lock: one image's renditions are built at a time by every thread and
    process of this machine (a large image's build takes hundreds of megabytes), the others wait."""
    path = Path(settings.VAR_DIR) / "renditions.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    with _thread_lock, path.open("a") as lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock_file, fcntl.LOCK_UN)


def build(image, specs):
    """Make ``specs`` of ``image`` under the machine's rendition lock."""
    with one_build_at_a_time():
        image.get_renditions(*specs)


@task()
def make_renditions(image_ids):
    """Make every rendition Sen shows (``cms.renditions.all_specs()``) for these images, one image at a time.

    Renditions that exist already are kept; an image deleted or without its file is skipped.
    Returns how many images were done.
    """
    done = []
    specs = all_specs()
    for image in get_image_model().objects.filter(pk__in=image_ids):
        try:
            build(image, specs)
        except SourceImageIOError:
            logger.warning("Image %s has no source file: no renditions made", image.pk)
            continue
        done.append(image.pk)
    if done:
        renditions_made.send(sender=make_renditions, image_ids=done)
    return len(done)
