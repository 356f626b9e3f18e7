"""Types of the API's content fields for the OpenAPI documents of /api/v2/, /api/v3/ and /api/sen/.

- ``block_type(block)``: the Python type of a StreamField block's API value, derived from the block's
  definition: a stream is a list of ``{"type", "value", "id"}`` items, one ``TypedDict`` per block type
  told apart by ``type`` (``oneOf`` with a discriminator in JSON Schema); a struct is a ``TypedDict`` of
  its children; a list a list of its child; Wagtail's field and chooser blocks have fixed types. A block
  whose ``get_api_representation`` is its own declares its ``api_type`` (``cms.blocks``). A block that
  does neither is ``Any``, which the contract test refuses (tests/cms/api/test_schema_types.py).
- ``serializer_type(serializer)``: the type a DRF serializer field declares (its ``to_representation``
  return annotation, as Wagtail's API v3 reads it).
- ``json_schema(python_type, components)``: its JSON Schema, named shapes moved into ``components``
  (``#/components/schemas/<Name>``).
- ``install_v3_types()``: v3 types StreamFields by the same derivation (Wagtail's own says ``list[Any]``).
- ``type_open_ends(document)``: the few values Wagtail's v3 document leaves open on purpose (the JSON Schemas
  ``/api/v3/schema/…`` answers) get a type.
"""

import datetime
import re
from typing import Annotated, Any, Literal, Union, get_type_hints

from pydantic import Field, TypeAdapter
from typing_extensions import TypedDict, is_typeddict
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.embeds.blocks import EmbedBlock

from cms.shapes import HTML, TableValue

REF_TEMPLATE = "#/components/schemas/{model}"

# Wagtail's blocks whose API value is a plain JSON value (``get_prep_value``), most specific first.
FIELD_BLOCK_TYPES = [
    (blocks.RichTextBlock, HTML),
    (blocks.ChooserBlock, int | None),  # image, document, page and snippet choosers: the chosen item's id
    (EmbedBlock, str),
    (TableBlock, TableValue),
    (blocks.BooleanBlock, bool),
    (blocks.IntegerBlock, int),
    (blocks.FloatBlock, float),
    (blocks.DateTimeBlock, datetime.datetime),
    (blocks.DateBlock, datetime.date),
    (blocks.TimeBlock, datetime.time),
    (blocks.MultipleChoiceBlock, list[str]),
    (blocks.StaticBlock, None),
    (blocks.CharBlock, str),
    (blocks.TextBlock, str),
    (blocks.URLBlock, str),
    (blocks.EmailBlock, str),
    (blocks.RegexBlock, str),
    (blocks.RawHTMLBlock, str),
    (blocks.BlockQuoteBlock, str),
]

_built = {}


def _camel(name):
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[^0-9A-Za-z]+", name) if part)


def _own_class_name(block, base):
    """``QuoteBlock`` for a block class of its own, None for a plain ``StructBlock([...])``."""
    return type(block).__name__ if type(block) is not base else None


def _overrides_api_representation(block, base):
    return type(block).get_api_representation is not base.get_api_representation


def block_type(block, name="Block"):
    """The Python type of ``block``'s API value; ``name`` names the shapes of a block without a class of its own."""
    declared = getattr(block, "api_type", None)
    if declared is not None:
        return declared
    if isinstance(block, blocks.StreamBlock):
        return list[_stream_item_type(block, name)]
    if isinstance(block, blocks.ListBlock):
        return list[block_type(block.child_block, f"{name}Item")]
    if isinstance(block, blocks.StructBlock):
        if _overrides_api_representation(block, blocks.StructBlock):
            return Any  # its own representation, undeclared: the contract test names it
        shape = _own_class_name(block, blocks.StructBlock) or name
        if shape not in _built:
            fields = {child: block_type(child_block, f"{shape}{_camel(child)}")
                      for child, child_block in block.child_blocks.items()}  # fmt: skip
            _built[shape] = TypedDict(shape, fields)
        return _built[shape]
    if isinstance(block, blocks.ChoiceBlock):
        values = [str(value) for value, _label in block.field.choices if value != ""]
        return Literal[tuple(values)] if values else str
    for block_class, value_type in FIELD_BLOCK_TYPES:
        if isinstance(block, block_class):
            return value_type
    return Any


def _stream_item_type(block, name):
    shape = _own_class_name(block, blocks.StreamBlock) or name
    key = ("stream", shape)
    if key not in _built:
        members = []
        for child, child_block in block.child_blocks.items():
            item_name = f"{shape}{_camel(child)}"
            members.append(
                TypedDict(
                    item_name,
                    {
                        "type": Literal[child],
                        "value": block_type(child_block, f"{item_name}Value"),
                        "id": Annotated[str, Field(description="The block's id (a UUID), stable across revisions.")],
                    },
                )
            )
        _built[key] = Annotated[Union[tuple(members)], Field(discriminator="type")]  # noqa: UP007
    return _built[key]


