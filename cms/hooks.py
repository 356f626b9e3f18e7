"""Names of the Wagtail hooks through which content plugins contribute to the core.

The core (cms, home, search) never imports a content app: it calls
``wagtail.hooks.get_hooks(NAME)`` and uses whatever the installed plugins
registered with ``@hooks.register(NAME)``.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from wagtail import hooks

# fn(context: DemoContext) -> None. Creates the app's demo content under the demo home page,
# idempotently (``manage.py load_demo``, see home.demo).
DEMO_CONTENT = "sen_demo_content"

# fn(language_code) -> dict[str, str]. Titles of the app's demo pages in another content
# language, by their Vietnamese titles ({"Tin tức": "News"} for "en"); wagtail-localize
# translations of the demo (cms.i18n.demo) use them. Unknown language: {}.
DEMO_TRANSLATIONS = "sen_demo_translations"

# fn(request, page) -> list[Block]. Sections shown on the home page.
HOME_SECTIONS = "sen_home_sections"

# fn(request, page) -> list[Block]. Widgets shown in the site sidebar.
SIDEBAR_WIDGETS = "sen_sidebar_widgets"

# fn() -> list of (name, page model) pairs that search can filter by.
SEARCH_FACETS = "sen_search_facets"

# fn() -> list of feed URL patterns (django.urls.path objects).
FEED_URLS = "sen_feed_urls"

# fn(router) -> None. Registers the plugin's API endpoints: ``router`` is Sen's django-ninja
# API (/api/sen/); call ``router.add_router("/<plugin>/", ninja_router)``.
API_ENDPOINTS = "sen_api_endpoints"

# fn() -> list[LinkTarget]. Things an imported or edited text may mention by name
# (e.g. a learning centre), so that the mention can become a link to its page.
LINK_TARGETS = "sen_link_targets"


# fn(now) -> datetime | None. The next time after ``now`` that the app's public content changes by the
# clock alone (a page's expiry, an announcement's start or end): cached pages are retired then (cms.generation).
SCHEDULED_CHANGES = "sen_scheduled_changes"

# fn(now) -> None. Periodic upkeep run by `manage.py sen_worker` about once a minute
# (scheduled publishing is built in; plugins add retries, pruning…). Must be idempotent.
PERIODIC_TASKS = "sen_periodic_tasks"

# fn() -> list[Role]. Editorial roles (Django groups) the app adds to the core's reporter,
# editor, leader and administrator (e.g. the centres' education office); see cms.workflows.roles.
ROLES = "sen_roles"

# fn() -> list[WorkflowDefinition]. Approval workflows the app adds to the core's two-level
# news workflow (e.g. the centres' one-step review); their tasks name roles by key.
WORKFLOWS = "sen_workflows"

# fn() -> list[WorkflowSection]. The app's sections under approval: their index pages and
# snippets, which workflow (by key) and which role may do what there.
WORKFLOW_SECTIONS = "sen_workflow_sections"


# fn() -> list[ContentGenerator]. Bulk test content for `manage.py generate_content`
# (each generator adds an option, e.g. --news N); see cms/generate.py.
GENERATE_CONTENT = "sen_generate_content"


def collect(hook_name, *args, **kwargs):
    """Call every function registered for ``hook_name`` and flatten the lists they return."""
    items = []
    for fn in hooks.get_hooks(hook_name):
        result = fn(*args, **kwargs)
        if result:
            items.extend(result)
    if all(isinstance(item, Block) for item in items):
        items.sort(key=lambda item: item.order)
    return items


@dataclass
class LinkTarget:
    """A named thing a text can mention: its names (and aliases), the page to link, its kind."""

    names: list
    page: object
    kind: str = ""
    context: dict = field(default_factory=dict)


@dataclass
class Block:
    """A piece of page a plugin contributes: a template and its context, placed by ``order``."""

    template: str
    context: dict = field(default_factory=dict)
    order: int = 100
    title: str = ""
    # Sidebar widgets are kept in the chrome cache until the content changes (cms/chrome.py): a
    # widget whose content changes with the clock says within how many seconds it does.
    expires: float | None = None


@dataclass
class Role:
    """An editorial role: a Django group, made by ``manage.py setup_roles``.

    - ``key``: stable, used in code and in ``WorkflowSection`` permissions ("education_office");
    - ``name``: the group's name, Vietnamese data like the demo content ("Phòng Giáo dục");
    - ``collection_permissions``: on the root collection, for images and documents (["add", "choose"]);
    - ``demo_account``: (username, full name family name first) of its account in demo databases, or ().
    """

    key: str
    name: str
    collection_permissions: list = field(default_factory=list)
    demo_account: tuple = ()


@dataclass
class WorkflowDefinition:
    """An approval workflow: its key, its name (Vietnamese data) and its tasks in order.

    ``tasks``: [(task name, role key)], e.g. [("Phòng Giáo dục duyệt", "education_office")];
    each task is a group approval task reviewed by the role's group.
    """

    key: str
    name: str
    tasks: list = field(default_factory=list)


@dataclass
class WorkflowSection:
    """Where a workflow applies and who may do what there; apps return these from the hook.

    - ``pages``: the section's index pages (a queryset, list, or a function returning one): the
      workflow is attached to each, and ``page_permissions`` ({role key: ["add", "change",
      "publish", …]}) granted there.
    - ``workflow``: a workflow's key: the core's ``"news"`` (two levels) or one an app adds.
    - ``content_types``: snippet models ("app_label.Model") that go through the same workflow.
    - ``model_permissions``: {role key: ["app_label.codename", …]} (snippets and other models).
    - ``staff_pages``: pages that each get their own staff group (e.g. one per centre), named
      ``staff_group_name(page)``, with ``staff_page_permissions`` on that page only; when
      ``staff_demo_username(page)`` returns a name, the demo content has an account for it,
      whose person is ``staff_demo_full_name(page)`` ("Nguyễn Thị Lan") when given.
    """

    name: str
    pages: object = ()
    workflow: str = "news"
    page_permissions: dict = field(default_factory=dict)
    content_types: list = field(default_factory=list)
    model_permissions: dict = field(default_factory=dict)
    staff_pages: object = ()
    staff_group_name: object = None
    staff_page_permissions: list = field(default_factory=lambda: ["change"])
    staff_demo_username: object = None
    staff_demo_full_name: object = None


@dataclass
class DemoContext:
    """What an app's demo-content function gets: the home page, and a log of what was made."""

    home: object  # the demo's HomePage
    stdout: object = None
    created: list = field(default_factory=list)

    def log(self, message):
        self.created.append(message)
        if self.stdout is not None:
            self.stdout.write(f"  {message}")


@dataclass
class ContentGenerator:
    """A kind of bulk test content: ``manage.py generate_content --<option> N`` (see cms.generate)."""

    option: str  # the command's option: "news" -> --news N
    help: str
    generate: Callable  # fn(context: cms.generate.GenerateContext, count: int) -> int (pages added)
    order: int = 100
