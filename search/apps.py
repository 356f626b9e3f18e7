from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save, pre_save
from django.utils.translation import gettext_lazy as _
from wagtail.signals import page_published, page_unpublished


class SearchConfig(AppConfig):
    name = "search"
    label = "sen_search"
    verbose_name = _("Site search")

    def ready(self):
        from . import indexing, synonyms  # in ready(): they import models, not loadable during app loading
        from .models import Abbreviation

        page_published.connect(indexing.on_page_published, dispatch_uid="sen_search_published")
        page_unpublished.connect(indexing.on_page_unpublished, dispatch_uid="sen_search_unpublished")
        post_save.connect(indexing.on_page_saved, dispatch_uid="sen_search_page_saved")
        post_migrate.connect(indexing.on_post_migrate, sender=self, dispatch_uid="sen_search_post_migrate")
        pre_save.connect(synonyms.remember_old_forms, sender=Abbreviation, dispatch_uid="sen_search_abbr_old")
        post_save.connect(synonyms.on_abbreviation_changed, sender=Abbreviation, dispatch_uid="sen_search_abbr_saved")
        post_delete.connect(
            synonyms.on_abbreviation_changed, sender=Abbreviation, dispatch_uid="sen_search_abbr_deleted"
        )
