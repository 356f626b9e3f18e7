"""Images and documents get their size and hash when they are saved, never when they are read.

Wagtail fills ``file_size`` and ``file_hash`` in its upload forms only; a file saved
from code (the demo, the importer, the API, a factory) has neither, and the first read
of ``get_file_size()`` (the feeds' enclosure length) or ``get_file_hash()`` then saves
the row. That write from an anonymous GET marks the content as changed (cms/http/middleware.py),
so every ETag and Last-Modified of the site moved after a visitor read a feed.
"""

from django.db.models.signals import pre_save
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.utils.file import hash_filelike


def _fill_file_metadata(sender, instance, **kwargs):
    if not isinstance(instance, AbstractImage | AbstractDocument) or not instance.file:
        return
    update_fields = kwargs.get("update_fields")
    if update_fields is not None and not {"file", "file_size", "file_hash"} & set(update_fields):
        return
    try:
        if instance.file_size is None:
            instance.file_size = instance.file.size
        if not instance.file_hash:
            with instance.open_file() as file:  # what Wagtail's get_file_hash() does, without its save()
                instance.file_hash = hash_filelike(file)
    except OSError:
        # A missing file stays without metadata, as Wagtail leaves it.
        return


def connect_signals():
    pre_save.connect(_fill_file_metadata, dispatch_uid="sen-files-metadata")
