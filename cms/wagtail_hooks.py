from django.db import models
from wagtail.admin.forms.models import register_form_field_override

from cms.widgets import VietnameseSlugInput

# Every slug field in the admin (pages and snippets) transliterates Vietnamese.
register_form_field_override(models.SlugField, override={"widget": VietnameseSlugInput})

# Webhooks, draft preview and the editorial roles register their own admin views and hooks.
import cms.preview  # noqa: E402, F401
import cms.roles  # noqa: E402, F401  (roles, workflows, demo accounts)
import cms.webhooks.wagtail_hooks  # noqa: E402, F401
