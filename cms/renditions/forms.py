"""The image upload form: Wagtail's, with a limit on animations (``WAGTAILIMAGES_IMAGE_FORM_BASE``).

Wagtail refuses a still image above ``WAGTAILIMAGES_IMAGE_MAX_PIXELS`` but counts every animation as one
frame (Willow's Pillow backend sees no animation), so a GIF of 300 frames of 35 megapixels passed, and
building its renditions took a worker's memory to a gigabyte. An animation is limited by its frame count
(``SEN_IMAGES_MAX_FRAMES``) and its pixels over all frames (``SEN_IMAGES_MAX_ANIMATION_PIXELS``), both
read from the file's headers: no frame is decoded.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from wagtail.images.forms import BaseImageForm


def frame_count(file):
    """How many frames ``file`` holds (1 for a still image or a file Pillow cannot read)."""
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        with PILImage.open(file) as image:
            # GIF counts by skipping each frame's data; PNG (APNG) and WebP read it from a header.
            return getattr(image, "n_frames", 1)
    except Exception:  # noqa: BLE001 (Wagtail's field has refused what is not an image)
        return 1
    finally:
        file.seek(position)


def check_animation(file, width, height):
    """Raise a ValidationError when the animation in ``file`` has too many frames or pixels."""
    frames = frame_count(file)
    if frames <= 1:
        return
    max_frames = settings.SEN_IMAGES_MAX_FRAMES
    if frames > max_frames:
        raise ValidationError(
            _("This animation has %(frames)s frames. At most %(max_frames)s frames are accepted."),
            code="too_many_frames",
            params={"frames": frames, "max_frames": max_frames},
        )
    pixels, max_pixels = width * height * frames, settings.SEN_IMAGES_MAX_ANIMATION_PIXELS
    if pixels > max_pixels:
        raise ValidationError(
            _(
                "This animation has too many pixels over all its frames (%(pixels)s). "
                "At most %(max_pixels)s are accepted: make it smaller or shorter."
            ),
            code="animation_too_many_pixels",
            params={"pixels": pixels, "max_pixels": max_pixels},
        )


def check_image_file(file):
    """The upload form's pixel limits for an image that does not come through it (an import): raise a
    ValidationError for a still image above ``WAGTAILIMAGES_MAX_IMAGE_PIXELS`` or an animation above the
    limits of ``check_animation``. Reads the headers only."""
    position = file.tell()
    try:
        with PILImage.open(file) as image:
            width, height = image.size
    finally:
        file.seek(position)
    max_pixels = getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", None)
    if max_pixels and width * height > max_pixels:
        raise ValidationError(
            _("This file has too many pixels (%(num_pixels)s). Maximum pixels %(max_pixels_count)s."),
            code="file_too_many_pixels",
            params={"num_pixels": width * height, "max_pixels_count": max_pixels},
        )
    check_animation(file, width, height)


class SenImageForm(BaseImageForm):
    """Wagtail's image form (single and multiple upload, the chooser's upload) with the animation limits."""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        image = getattr(file, "image", None)  # set by WagtailImageField for a new upload only
        if image is not None:
            width, height = image.get_size()
            check_animation(file, width, height)
        return file
