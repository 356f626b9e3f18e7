from django import template
from django.template.loader import render_to_string
from wagtail.models import Site

from cms import hooks as sen_hooks
from cms.text import format_long_date, format_number

register = template.Library()


@register.filter
def vn_number(value):
    """873969 -> "873.969"."""
    return format_number(value)


@register.filter
def long_date(value):
    """A date as "Thứ Ba, 20/06/2017"."""
    return format_long_date(value)


@register.simple_tag(takes_context=True)
def render_block(context, block):
    """Render a Block contributed by a plugin, with the request available to its template."""
    request = context.get("request")
    return render_to_string(block.template, {**block.context, "page": context.get("page")}, request=request)


@register.simple_tag(takes_context=True)
def sidebar_widgets(context):
    return sen_hooks.collect(sen_hooks.SIDEBAR_WIDGETS, context.get("request"), context.get("page"))


@register.simple_tag(takes_context=True)
def site_menu(context):
    """The live pages just below the site's home page that editors marked "show in menus"."""
    request = context.get("request")
    if request is None:
        return []
    site = Site.find_for_request(request)
    if site is None:
        return []
    cache_attr = "_sen_site_menu"
    if not hasattr(request, cache_attr):
        root = site.root_page.localized
        setattr(request, cache_attr, list(root.get_children().live().public().in_menu().specific(defer=True)))
    return getattr(request, cache_attr)
