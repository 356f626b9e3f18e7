"""The i18n app's Wagtail hooks."""

from wagtail import hooks

from cms import hooks as sen_hooks
from cms.i18n import demo, translations

# A page is served only under its own language's prefix (/ Vietnamese, /en/ English).
hooks.register("before_serve_page", translations.serve_only_in_own_language)
# The demo's English pages, once the plugins made the Vietnamese ones (before the roles: same order, loaded first).
hooks.register(sen_hooks.DEMO_CONTENT, order=100)(demo.translate_demo_pages)
