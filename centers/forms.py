"""The admin form of a centre page: checks that span the page and its inline rows."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm


class CenterPageForm(WagtailAdminPageForm):
    """Rejects two yearly reports for the same school year as a form error (not a database error)."""

    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get("yearly_reports")
        if formset is not None:
            formset.is_valid()  # validates each row so that cleaned_data is there
            seen = set()
            for form in formset.forms:
                data = getattr(form, "cleaned_data", None) or {}
                if not data or data.get("DELETE"):
                    continue
                year = data.get("school_year")
                if not year:
                    continue
                if year in seen:
                    form.add_error(
                        "school_year",
                        _("There is already a report for the school year %(year)s on this centre.") % {"year": year},
                    )
                seen.add(year)
        return cleaned_data
