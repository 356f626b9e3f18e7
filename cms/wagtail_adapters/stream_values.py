"""Converting the raw blocks of a lazy StreamValue from outside (StreamValue._raw_data and
StreamValue._bound_blocks).

Wagtail converts a stream's blocks one type at a time per value (``_prefetch_blocks``); the API
converts those of many values together, one ``bulk_to_python`` per block type, and stores the
results where Wagtail keeps converted children, so that reading the value does not convert again.
"""

from wagtail.blocks import StreamValue


def unconverted_children(stream_value):
    """(index, raw block dict) of each child of a lazy ``stream_value`` not converted yet."""
    if not getattr(stream_value, "is_lazy", False):
        return []
    return [
        (index, raw)
        for index, raw in enumerate(stream_value._raw_data)
        if stream_value._bound_blocks[index] is None and raw is not None
    ]


def set_converted_child(stream_value, index, child_block, value):
    """Store ``value`` (already converted by ``child_block``) as the child at ``index``."""
    raw = stream_value._raw_data[index]
    stream_value._bound_blocks[index] = StreamValue.StreamChild(child_block, value, id=raw.get("id"))
