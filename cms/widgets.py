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
    # Separators between words or numbers become hyphens, as in slugify_vi: Wagtail's script
    # would drop them ("tháng 12/2026" -> "thang-122026").
    ("[/\\\\|.,:;+&_\u2010-\u2015\u2026\u00b7]+", "-", "gu"),  # slash, backslash, dots, dashes, ellipsis
]


class VietnameseSlugInput(SlugInput):
    """Wagtail's slug input, transliterating Vietnamese letters: "Đường Nguyễn Huệ" -> "duong-nguyen-hue"."""

    def __init__(self, attrs=None, formatters=None, locale=None):
        super().__init__(attrs=attrs, formatters=formatters or VIETNAMESE_SLUG_FORMATTERS, locale=locale)
