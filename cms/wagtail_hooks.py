from django.db import models
from wagtail.admin.forms.models import register_form_field_override

from cms.widgets import VietnameseSlugInput

# Every slug field in the admin (pages and snippets) transliterates Vietnamese.
register_form_field_override(models.SlugField, override={"widget": VietnameseSlugInput})
