"""Wagtail loads this module: roles, requests for changes and the guide register their hooks where they are defined."""

from django.templatetags.static import static
from django.utils.html import format_html, json_script
from django.utils.translation import gettext
from wagtail import hooks

from cms.workflows import (  # noqa: F401
    actions,  # each role's own action first in the editor's menu, destructive ones apart and confirmed
    adding,  # the dashboard's "Thêm …" quick actions
    change_requests,  # a reviewer's request for changes shown on the edit view
    guide,  # the editor's guide in the help menu, instead of guide.wagtail.org
    roles,  # roles, workflows, demo accounts, no superuser changes by non-superusers
)
from cms.workflows.editing import SenPageViewSet


@hooks.register("register_admin_viewset")
def page_views_with_clear_answers():
    """Every page type's create and edit views: quiet incomplete autosaves, workflow messages that say what
    happened (registered after Wagtail's base page viewset, which it replaces)."""
    return SenPageViewSet()


@hooks.register("insert_editor_js")
def autosave_says_what_is_missing():
    """The autosave indicator shows "Chưa lưu: còn thiếu …" instead of a warning for an incomplete form."""
    words = {"incomplete": gettext("Not saved yet")}
    return json_script(words, "sen-autosave-words") + format_html(
        '<script src="{}"></script>', static("js/sen-admin-autosave.js")
    )


@hooks.register("insert_global_admin_css")  # Wagtail 8 calls no insert_editor_css
def autosave_quiet_state():
    return format_html('<link rel="stylesheet" href="{}">', static("css/sen-admin-autosave.css"))
