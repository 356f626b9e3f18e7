from django.db import models
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.widgets import AdminAutoHeightTextInput

from cms.forms import MultilineTextField
from cms.widgets import VietnameseSlugInput

# Every slug field in the admin (pages and snippets) transliterates Vietnamese.
register_form_field_override(models.SlugField, override={"widget": VietnameseSlugInput})
# Text areas save "\n" line endings, whatever the browser posts (Wagtail's widget kept).
register_form_field_override(
    models.TextField,
    override={"widget": AdminAutoHeightTextInput, "form_class": MultilineTextField},
    exact_class=True,
)

# Webhooks, draft preview and the editorial roles register their own admin views and hooks.
import cms.change_requests  # noqa: E402, F401  (a reviewer's request for changes shown on the edit view)
import cms.compare  # noqa: E402, F401  (revision comparisons: only real changes, Vietnamese dates)
import cms.guide  # noqa: E402, F401  (the editor's guide in the help menu, instead of guide.wagtail.org)
import cms.preview  # noqa: E402, F401
import cms.roles  # noqa: E402, F401  (roles, workflows, demo accounts)
import cms.webhooks.wagtail_hooks  # noqa: E402, F401
