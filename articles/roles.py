"""News and video bulletins under the two-level approval ("Duyệt tin hai cấp")."""

from wagtail import hooks

from articles.models import NewsIndexPage, VideoIndexPage
from cms import hooks as sen_hooks
from cms.workflows import roles

CATEGORY_PERMISSIONS = ["articles.add_category", "articles.change_category"]


@hooks.register(sen_hooks.WORKFLOW_SECTIONS)
def workflow_sections():
    page_permissions = {
        # Reporters create pages and edit their own until they submit them; never publish.
        roles.REPORTER: ["add"],
        # Editors review and correct any article, but publishing is the leader's.
        roles.EDITOR: ["add", "change", "lock", "unlock"],
        roles.LEADER: ["add", "change", "publish", "lock", "unlock"],
    }
    return [
        sen_hooks.WorkflowSection(
            name="news",
            pages=lambda: [*NewsIndexPage.objects.all(), *VideoIndexPage.objects.all()],
            workflow=roles.NEWS_WORKFLOW,
            page_permissions=page_permissions,
            model_permissions={
                roles.EDITOR: CATEGORY_PERMISSIONS,
                roles.LEADER: [*CATEGORY_PERMISSIONS, "articles.delete_category"],
            },
        )
    ]
