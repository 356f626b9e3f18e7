"""Building blocks for the demo content that ``manage.py load_demo`` creates.

Plugins contribute their part through the ``sen_demo_content`` hook; every
function here is idempotent, so running the command again changes nothing.
"""

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page, Site

from cms import hooks as sen_hooks
from cms.hooks import DemoContext
from home.models import HomePage


def ensure_locales():
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    return Locale.objects.get(language_code=settings.LANGUAGE_CODE)


def ensure_child(parent, model, slug, publish=True, **fields):
    """Return the child page of ``parent`` with ``slug``, creating (and publishing) it if missing.

    An existing page is left as the editors made it.
    """
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific, False
    if parent.depth == 2:
        # The demo's top-level sections appear in the site menu.
        fields.setdefault("show_in_menus", True)
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    page.refresh_from_db()
    return page, True


def ensure_home_page():
    """Make a HomePage the root of the default site, replacing Wagtail's welcome page."""

    locale = ensure_locales()
    root = Page.get_first_root_node()
    if root is None:  # a flushed database (`flush`, transactional tests) has lost Wagtail's tree root
        root = Page.add_root(instance=Page(title="Gốc", slug="root", locale=locale, live=True))  # as cms 0003 names it
    site = Site.objects.filter(is_default_site=True).first()
    home = HomePage.objects.filter(depth=2, locale=locale).first()
    created = home is None
    if created:
        home = HomePage(
            title=_("Home"),
            slug="trang-chu",
            locale=locale,
            intro="<p>%s</p>"
            % _(
                "News from the city, the city television bulletins, and the community learning "
                "centres and study-promotion associations of every ward and commune."
            ),
        )
        root.add_child(instance=home)
        home.save_revision().publish()
    if site is None:
        site = Site(is_default_site=True)
    if site.root_page_id != home.id:
        old_root_id = site.root_page_id
        hostname, _sep, port = settings.SEN_SITE_HOST.partition(":")
        site.hostname = hostname
        site.port = int(port or 80)
        site.root_page = home
        site.site_name = settings.WAGTAIL_SITE_NAME
        site.save()
        # Wagtail's placeholder "Welcome to your new Wagtail site!" page.
        if old_root_id:
            Page.objects.filter(id=old_root_id, depth=2, content_type__model="page").delete()
    return home, created


@transaction.atomic
def load_demo(stdout=None):
    home, created = ensure_home_page()
    context = DemoContext(home=home, stdout=stdout)
    if created:
        context.log(f"home page {home.title!r}")
    for fn in sen_hooks.hooks.get_hooks(sen_hooks.DEMO_CONTENT):
        fn(context)
    return context
