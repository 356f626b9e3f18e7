"""Keeping the index in step with the abbreviations list (``search.models.Abbreviation``).

A page's index row holds the other form of each abbreviation it uses (``indexing.variant_words``).
When an administrator adds, changes or deletes an abbreviation, the pages that hold either form,
before or after the change, are indexed again, in a background task (``sen_worker``, or inline
when tasks run inline)."""

from django.db import transaction
from django_tasks import task
from wagtail.models import Page

from .indexing import index_pages, words
from .models import SearchEntry
from .query import match_entries

CHUNK = 500


def _forms(abbreviation):
    return [words(abbreviation.short), words(abbreviation.full)]


@task()
def reindex_pages_with(forms):
    """Index again every page (live or not) whose row holds one of ``forms`` (lists of folded words)."""
    ids = set()
    for form in forms:
        if form:
            ids.update(match_entries(SearchEntry.objects.all(), [tuple(form)]).values_list("page_id", flat=True))
    ids = sorted(ids)
    for start in range(0, len(ids), CHUNK):
        index_pages(Page.objects.filter(pk__in=ids[start : start + CHUNK]).specific())
    return len(ids)


def remember_old_forms(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    old = sender.objects.filter(pk=instance.pk).first()
    instance._sen_old_forms = _forms(old) if old is not None else []


def on_abbreviation_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    forms = _forms(instance) + getattr(instance, "_sen_old_forms", [])
    transaction.on_commit(lambda: reindex_pages_with.enqueue(forms))
