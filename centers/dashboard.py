"""A centre's staff at home in the admin: their centre on the dashboard and in the main menu.

Staff accounts (``centers.roles``) may change their centre's page and nothing else, so Wagtail's
page explorer shows them an empty listing of the centre's (no) child pages. Instead:

- the dashboard opens with a panel per centre they keep: the page (status, edit link), its
  current yearly report (the latest school year in the newest draft, with the report form's
  link) and what awaits approval (the workflow step and since when, a change request with its
  comment, or the school years whose figures are not yet published);
- the main menu's "Pages" item becomes "My centre", straight to the centre's edit view.
"""

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.utils import get_user_display_name
from wagtail.models import GroupPagePermission, WorkflowState

from centers.models import CenterPage
from cms.text import format_number
from cms.workflows.change_requests import change_request
from cms.workflows.change_requests import notice as change_request_notice


def reports_anchor():
    """The HTML id of the yearly reports' panel on the edit view, e.g. "#panel-child-noi_dung-bao_cao_nam_hoc-section".

    Wagtail names panels after their (translated) headings: walk the edit handler as it does
    (a group's children get the prefix "<group prefix>-child-<identifier>"; the group's template
    gives each child's section the id "<group prefix>-<identifier>-section").
    """

    def find(panel, prefix):
        children = getattr(panel, "children", [])
        for child, identifier in zip(children, getattr(panel, "child_identifiers", []), strict=False):
            if getattr(child, "relation_name", None) == "yearly_reports":
                return f"{prefix}-{identifier}"
            found = find(child, f"{prefix}-child-{identifier}")
            if found:
                return found
        return None

    found = find(CenterPage.get_edit_handler(), "panel")
    return f"#{found}-section" if found else ""


def staff_centres(user):
    """The centres whose page ``user`` was given directly, through a group (a centre's staff)."""
    if not user.is_authenticated or not user.is_active or user.is_superuser:
        return CenterPage.objects.none()
    return CenterPage.objects.filter(group_permissions__group__user=user).distinct().order_by("path")


def is_centre_staff_only(user, centres):
    """True when every page ``user`` may work on is one of ``centres`` (nothing else to explore)."""
    if not centres:
        return False
    return not GroupPagePermission.objects.filter(group__user=user).exclude(page__in=centres).exists()


def _date(value):
    return formats.date_format(timezone.localtime(value), "d/m/Y H:i") if value else ""


def _report_figures(report):
    return [
        (_("Classes"), format_number(report.total_classes)),
        (_("Attendances"), format_number(report.attendances or 0)),
        (_("Funding (VND)"), format_number(report.total_funding)),
    ]


def _unpublished_years(page, draft):
    """School years whose figures in the newest draft differ from the published page."""
    live = {report.school_year: report.api_representation() for report in page.yearly_reports.all()}
    if not page.live:
        live = {}
    changed = [
        report.school_year
        for report in draft.yearly_reports.all()
        if live.get(report.school_year) != report.api_representation()
    ]
    return sorted(changed)


def _awaiting(page, draft):
    """What awaits approval for ``page``: (state key, sentence, optional HTML detail)."""
    workflow_state = page.current_workflow_state
    if workflow_state is not None and workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        return (
            "needs_changes",
            _("Changes requested: make them, then resubmit."),
            change_request_notice(change_request(page)),
        )
    if workflow_state is not None and workflow_state.status == WorkflowState.STATUS_IN_PROGRESS:
        task_state = workflow_state.current_task_state
        return (
            "in_moderation",
            _("Awaiting approval at “%(task)s” since %(date)s (submitted by %(user)s).")
            % {
                "task": task_state.task.name if task_state else workflow_state.workflow.name,
                "date": _date(task_state.started_at if task_state else workflow_state.created_at),
                "user": get_user_display_name(workflow_state.requested_by) if workflow_state.requested_by else "",
            },
            None,
        )
    if page.has_unpublished_changes or not page.live:
        return "draft", _("Draft not submitted yet: open the page and choose “Submit for approval”."), None
    return "published", _("Everything is published: nothing awaits approval."), None


def centre_summary(page):
    """What the dashboard says about one centre."""
    draft = page.get_latest_revision_as_object() if page.has_unpublished_changes else page
    reports = sorted(draft.yearly_reports.all(), key=lambda report: report.school_year)
    report = reports[-1] if reports else None
    state, sentence, detail = _awaiting(page, draft)
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    return {
        "page": page,
        "title": draft.title,
        "edit_url": edit_url,
        "reports_url": edit_url + reports_anchor(),
        "live_url": page.url if page.live else "",
        "last_updated": _date(page.latest_revision_created_at or page.last_published_at),
        "report": report,
        "report_figures": _report_figures(report) if report else [],
        "unpublished_years": _unpublished_years(page, draft),
        "state": state,
        "state_sentence": sentence,
        "state_detail": detail,
    }


class StaffCentresPanel(Component):
    """The dashboard panel of a centre's staff: their centre, its current report, what awaits approval."""

    name = "sen_staff_centres"
    template_name = "centers/admin/staff_centres_panel.html"
    order = 50  # before Wagtail's own panels (moderation 210+, recent edits 250)

    def __init__(self, centres):
        self.centres = centres

    def get_context_data(self, parent_context=None):
        return {"centres": [centre_summary(page) for page in self.centres]}


@hooks.register("construct_homepage_panels")
def add_staff_centres_panel(request, panels):
    centres = list(staff_centres(request.user).select_related("latest_revision"))
    if centres:
        panels.append(StaffCentresPanel(centres))


@hooks.register("construct_main_menu")
def my_centre_menu_item(request, menu_items):
    """For staff who keep only their centre, "My centre" (its edit view) instead of the explorer."""
    centres = list(staff_centres(request.user))
    if not is_centre_staff_only(request.user, centres):
        return
    if len(centres) == 1:
        label, url = gettext_lazy("My centre"), reverse("wagtailadmin_pages:edit", args=[centres[0].pk])
    else:
        label, url = gettext_lazy("My centres"), reverse("wagtailadmin_home")
    menu_items[:] = [item for item in menu_items if item.name != "explorer"]
    menu_items.append(MenuItem(label, url, name="sen-my-centre", icon_name="home", order=100))
