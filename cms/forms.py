"""Form fields the admin uses for every model (registered in cms/wagtail_hooks.py)."""

from django import forms
from django.utils.translation import gettext_lazy
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


class MultilineTextField(forms.CharField):
    """A text area's value with "\\n" line endings: browsers post "\\r\\n", imports and code write "\\n".

    Saving what the browser sent made every untouched text area differ from the stored value,
    so revision comparisons showed unchanged fields as changed.
    """

    def to_python(self, value):
        value = super().to_python(value)
        if isinstance(value, str):
            value = value.replace("\r\n", "\n").replace("\r", "\n")
        return value


class LoginForm(WagtailLoginForm):
    """Wagtail's sign-in form (WAGTAILADMIN_USER_LOGIN_FORM): its password field has no label, so
    Django made the English "Password" of the field's name."""

    password = forms.CharField(
        label=gettext_lazy("Password"),
        widget=forms.PasswordInput(attrs={"placeholder": gettext_lazy("Enter password")}),
        strip=False,
    )
