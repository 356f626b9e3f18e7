"""Content translation with wagtail-localize: ASCII slugs for translated pages, one locale per URL prefix.

Vietnamese is the source locale (served at /), English the second (served under /en/).
Editors translate with wagtail-localize; this module keeps what it produces consistent
with the rest of Sen.
"""

from django.db.models.signals import pre_save
from django.http import Http404
from wagtail.models import DraftStateMixin, Locale
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationContext,
    TranslationSource,
)
from wagtail_localize.strings import StringValue

from cms.languages import language_homes, request_language
from cms.text import slugify_vi


def ascii_slug_translation(sender, instance, **kwargs):
    """Turn a translated slug into an ASCII Vietnamese-aware slug as soon as the translator saves it.

    wagtail-localize runs Django's ``slugify`` on a translated page slug when it publishes
    the translation, and that drops "đ": "Cộng đồng học tập" would become "cong-ong-hoc-tap".
    Storing the segment as ``slugify_vi`` gives "cong-dong-hoc-tap", which ``slugify`` then
    leaves as it is; the translator sees the slug that will be used. Snippets' slug fields
    (SlugField accepts ASCII only) get the same treatment.
    """
    context = instance.context
    if context is None or context.path != "slug" or not instance.data:
        return
    slug = slugify_vi(instance.data, max_length=255)
    if slug and slug != instance.data:
        instance.data = slug


# The segments a slug is made from: a page's title, a snippet's name (a news category).
SLUG_SOURCES = ("title", "name")


def _title_slug(data):
    """The slug of a translated title: ASCII, Vietnamese diacritics removed, đ→d ("" for no text)."""
    return slugify_vi(StringValue(data).render_text(), max_length=255) if data else ""


def slug_with_title(sender, instance, **kwargs):
    """Translate the slug with the title: saving a title's translation writes the slug's, made from it.

    wagtail-localize asks for the slug as a segment of its own, on the "Promote" tab where nobody
    looks; left alone it keeps the Vietnamese slug (or stays unfinished). A slug the translator wrote
    themselves (one that is not the slug of the previous title) is kept.
    """
    context = instance.context
    if context is None or context.path not in SLUG_SOURCES or not instance.data:
        return
    slug_context = TranslationContext.objects.filter(object_id=context.object_id, path="slug").first()
    if slug_context is None:
        return
    segment = StringSegment.objects.filter(context=slug_context).select_related("string").order_by("-id").first()
    slug = _title_slug(instance.data)
    if segment is None or not slug:
        return
    previous_title = None
    if instance.pk:
        previous_title = StringTranslation.objects.filter(pk=instance.pk).values_list("data", flat=True).first()
    existing = StringTranslation.objects.filter(
        translation_of=segment.string, locale_id=instance.locale_id, context=slug_context
    ).first()
    if existing is not None and existing.data not in {_title_slug(previous_title), slug}:
        return  # the translator's own slug
    if existing is not None and existing.data == slug and not existing.has_error:
        return
    StringTranslation.objects.update_or_create(
        translation_of=segment.string,
        locale_id=instance.locale_id,
        context=slug_context,
        defaults={
            "data": slug,
            "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
            "last_translated_by": instance.last_translated_by,
            "has_error": False,
            "field_error": "",
        },
    )


def connect_signals():
    pre_save.connect(ascii_slug_translation, sender=StringTranslation, dispatch_uid="sen_ascii_slug_translation")
    pre_save.connect(slug_with_title, sender=StringTranslation, dispatch_uid="sen_slug_with_title")


def serve_only_in_own_language(page, request, serve_args, serve_kwargs):
    """A page is served only under its own language's prefix.

    Without an English home page, Wagtail routes /en/tin-tuc/ through the Vietnamese tree
    and would serve Vietnamese text as an English page (``<html lang="en">``, duplicate
    content for search engines). Such an address is a 404, whose page offers the Vietnamese
    original (see ``cms.i18n.templatetags.sen_i18n``) instead of pretending to be a translation.
    """
    if getattr(request, "is_preview", False) or getattr(page, "locale_id", None) is None:
        return None
    home = language_homes(request).get(request_language(request))
    if home is not None:
        locale_id = home.locale_id
    else:  # no live home page in this language (rare): ask the database
        locale = Locale.objects.filter(language_code=request_language(request)).first()
        locale_id = locale.pk if locale is not None else None
    if page.locale_id != locale_id:
        raise Http404
    return None


def translate(instance, locale, strings=None, user=None, publish=True):
    """Create or update the translation of ``instance`` into ``locale`` with wagtail-localize.

    What the admin's "Translate" and "Sync translated pages" actions do, for code (demo
    content, imports, tests): the source's segments are (re-)extracted from its current
    content, ``strings`` ({segment path: text}, e.g. {"title": "News"}) are saved as the
    translator's work, and the target is written with wagtail-localize's fallback: a
    segment nobody translated yet keeps the source text until someone does. A page's
    missing parents are translated too. The result is published when ``publish`` is true
    (explicitly, not after the commit, so that it works inside one transaction).

    Returns the translated instance.
    """
    source, _created = TranslationSource.update_or_create_from_instance(instance)
    strings = strings or {}
    if strings:
        segments = StringSegment.objects.filter(source=source).select_related("string", "context")
        for segment in segments:
            text = strings.get(segment.context.path)
            if text:
                StringTranslation.objects.update_or_create(
                    translation_of=segment.string,
                    locale=locale,
                    context=segment.context,
                    defaults={
                        "data": text,
                        "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                        "last_translated_by": user,
                        "has_error": False,
                        "field_error": "",
                    },
                )
    Translation.objects.update_or_create(source=source, target_locale=locale, defaults={"enabled": True})
    drafts = isinstance(instance, DraftStateMixin)
    target, _created = source.create_or_update_translation(
        locale, user=user, publish=not drafts, copy_parent_pages=True, fallback=True
    )
    if drafts and publish:
        target.get_latest_revision().publish(user=user)
        target.refresh_from_db()
    return target
