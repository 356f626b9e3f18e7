"""Small template filters for Sen's overrides of Wagtail admin templates."""

from django import template

register = template.Library()


@register.filter
def app_name(content_type):
    """The (translated) name of a content type's app, e.g. "Tin tức" for articles.newspage."""
    model = content_type.model_class()
    return model._meta.app_config.verbose_name if model else content_type.app_label
