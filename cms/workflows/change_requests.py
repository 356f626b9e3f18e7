"""A reviewer's request for changes, shown where the author works until the author resubmits.

Wagtail keeps the comment in the workflow history and the e-mail only. Here the edit view of a
page or snippet whose workflow "needs changes" opens with a notice: who asked, at which step,
when, and the comment (the ``before_edit_page`` / ``before_edit_snippet`` hooks, on GET, the way
Wagtail itself shows lock notices). The status side panel says "Yêu cầu chỉnh sửa" with the same
comment (template ``wagtailadmin/shared/side_panels/includes/status/workflow.html``). The action
menu offers one way back, "Gửi lại đến …": Wagtail's "Restart workflow" is removed while changes
are requested, since it would send the item to the first step again.
"""

from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.utils import get_user_display_name
from wagtail.models import WorkflowState

RESTART_WORKFLOW = "action-restart-workflow"


def change_request(obj):
    """The rejected task state of ``obj``'s workflow while it needs changes, else None."""
    workflow_state = getattr(obj, "current_workflow_state", None)
    if workflow_state is None or workflow_state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return None
    return workflow_state.current_task_state


def notice(task_state):
    """ "Yêu cầu chỉnh sửa (Biên tập viên duyệt, Trần Thị Bình, 20/06/2017 14:30): “…”. …" as HTML."""
    finished_at = task_state.finished_at
    when = formats.date_format(timezone.localtime(finished_at), "d/m/Y H:i") if finished_at else ""
    who = get_user_display_name(task_state.finished_by) if task_state.finished_by else ""
    comment = task_state.get_comment()
    details = ", ".join(part for part in (task_state.task.name, who, when) if part)
    if comment:
        return format_html(
            "{} ({}): <q>{}</q> {}",
            _("Changes requested"),
            details,
            comment,
            _("Make the changes, then choose “Resubmit to %(task)s”.") % {"task": task_state.task.name},
        )
    return format_html(
        "{} ({}). {}",
        _("Changes requested"),
        details,
        _("Make the changes, then choose “Resubmit to %(task)s”.") % {"task": task_state.task.name},
    )


def _show_notice(request, obj):
    if request.method != "GET" or request.headers.get("x-requested-with") == "XMLHttpRequest":
        return
    task_state = change_request(obj)
    if task_state is not None:
        messages.warning(request, notice(task_state), extra_tags="change-request")


@hooks.register("before_edit_page")
def show_change_request_on_page(request, page):
    _show_notice(request, page)


@hooks.register("before_edit_snippet")
def show_change_request_on_snippet(request, instance):
    _show_notice(request, instance)


def _one_resubmit_action(menu_items, obj):
    if change_request(obj) is not None:
        menu_items[:] = [item for item in menu_items if getattr(item, "name", "") != RESTART_WORKFLOW]


@hooks.register("construct_page_action_menu")
def one_resubmit_action_for_pages(menu_items, request, context):
    page = context.get("page")
    if page is not None and page.pk:
        _one_resubmit_action(menu_items, page)


@hooks.register("construct_snippet_action_menu")
def one_resubmit_action_for_snippets(menu_items, request, context):
    instance = context.get("instance")
    if instance is not None and getattr(instance, "pk", None):
        _one_resubmit_action(menu_items, instance)
