"""Signal handlers of the roles and workflows app, connected in ``SenWorkflowsConfig.ready()``."""

from wagtail.models import Page
from wagtail.signals import copy_for_translation_done

from cms.workflows import roles


def set_up_translated_page(sender, source_obj, target_obj, **kwargs):
    """A section index or a centre translated into another language (wagtail-localize copies it, with its
    missing parents) gets its workflow and the roles' permissions, as one made in the admin does: editors and
    leaders can then edit and publish the English pages they translate."""
    if isinstance(target_obj, Page):
        roles.set_up_page(target_obj.specific)


def connect():
    copy_for_translation_done.connect(set_up_translated_page, dispatch_uid="sen_set_up_translated_page")
