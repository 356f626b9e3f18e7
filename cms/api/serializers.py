"""Sen's page serializer for the API v2 (imported by the views, once the models are loaded)."""

from wagtail.api.v2.serializers import PageParentField, PageSerializer, RelatedField
from wagtail.models import Page


class ListedPageRelatedField(RelatedField):
    """A page a page links to (a foreign key), or null when the API does not list it.

    Wagtail serialises such a link (id, type, title, URLs) whatever the target's state;
    a draft or a page behind a login or password would then be announced by its title.
    The API's own public, live pages (``base_queryset``) decide, as for ``parent``.
    """

    def get_attribute(self, instance):
        page = super().get_attribute(instance)
        base_queryset = self.context.get("base_queryset")
        if page is None or base_queryset is None:
            return page
        listed = self.context.setdefault("_sen_listed_pages", {})
        if page.pk not in listed:
            listed[page.pk] = base_queryset.filter(pk=page.pk).exists()
        return page if listed[page.pk] else None


class ListedParentField(PageParentField):
    """Wagtail's ``parent``, read in one query: the parent among the API's listed pages (``base_queryset``), or
    null (Wagtail reads the parent, then asks whether it is listed)."""

    def get_attribute(self, instance):
        if instance.depth <= 1:
            return None
        known = getattr(self.context.get("view"), "known_parents", {})
        if instance.pk in known:  # read with the page (the detail view)
            return known[instance.pk]
        return self.context["base_queryset"].filter(path=instance.path[: -instance.steplen]).first()


class SenPageSerializer(PageSerializer):
    """Wagtail's page serializer, with links to other pages only when those are listed."""

    parent = ListedParentField(read_only=True)

    def build_relational_field(self, field_name, relation_info):
        field_class, field_kwargs = super().build_relational_field(field_name, relation_info)
        related = relation_info.related_model
        if field_class is RelatedField and isinstance(related, type) and issubclass(related, Page):
            field_class = ListedPageRelatedField
        return field_class, field_kwargs
