"""What the site search contributes to the core (through Sen's hooks)."""

from wagtail import hooks

from cms import hooks as sen_hooks
from search import api


@hooks.register(sen_hooks.API_ENDPOINTS, order=-10)
def register_api(router):
    """Site search in Sen's API: /api/sen/search (after home's endpoints, before the plugins')."""
    api.register(router)
