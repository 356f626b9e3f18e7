"""Load what a page listing's API fields need in a fixed number of queries, whatever its length.

Works from the model's own declarations: foreign keys, many-to-many fields, child
relations and tags named in ``api_fields`` are prefetched (images with their
renditions), StreamField blocks are converted for all pages at once, and a model may
add lookups of its own in ``api_prefetch_related``.
"""

from collections import defaultdict

from django.db import models
from django.db.models import prefetch_related_objects
from taggit.managers import TaggableManager
from wagtail.blocks.list_block import ListValue
from wagtail.fields import StreamField
from wagtail.images.models import AbstractImage

from cms.api.richtext import expand_in_place
from cms.wagtail_adapters.stream_values import set_converted_child, unconverted_children

_cache = {}


def _is_image_model(model):
    return isinstance(model, type) and issubclass(model, AbstractImage)


def _relation_lookups(model, name):
    """Prefetch lookups for the model field ``name`` (empty if it is not a relation)."""
    try:
        field = model._meta.get_field(name)
    except Exception:
        # A reverse relation is found by its accessor name.
        field = next(
            (
                f
                for f in model._meta.get_fields()
                if f.is_relation and f.auto_created and getattr(f, "get_accessor_name", lambda: None)() == name
            ),
            None,
        )
    if field is None or not field.is_relation or isinstance(field, TaggableManager):
        return []
    related = field.related_model
    if related is None:
        return []
    if _is_image_model(related):
        return [name, f"{name}__renditions"]
    lookups = [name]
    if field.one_to_many or (field.auto_created and not field.concrete):
        # A child relation (ParentalKey): also load what its rows point to.
        for child_field in related._meta.get_fields():
            if isinstance(child_field, models.ForeignKey) and child_field.name != field.field.name:
                lookups.append(f"{name}__{child_field.name}")
                if _is_image_model(child_field.related_model):
                    lookups.append(f"{name}__{child_field.name}__renditions")
    return lookups


def lookups_for(model, field_names):
    key = (model, tuple(field_names))
    if key not in _cache:
        lookups = []
        for name in field_names:
            lookups.extend(_relation_lookups(model, name))
        lookups.extend(field.name for field in model._meta.get_fields() if isinstance(field, TaggableManager))
        lookups.extend(getattr(model, "api_prefetch_related", ()))
        _cache[key] = list(dict.fromkeys(lookups))
    return _cache[key]


def stream_field_names(model):
    return [field.name for field in model._meta.get_fields() if isinstance(field, StreamField)]


def _collect_images(value, found):
    if isinstance(value, AbstractImage):
        found.append(value)
    elif isinstance(value, dict):  # includes StructValue
        for item in value.values():
            _collect_images(item, found)
    elif isinstance(value, (list, tuple, ListValue)):
        for item in value:
            _collect_images(item, found)


def prime_stream_values(stream_values):
    """Convert the raw blocks of many StreamValues together: one ``bulk_to_python`` per block type."""
    pending = defaultdict(list)  # (stream block id, type) -> [(stream value, raw value, index)]
    for stream_value in stream_values:
        for index, raw in unconverted_children(stream_value):
            pending[(id(stream_value.stream_block), raw["type"])].append((stream_value, raw["value"], index))
    images = []
    for (_block_id, type_name), items in pending.items():
        child_block = items[0][0].stream_block.child_blocks.get(type_name)
        if child_block is None:
            continue
        converted = child_block.bulk_to_python([raw_value for _sv, raw_value, _i in items])
        for (stream_value, _raw_value, index), value in zip(items, converted, strict=True):
            set_converted_child(stream_value, index, child_block, value)
            _collect_images(value, images)
    unique = list({id(image): image for image in images}.values())
    if unique:
        prefetch_related_objects(unique, "renditions")


def prefetch_for_api(objects, field_names, expand_rich_text=True):
    """Prefetch, for a list of objects of one model, everything the named API fields read.

    With ``expand_rich_text``, their rich text is replaced by display HTML in one batch.
    """
    if not objects:
        return objects
    model = type(objects[0])
    if any(type(obj) is not model for obj in objects):
        return objects
    lookups = lookups_for(model, field_names)
    if lookups:
        prefetch_related_objects(objects, *lookups)
    streams = [name for name in stream_field_names(model) if name in field_names]
    owned = [(obj, getattr(obj, name)) for obj in objects for name in streams]
    stream_values = [value for _obj, value in owned]
    if stream_values:
        prime_stream_values(stream_values)
    if expand_rich_text:
        expand_in_place(objects, field_names, stream_values, stream_owners=[obj for obj, _value in owned])
    return objects
