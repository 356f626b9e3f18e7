"""The references an object holds now (wagtail.models.ReferenceIndex._extract_references_from_object).

The public ``ReferenceIndex.get_references_for_object`` reads the stored index, which the worker
may update later; ``create_or_update_for_object`` writes it. Only the private extractor reads
the object itself, without a write.
"""

from wagtail.models import ReferenceIndex


def references_in(obj):
    """(content type id, object id, model path, content path) of everything ``obj`` refers to."""
    return ReferenceIndex._extract_references_from_object(obj)
