"""Load what a page listing's API fields need in a fixed number of queries, whatever its length.

Works from the model's own declarations: foreign keys, many-to-many fields, child
relations and tags named in ``api_fields`` are prefetched (images with their
renditions), StreamField blocks are converted for all pages at once, and a model may
add lookups of its own in ``api_prefetch_related``. The objects chosen anywhere (the
pages' own images, the choosers of every block type, the documents rich text links to)
are loaded in one query per model, not one per block type.
"""

import copy
from collections import defaultdict

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import prefetch_related_objects
from taggit.managers import TaggableManager
from wagtail.blocks import ChooserBlock, RichTextBlock, StructBlock
from wagtail.blocks.list_block import ListValue
from wagtail.fields import RichTextField, StreamField
from wagtail.images.models import AbstractImage

from cms.api.richtext import document_model, expand_in_place, linked_document_ids
from cms.pages import objects_loaded
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


def _plain_chooser(block):
    """A chooser converted as ``ChooserBlock.bulk_to_python`` does (``in_bulk`` of its model)."""
    return isinstance(block, ChooserBlock) and type(block).bulk_to_python is ChooserBlock.bulk_to_python


def _chooser_ids(block, raw, found):
    """Add to ``found`` (model -> ids) the ids chosen in ``raw``, a raw value of ``block``: choosers at the top
    or in a struct (other blocks convert their own)."""
    if _plain_chooser(block):
        if raw is not None and isinstance(raw, (int, str)):
            found[block.model_class].add(raw)
    elif isinstance(block, RichTextBlock) and isinstance(raw, str):
        found[document_model()].update(int(pk) for pk in linked_document_ids(raw))
    elif isinstance(block, StructBlock) and isinstance(raw, dict):
        for name, child in block.child_blocks.items():
            if name in raw:
                _chooser_ids(child, raw[name], found)


def _bulk_to_python(block, raw_values, loaded):
    """``block.bulk_to_python(raw_values)``, with the chosen objects taken from ``loaded`` (model -> {id: object})
    instead of one query per chooser: Wagtail's conversion, for choosers and structs."""
    if _plain_chooser(block) and block.model_class in loaded:
        objects = loaded[block.model_class]
        seen, result = set(), []
        for raw in raw_values:  # as ChooserBlock.bulk_to_python: one instance per occurrence
            obj = objects.get(raw) if isinstance(raw, (int, str)) else None
            if obj is not None and raw in seen:
                obj = copy.copy(obj)
            result.append(obj)
            seen.add(raw)
        return result
    if isinstance(block, StructBlock) and type(block).bulk_to_python is StructBlock.bulk_to_python:
        by_name = {}
        for name, child in block.child_blocks.items():  # as StructBlock.bulk_to_python
            indexes = [i for i, raw in enumerate(raw_values) if name in raw]
            converted = dict(
                zip(indexes, _bulk_to_python(child, [raw_values[i][name] for i in indexes], loaded), strict=True)
            )
            by_name[name] = [converted[i] if i in converted else child.get_default() for i in range(len(raw_values))]
        return [
            block.meta.value_class(block, {name: by_name[name][i] for name in block.child_blocks})
            for i in range(len(raw_values))
        ]
    return block.bulk_to_python(raw_values)


def load_chosen(found):
    """model -> {id: object} for ``found`` (model -> ids): one query per model, images with their renditions."""
    loaded = {}
    for model, ids in found.items():
        loaded[model] = objects = model.objects.in_bulk(list(ids)) if ids else {}
        if _is_image_model(model) and objects:
            prefetch_related_objects(list(objects.values()), "renditions")
    return loaded


def prime_stream_values(stream_values, found=None):
    """Convert the raw blocks of many StreamValues together: one ``bulk_to_python`` per block type, the objects
    chosen in any of them (and the ids in ``found``, model -> ids, e.g. the pages' own images) loaded in one query
    per model (images with their renditions). Returns the loaded objects, model -> {id: object}."""
    found = defaultdict(set, found or {})
    pending = defaultdict(list)  # (stream block id, type) -> [(stream value, raw value, index)]
    for stream_value in stream_values:
        for index, raw in unconverted_children(stream_value):
            pending[(id(stream_value.stream_block), raw["type"])].append((stream_value, raw["value"], index))
            child_block = stream_value.stream_block.child_blocks.get(raw["type"])
            if child_block is not None:
                _chooser_ids(child_block, raw["value"], found)
    loaded = load_chosen(found)
    images = []
    for (_block_id, type_name), items in pending.items():
        child_block = items[0][0].stream_block.child_blocks.get(type_name)
        if child_block is None:
            continue
        converted = _bulk_to_python(child_block, [raw_value for _sv, raw_value, _i in items], loaded)
        for (stream_value, _raw_value, index), value in zip(items, converted, strict=True):
            set_converted_child(stream_value, index, child_block, value)
            _collect_images(value, images)
    unique = list({id(image): image for image in images}.values())
    if unique:
        prefetch_related_objects(unique, "renditions")  # images of other blocks (galleries): those not loaded here
    return loaded


def _rich_text_field_names(model, field_names):
    return [f.name for f in model._meta.get_fields() if isinstance(f, RichTextField) and f.name in field_names]


def _image_foreign_keys(model, field_names):
    """The named fields of ``model`` that are foreign keys to an image model."""
    names = []
    for name in field_names:
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if field.many_to_one and field.concrete and _is_image_model(field.related_model):
            names.append(field)
    return names


def prefetch_for_api(objects, field_names, expand_rich_text=True):
    """Prefetch, for a list of objects of one model, everything the named API fields read.

    The images of the objects' own image fields and those chosen in their StreamFields are loaded
    together, with their renditions. With ``expand_rich_text``, their rich text is replaced by display
    HTML in one batch.
    """
    if not objects:
        return objects
    model = type(objects[0])
    if any(type(obj) is not model for obj in objects):
        return objects
    image_fields = _image_foreign_keys(model, field_names)
    own = {field.name for field in image_fields} | {f"{field.name}__renditions" for field in image_fields}
    lookups = [lookup for lookup in lookups_for(model, field_names) if lookup not in own]
    if lookups:
        prefetch_related_objects(objects, *lookups)
    found = defaultdict(set)
    for field in image_fields:
        for obj in objects:
            if getattr(obj, field.attname) is not None:
                found[field.related_model].add(getattr(obj, field.attname))
    if expand_rich_text:
        for name in _rich_text_field_names(model, field_names):
            for obj in objects:
                found[document_model()].update(int(pk) for pk in linked_document_ids(getattr(obj, name) or ""))
    streams = [name for name in stream_field_names(model) if name in field_names]
    owned = [(obj, getattr(obj, name)) for obj in objects for name in streams]
    stream_values = [value for _obj, value in owned]
    loaded = prime_stream_values(stream_values, found)
    for field in image_fields:
        for obj in objects:
            image = loaded.get(field.related_model, {}).get(getattr(obj, field.attname))
            if image is not None:
                setattr(obj, field.name, image)
    if expand_rich_text:
        with objects_loaded(loaded):
            expand_in_place(objects, field_names, stream_values, stream_owners=[obj for obj, _value in owned])
    return objects
