"""Form fields the admin uses for every model (registered in cms/wagtail_hooks.py)."""

from django import forms


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
