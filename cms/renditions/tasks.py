"""The background task that makes renditions ahead of the requests that show them."""

import logging

from django_tasks import task
from wagtail.images import get_image_model
from wagtail.images.models import SourceImageIOError

from cms.renditions.specs import all_specs

logger = logging.getLogger("sen.renditions")


@task()
def make_renditions(image_ids):
    """Make every rendition Sen shows (``cms.renditions.all_specs()``) for these images.

    Renditions that exist already are kept; an image deleted or without its file is skipped.
    Returns how many images were done.
    """
    done = 0
    specs = all_specs()
    for image in get_image_model().objects.filter(pk__in=image_ids):
        try:
            image.get_renditions(*specs)
        except SourceImageIOError:
            logger.warning("Image %s has no source file: no renditions made", image.pk)
            continue
        done += 1
    return done
