"""The page editor's action menu: each role's own action is the visible button, one publish action, and
destructive actions set apart and confirmed.

Wagtail puts "Lưu bản nháp" first for everyone and the rest under the ▲, in a fixed order: a reporter's
"Gửi duyệt" is hidden there, a leader at the last step sees "Xuất bản" beside "Duyệt và xuất bản", the
education office sees "Ngừng xuất bản" next to "Xuất bản", and "Huỷ quy trình duyệt" sits next to "Gửi
lại" and runs on one click. ``construct_page_action_menu`` (Wagtail's hook for this) rearranges it:

1. A reviewer whose step it is approves: "Duyệt" (or "Duyệt và xuất bản" at the last step) is the main
   button, and the plain "Xuất bản" is dropped (approving publishes; one publish action).
2. Otherwise a person who may publish publishes ("Xuất bản"); one who may not submits ("Gửi duyệt", or
   "Gửi lại đến …" after a request for changes).
3. Saving a draft comes next, then the rest; "Ngừng xuất bản" and "Huỷ quy trình duyệt" go last, set apart
   (``sen-action-apart``), never the main button; cancelling asks for confirmation first
   (``js/sen-admin-actions.js``), unpublishing opens Wagtail's confirmation page.

The menu items are Wagtail's own (rendered by their templates), only reordered; the two set apart and the
submit item are drawn by Sen's subclasses.
"""

from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.action_menu import (
    ActionMenuItem,
    PageLockedMenuItem,
    SubmitForModerationMenuItem,
    WorkflowMenuItem,
)

SAVE_DRAFT = "action-save-draft"
PUBLISH = "action-publish"
SUBMIT = "action-submit"
UNPUBLISH = "action-unpublish"
CANCEL_WORKFLOW = "action-cancel-workflow"
APART = (UNPUBLISH, CANCEL_WORKFLOW)


class SubmitMenuItem(SubmitForModerationMenuItem):
    """ "Gửi duyệt" rather than "Gửi đến Duyệt tin hai cấp" (the workflow's name means little to a reporter);
    after a request for changes Wagtail's "Gửi lại đến <step>" stays."""

    def __init__(self, item):
        super().__init__(order=item.order)

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        page = context.get("page")
        workflow_state = page.current_workflow_state if page is not None and page.pk else None
        if workflow_state is None or workflow_state.status != workflow_state.STATUS_NEEDS_CHANGES:
            context["label"] = _("Submit for approval")
        return context


class ApartMenuItem(ActionMenuItem):
    """A destructive item (``item``, Wagtail's), drawn last and apart; a button asks before it acts."""

    template_name = "cms/admin/action_menu/apart_item.html"
    confirmations = {
        CANCEL_WORKFLOW: gettext_lazy(
            "Cancel the approval of this page? It will no longer await review; the reviewers' comments stay "
            "in its history."
        ),
    }

    def __init__(self, item):
        super().__init__(order=item.order)
        self.item = item
        self.name = item.name
        self.label = item.label
        self.icon_name = item.icon_name

    def is_shown(self, context):
        return self.item.is_shown(context)

    def get_url(self, parent_context):
        return self.item.get_url(parent_context)

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["label"] = str(self.item.label).strip()  # Wagtail's "Cancel workflow " ends with a space
        context["confirm"] = self.confirmations.get(self.name, "")
        return context

    @property
    def media(self):
        return self.item.media


def _is_approve(item):
    return isinstance(item, WorkflowMenuItem) and item.name == "approve" and not item.launch_modal


def main_action(items, context):
    """The item a person of this role came to do, or None to keep Wagtail's first."""
    names = {getattr(item, "name", None): item for item in items}
    for item in items:
        if _is_approve(item):
            return item
    if any(isinstance(item, PageLockedMenuItem) for item in items):
        return None
    if PUBLISH in names:
        return names[PUBLISH]
    return names.get(SUBMIT)


@hooks.register("construct_page_action_menu")
def each_role_sees_its_own_action_first(menu_items, request, context):
    if any(_is_approve(item) for item in menu_items):
        # Approving at the last step publishes: a second "Xuất bản" beside it would be the same act twice.
        menu_items[:] = [item for item in menu_items if getattr(item, "name", None) != PUBLISH]
    menu_items[:] = [
        SubmitMenuItem(item) if type(item) is SubmitForModerationMenuItem else item for item in menu_items
    ]
    main = main_action(menu_items, context)
    apart = [ApartMenuItem(item) for item in menu_items if getattr(item, "name", None) in APART]
    rest = [item for item in menu_items if item is not main and getattr(item, "name", None) not in APART]
    menu_items[:] = ([main] if main is not None else []) + rest + apart
    if menu_items and isinstance(menu_items[0], ApartMenuItem):
        # Only destructive actions left: none of them is the main button.
        menu_items.insert(0, NothingElseMenuItem())


class NothingElseMenuItem(ActionMenuItem):
    """The main button when only destructive actions are left: a disabled notice, like "Trang đã bị khoá"."""

    name = "sen-nothing-else"
    template_name = "cms/admin/action_menu/disabled_item.html"
    label = gettext_lazy("No other action")


@hooks.register("insert_editor_js")
def confirm_destructive_actions():
    return format_html('<script src="{}"></script>', static("js/sen-admin-actions.js"))


@hooks.register("insert_global_admin_css")  # Wagtail 8 has no insert_editor_css any more
def destructive_actions_apart():
    return format_html('<link rel="stylesheet" href="{}">', static("css/sen-admin-actions.css"))
