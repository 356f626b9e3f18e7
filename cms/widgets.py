"""Admin widgets that make Wagtail's editor Vietnamese-aware."""

from wagtail.admin.widgets import SlugInput

# Wagtail's slug script has no Vietnamese transliteration: "cộng đồng" would become
# "cong-ong". These regex formatters run in the browser before Wagtail's own slugify.
VIETNAMESE_SLUG_FORMATTERS = [
    ("[\u0300-\u036f]", ""),  # combining marks (NFD input)
    ("[àáạảãâầấậẩẫăằắặẳẵ]", "a", "giu"),
    ("[èéẹẻẽêềếệểễ]", "e", "giu"),
    ("[ìíịỉĩ]", "i", "giu"),
    ("[òóọỏõôồốộổỗơờớợởỡ]", "o", "giu"),
    ("[ùúụủũưừứựửữ]", "u", "giu"),
    ("[ỳýỵỷỹ]", "y", "giu"),
    ("[đ]", "d", "giu"),
]


class VietnameseSlugInput(SlugInput):
    """Wagtail's slug input, transliterating Vietnamese letters: "Đường Nguyễn Huệ" -> "duong-nguyen-hue"."""

    def __init__(self, attrs=None, formatters=None, locale=None):
        super().__init__(attrs=attrs, formatters=formatters or VIETNAMESE_SLUG_FORMATTERS, locale=locale)
