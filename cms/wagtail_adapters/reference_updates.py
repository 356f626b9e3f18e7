"""The reference index kept up to date by a task that tolerates a row deleted before it runs
(wagtail.signal_handlers.update_reference_index_on_save, reference_index_auto_update_disabled and
wagtail.tasks.update_reference_index_task).

Wagtail enqueues its task on every save of a tracked model, and the task reads the row back: a row
saved and deleted before the worker comes to it (a page's photos replaced on publishing, the demo
loader) fails with a traceback in the worker, although there is nothing left to index (Wagtail's
post_delete receiver removed its references). Sen enqueues its own task instead, which says so in
one log line. Models become tracked at different moments (Wagtail's ready(), the admin's viewsets,
and Wagtail reconnects its receivers after each migrate), so Wagtail's receiver is dropped for a
model just before a save, on pre_save. Imported from CmsConfig.ready() (it loads Wagtail's models).
"""

import logging

from django.core.exceptions import ObjectDoesNotExist
from django.db.models.signals import post_save, pre_save
from django_tasks import task
from wagtail import signal_handlers as wagtail_signal_handlers
from wagtail import tasks as wagtail_tasks
from wagtail.models import ReferenceIndex

logger = logging.getLogger("sen.references")


@task()
def update_reference_index(app_label, model_name, pk):
    """Wagtail's update of the reference index of one object; nothing to do if it is gone."""
    try:
        wagtail_tasks.update_reference_index_task.call(app_label, model_name, pk)
    except ObjectDoesNotExist:
        logger.info("reference index: %s.%s %s was deleted before its update ran", app_label, model_name, pk)


def _auto_update_disabled():
    return getattr(wagtail_signal_handlers.reference_index_auto_update_disabled, "value", False)


def _drop_wagtail_receiver(sender, **kwargs):
    if sender in ReferenceIndex.tracked_models:
        post_save.disconnect(wagtail_signal_handlers.update_reference_index_on_save, sender=sender)


def _enqueue_update(sender, instance, raw=False, **kwargs):
    # As Wagtail's receiver: not while loading fixtures (what they refer to may not be loaded yet).
    if raw or sender not in ReferenceIndex.tracked_models or _auto_update_disabled():
        return
    update_reference_index.enqueue(instance._meta.app_label, instance._meta.model_name, str(instance.pk))


def connect_signals():
    pre_save.connect(_drop_wagtail_receiver, dispatch_uid="sen_drop_wagtail_reference_receiver")
    post_save.connect(_enqueue_update, dispatch_uid="sen_update_reference_index")