def stream_field_type(field):
    """The API type of a StreamField model field: its stream block's items."""
    return block_type(field.stream_block, _camel(f"{field.model.__name__}_{field.name}"))


def serializer_type(serializer):
    """The return annotation of a DRF field's ``to_representation``, or None when it has none."""
    try:
        return get_type_hints(type(serializer).to_representation, include_extras=True).get("return")
    except (NameError, TypeError):
        return None


def json_schema(python_type, components):
    """The JSON Schema of ``python_type`` for an OpenAPI document; its named shapes go into ``components``."""
    schema = TypeAdapter(python_type).json_schema(ref_template=REF_TEMPLATE, mode="serialization")
    definitions = schema.pop("$defs", {})
    if is_typeddict(python_type):  # a named shape is a component even at the top: clients name its type
        definitions[python_type.__name__] = schema
        schema = {"$ref": REF_TEMPLATE.format(model=python_type.__name__)}
    for shape, definition in definitions.items():
        if components.setdefault(shape, definition) != definition:
            raise ValueError(f"Two different API shapes are named {shape!r}: rename one.")
    return schema


# v3 ------------------------------------------------------------------------------------------------------


def install_v3_types():
    """Wagtail's API v3 types a StreamField as ``list[Any]``: type it by the derivation above (before the v3
    routers build their schemas, i.e. before ``wagtail.api.v3.urls`` is imported)."""
    from wagtail.api.v3.schemas.generators.read import read_generator, streamfield_schema
    from wagtail.fields import StreamField

    def typed_streamfield_schema(generator, field):
        _untyped, default, resolve = streamfield_schema(generator, field)
        return stream_field_type(field), default, resolve

    read_generator.register_field_schema(StreamField, typed_streamfield_schema)


JSON_SCHEMA = {
    "type": "object",
    "description": "A JSON Schema (draft 2020-12) of a content type, as /api/v3/schema/ gives it.",
    "properties": {
        "title": {"type": "string"},
        "description": {"type": "string"},
        "type": {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
        "format": {"type": "string"},
        "$ref": {"type": "string"},
        "properties": {"type": "object", "additionalProperties": {"$ref": "#/components/schemas/JsonSchema"}},
        "items": {"$ref": "#/components/schemas/JsonSchema"},
        "required": {"type": "array", "items": {"type": "string"}},
        "anyOf": {"type": "array", "items": {"$ref": "#/components/schemas/JsonSchema"}},
        "oneOf": {"type": "array", "items": {"$ref": "#/components/schemas/JsonSchema"}},
        "allOf": {"type": "array", "items": {"$ref": "#/components/schemas/JsonSchema"}},
        "$defs": {"type": "object", "additionalProperties": {"$ref": "#/components/schemas/JsonSchema"}},
    },
}

# Values Wagtail's v3 (and ninja) leave open on purpose, by schema and property, and their types.
OPEN_ENDS = {
    ("SchemaDetailResponse", "read"): {"$ref": "#/components/schemas/JsonSchema"},
    ("SchemaDetailResponse", "create"): {"$ref": "#/components/schemas/JsonSchema"},
    ("SchemaDetailResponse", "patch"): {"$ref": "#/components/schemas/JsonSchema"},
    # The placeholder snippet type when no snippet model is registered: a meta with a type, as every item's.
    ("_NoSnippetModelsSchema", "meta"): {"type": "object", "properties": {"type": {"type": "string"}}},
}


def _open(schema):
    """``{}`` (a title or description aside) or an object whose values may be anything."""
    schema = {key: value for key, value in schema.items() if key not in ("title", "description", "default")}
    return schema == {} or (
        schema.get("type") == "object"
        and not schema.get("properties")
        and schema.get("additionalProperties", True) is True
    )


def type_open_ends(document):
    """Give the values Wagtail's v3 leaves open on purpose (``OPEN_ENDS``) their types."""
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    for (name, prop), typed in OPEN_ENDS.items():
        value = schemas.get(name, {}).get("properties", {}).get(prop)
        if value is None:
            continue
        members = value.get("anyOf")
        if members:
            value["anyOf"] = [typed if _open(member) else member for member in members]
        elif _open(value):
            schemas[name]["properties"][prop] = {**{k: v for k, v in value.items() if k == "title"}, **typed}
        if "JsonSchema" in str(typed):
            schemas["JsonSchema"] = JSON_SCHEMA
    return document


def with_open_ends_typed(get_openapi_schema):
    """Wraps a NinjaAPI's ``get_openapi_schema`` with ``type_open_ends``."""

    def wrapped(*args, **kwargs):
        return type_open_ends(get_openapi_schema(*args, **kwargs))

    return wrapped
