"""Documents under the two-level approval ("Duyệt tin hai cấp"), like news."""

from wagtail import hooks

from cms import hooks as sen_hooks
from cms.workflows import roles
from documents.models import DocumentIndexPage

SNIPPETS = ["documentkind", "issuingbody", "documentfield"]


def _permissions(*actions):
    return [f"documents.{action}_{model}" for model in SNIPPETS for action in actions]


@hooks.register(sen_hooks.WORKFLOW_SECTIONS)
def workflow_sections():
    return [
        sen_hooks.WorkflowSection(
            name="documents",
            pages=lambda: list(DocumentIndexPage.objects.all()),
            workflow=roles.NEWS_WORKFLOW,
            page_permissions={
                roles.REPORTER: ["add"],
                roles.EDITOR: ["add", "change", "lock", "unlock"],
                roles.LEADER: ["add", "change", "publish", "lock", "unlock"],
            },
            model_permissions={
                roles.EDITOR: _permissions("add", "change"),
                roles.LEADER: _permissions("add", "change", "delete"),
            },
        )
    ]
