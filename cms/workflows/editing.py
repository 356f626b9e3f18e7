"""The page editor's answers: autosave keeps quiet while a form is merely incomplete, and each workflow
action says what it did.

Wagtail's autosave posts the whole form every half second; a field required even for a draft (the title,
a date, a choice) left empty answers 400 "validation_error", and the indicator turns to "Autosave is
paused" with a warning. Here an autosave whose only errors are empty required fields answers 200 with
``incomplete: true`` and the names of the missing fields; ``js/sen-admin-autosave.js`` shows that as a
quiet "Chưa lưu: còn thiếu …". Nothing is saved, so no untitled page is ever created. Any other error (a
bad value, a taken slug) keeps Wagtail's warning.

After a workflow action Wagtail says only "Page … has been updated" (from the edit view) or nothing (from
the dashboard). Here the message says what happened: approved and published (or scheduled), approved and
passed on to the next step, or changes requested.

The views are Wagtail's, in a page viewset registered for every page type (``register_admin_viewset``).
"""

from django.http import JsonResponse
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.admin.views.pages.create import CreateView
from wagtail.admin.views.pages.edit import EditView
from wagtail.admin.views.pages.workflow import WorkflowActionView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page, TaskState

from cms.workflows.adding import LabelledAddIndexView

# "required": an empty required field; "incomplete": a page's own check that something is still to be
# given (a video or an embed address), raised with that code by the page model's clean().
MISSING = {"required", "incomplete"}


def missing_fields(form):
    """Labels of the fields still to fill in when they are the form's only errors, else None."""
    if form.non_field_errors() or any(formset.total_error_count() for formset in form.formsets.values()):
        return None
    errors = form.errors.as_data()
    if not errors or any(error.code not in MISSING for field_errors in errors.values() for error in field_errors):
        return None
    if "title" in errors:
        errors.pop("slug", None)  # the slug is made from the title as it is typed
    return [str(capfirst(form.fields[name].label or name)) for name in errors if name in form.fields]


class QuietIncompleteAutosave:
    """An autosave of a form that only lacks required fields: 200, nothing saved, no warning."""

    def form_invalid(self, form):
        missing = missing_fields(form) if self.expects_json_response else None
        if not missing:
            return super().form_invalid(form)
        return JsonResponse(
            {
                "success": False,
                "incomplete": True,
                "missing": missing,
                "error_code": "validation_error",
                "error_message": _("Not saved yet: %(fields)s missing.") % {"fields": ", ".join(missing)},
            }
        )


def workflow_action_message(page, action):
    """What a reviewer's action did to ``page``, in one sentence; None for actions Wagtail words well."""
    page = page.specific_deferred
    page.refresh_from_db()
    title = page.get_admin_display_title()
    if action == "reject":
        return _("Changes requested on page '%(page_title)s'.") % {"page_title": title}
    if action != "approve":
        return None
    workflow_state = page.current_workflow_state
    if workflow_state is not None and workflow_state.current_task_state:
        return _("Page '%(page_title)s' approved; it goes on to “%(task)s”.") % {
            "page_title": title,
            "task": workflow_state.current_task_state.task.name,
        }
    if page.live and not page.has_unpublished_changes:
        return _("Page '%(page_title)s' approved and published.") % {"page_title": title}
    scheduled = page.scheduled_revision
    if scheduled is not None and scheduled.approved_go_live_at:
        when = formats.date_format(timezone.localtime(scheduled.approved_go_live_at), "d/m/Y H:i")
        return _("Page '%(page_title)s' approved; it will be published on %(time)s.") % {
            "page_title": title,
            "time": when,
        }
    return _("Page '%(page_title)s' approved and published.") % {"page_title": title}


class SenCreateView(QuietIncompleteAutosave, CreateView):
    pass


class SenEditView(QuietIncompleteAutosave, EditView):
    def add_save_confirmation_message(self):
        message = None
        if self.action_name == "perform_workflow_action":  # also called by a plain save, with no action
            message = workflow_action_message(self.page, self.workflow_action)
        if message is None:
            return super().add_save_confirmation_message()
        messages.success(self.request, message)


class SenWorkflowActionView(WorkflowActionView):
    """The dashboard's approve / request changes: the same message as from the edit view."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        status = TaskState.objects.filter(pk=self.task_state.pk).values_list("status", flat=True).first()
        if status != TaskState.STATUS_IN_PROGRESS:
            message = workflow_action_message(self.object, self.action_name)
            if message:
                messages.success(request, message)
        return response


class SenPageViewSet(PageViewSet):
    """Wagtail's page views for every page type, with the answers above and a labelled "Thêm …" button
    on each listing (cms/workflows/adding.py)."""

    model = Page
    name = "sen_pages"
    add_view_class = SenCreateView
    edit_view_class = SenEditView
    workflow_action_view_class = SenWorkflowActionView
    index_view_class = LabelledAddIndexView  # "Thêm tin bài", not an icon-only ⊕
