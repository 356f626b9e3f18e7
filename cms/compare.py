"""Revision comparisons that show only real changes, in Vietnamese.

Wagtail's compare view marks a field as changed when its stored value differs byte for byte.
Three things made unchanged fields look changed: text areas posted by browsers end lines
with "\\r\\n" where the demo and imports wrote "\\n"; Draftail adds ``data-block-key``
attributes to every paragraph on the first save; inline rows created in code have no
``sort_order`` until the form saves them, so every row looked "moved". Dates were shown as raw
ISO timestamps and empty values as "None".

The comparison classes here replace Wagtail's for text, rich text, numbers, dates and foreign
keys (``register_comparison_class``, imported from ``cms/wagtail_hooks.py``), and ``InlinePanel``
is Wagtail's inline panel with a comparison that reports a move only when a row's place among
the rows of both versions changed.
"""

import datetime
import functools
import re

from django.db import models
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from wagtail.admin import compare
from wagtail.admin.panels import InlinePanel as WagtailInlinePanel
from wagtail.fields import RichTextField

from cms.text import format_long_date, format_number

EMPTY = _("(empty)")

_BLOCK_KEY = re.compile(r'\s+data-block-key="[^"]*"')
_SPACE_BETWEEN_TAGS = re.compile(r">\s+<")


def normalise_text(value):
    """One line ending ("\\n") whatever the browser or the import sent."""
    if value is None:
        return ""
    return str(value).replace("\r\n", "\n").replace("\r", "\n")


def normalise_rich_text(value):
    """Rich text without what the editor adds on its own (block keys, line breaks between tags)."""
    html = normalise_text(value)
    html = _BLOCK_KEY.sub("", html)
    return _SPACE_BETWEEN_TAGS.sub("><", html).strip()


def display_value(value):
    """A field value as an editor reads it: dates in Vietnamese and local time, grouped numbers."""
    if value is None or value == "":
        return str(EMPTY)
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return f"{format_long_date(value)} {value:%H:%M}"
    if isinstance(value, datetime.date):
        return format_long_date(value)
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    if isinstance(value, int):
        return format_number(value)
    return str(value)


def _changes(before, after):
    return compare.TextDiff([("deletion", before), ("addition", after)]).to_html()


class ValueComparison(compare.FieldComparison):
    """Numbers, dates, booleans…: both values written out for a reader, "(trống)" when empty."""

    def has_changed(self):
        return self.val_a != self.val_b

    def htmldiff(self):
        before, after = display_value(self.val_a), display_value(self.val_b)
        if not self.has_changed():
            return escape(after)
        return _changes(before, after)


class DateComparison(ValueComparison):
    """Dates and date-times compared as instants; "2017-06-20" (a form value) equals date(2017, 6, 20)."""

    def __init__(self, field, obj_a, obj_b):
        super().__init__(field, obj_a, obj_b)
        self.val_a = self._parse(self.val_a)
        self.val_b = self._parse(self.val_b)

    def _parse(self, value):
        if isinstance(value, str) and value:
            try:
                return self.field.to_python(value)
            except Exception:  # noqa: BLE001 (a value we cannot read is shown as it is)
                return value
        return value


class TextComparison(compare.TextFieldComparison):
    """Text compared with one line ending; an empty text shows as "(trống)"."""

    def __init__(self, field, obj_a, obj_b):
        super().__init__(field, obj_a, obj_b)
        self.val_a = normalise_text(self.val_a)
        self.val_b = normalise_text(self.val_b)

    def has_changed(self):
        return self.val_a != self.val_b

    def htmldiff(self):
        if not self.val_a and not self.val_b:
            return escape(EMPTY)
        return super().htmldiff()


class RichTextComparison(compare.RichTextFieldComparison):
    """Rich text compared without the keys and spacing the editor adds; the diff is of the text."""

    def has_changed(self):
        return normalise_rich_text(self.val_a) != normalise_rich_text(self.val_b)

    def htmldiff(self):
        if not compare.text_from_html(self.val_a or "") and not compare.text_from_html(self.val_b or ""):
            return escape(EMPTY)
        return super().htmldiff()


class ForeignKeyComparison(compare.ForeignObjectComparison):
    """A chosen object, or "(trống)" when none was chosen (Wagtail shows "None")."""

    def htmldiff(self):
        obj_a, obj_b = self.get_objects()
        if obj_a is None and obj_b is None:
            return escape(EMPTY)
        return super().htmldiff()


for _field_class in (models.CharField, models.TextField):
    compare.register_comparison_class(_field_class, comparison_class=TextComparison)
compare.register_comparison_class(RichTextField, comparison_class=RichTextComparison)
for _field_class in (models.DateField, models.DateTimeField):
    compare.register_comparison_class(_field_class, comparison_class=DateComparison)
for _field_class in (models.IntegerField, models.DecimalField, models.FloatField, models.BooleanField):
    compare.register_comparison_class(_field_class, comparison_class=ValueComparison)
# ``to=models.Model``: every foreign key, keeping the registry's per-model lookup in place.
compare.register_comparison_class(models.ForeignKey, to=models.Model, comparison_class=ForeignKeyComparison)


class ChildObjectComparison(compare.ChildObjectComparison):
    """A row of an inline panel; its move is its change of rank among the rows both versions have."""

    def __init__(self, model, field_comparisons, obj_a, obj_b, move=0):
        super().__init__(model, field_comparisons, obj_a, obj_b)
        self.move = move

    def get_position_change(self):
        if self.is_addition() or self.is_deletion():
            return None
        return self.move


class ChildRelationComparison(compare.ChildRelationComparison):
    """Inline rows: a row moved only if its place among the kept rows changed (not its raw sort_order)."""

    def get_child_comparisons(self):
        objs_a = list(self.val_a.all())
        objs_b = list(self.val_b.all())
        map_forwards, map_backwards, added, deleted = self.get_mapping(objs_a, objs_b)
        kept_a = sorted(map_forwards)  # indexes in A of rows still in B, in A's order
        kept_b = sorted(map_backwards)
        rank_a = {a_idx: rank for rank, a_idx in enumerate(kept_a)}
        rank_b = {b_idx: rank for rank, b_idx in enumerate(kept_b)}

        comparisons = []
        for b_idx, b_child in enumerate(objs_b):
            if b_idx in added:
                comparisons.append(self.get_child_comparison(None, b_child))
            else:
                a_idx = map_backwards[b_idx]
                move = rank_b[b_idx] - rank_a[a_idx]
                comparisons.append(self.get_child_comparison(objs_a[a_idx], b_child, move=move))
        for a_idx in deleted:
            comparisons.append(self.get_child_comparison(objs_a[a_idx], None))
        return comparisons

    def get_child_comparison(self, obj_a, obj_b, move=0):
        return ChildObjectComparison(self.field.related_model, self.field_comparisons, obj_a, obj_b, move=move)


class InlinePanel(WagtailInlinePanel):
    """Wagtail's InlinePanel whose revision comparison reports only real moves."""

    class BoundPanel(WagtailInlinePanel.BoundPanel):
        def get_comparison(self):
            comparisons = super().get_comparison()
            return [
                functools.partial(ChildRelationComparison, *comparison.args, **comparison.keywords)
                for comparison in comparisons
            ]
