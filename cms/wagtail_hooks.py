from django.db import models
from wagtail.admin.forms.models import register_form_field_override

from cms.numbers import ClockDurationField, VietnameseDecimalField, VietnameseFloatField, VietnameseIntegerField
from cms.widgets import VietnameseSlugInput

# Every slug field in the admin (pages and snippets) transliterates Vietnamese.
register_form_field_override(models.SlugField, override={"widget": VietnameseSlugInput})

# Every number field reads figures the Vietnamese way ("25.000.000"), shows them grouped, and
# refuses ambiguous input instead of truncating it; durations read as a clock ("12:30").
register_form_field_override(models.IntegerField, override={"form_class": VietnameseIntegerField})
register_form_field_override(models.DecimalField, override={"form_class": VietnameseDecimalField})
register_form_field_override(models.FloatField, override={"form_class": VietnameseFloatField})
register_form_field_override(models.DurationField, override={"form_class": ClockDurationField})

# Webhooks, draft preview and the editorial roles register their own admin views and hooks.
import cms.preview  # noqa: E402, F401
import cms.roles  # noqa: E402, F401  (roles, workflows, demo accounts)
import cms.webhooks.wagtail_hooks  # noqa: E402, F401
