"""Names of the Wagtail hooks through which content plugins contribute to the core.

The core (cms, home, search) never imports a content app: it calls
``wagtail.hooks.get_hooks(NAME)`` and uses whatever the installed plugins
registered with ``@hooks.register(NAME)``.
"""

from dataclasses import dataclass, field

from wagtail import hooks

# fn(page_tree) -> None. Creates the plugin's demo content under the demo home page,
# idempotently. ``page_tree`` is a DemoContext (see home.demo).
DEMO_CONTENT = "sen_demo_content"

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

# fn(article_page, targets: list[LinkTarget]) -> list[str]. Lets a plugin attach an
# article that reports on its content (e.g. an inspection report) to that content.
# Returns human-readable lines saying what was attached.
ATTACH_REPORT = "sen_attach_report"


# fn(now) -> None. Periodic upkeep run by `manage.py sen_worker` about once a minute
# (scheduled publishing is built in; plugins add retries, pruning…). Must be idempotent.
PERIODIC_TASKS = "sen_periodic_tasks"

# fn() -> list[cms.roles.WorkflowSection]. The plugin's sections under approval: their index
# pages, which workflow ("news": two levels, "center": one step) and which role may do what.
WORKFLOW_SECTIONS = "sen_workflow_sections"


# fn() -> list[cms.generate.ContentGenerator]. Bulk test content for `manage.py generate_content`
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
