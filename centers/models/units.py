"""Administrative units (provinces and communes) that centres are located in."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from centers.collation import vi_sort_key
from centers.validators import validate_unit_code
from cms.text import fold

# The two-tier local government (province, commune) took effect on this date.
REFORM_DATE = datetime.date(2025, 7, 1)


class AdministrativeUnit(index.Indexed, models.Model):
    """A province or a commune-level unit (xã, phường, đặc khu) with its official code.

    Editors extend the list as centres from new places join; ``former_names`` keeps the
    pre-reform ward/commune and district names that older reports use.
    """

    class Level(models.TextChoices):
        PROVINCE = "province", _("Province level")
        COMMUNE = "commune", _("Commune level")

    class UnitType(models.TextChoices):
        TINH = "tinh", _("Province (tỉnh)")
        THANH_PHO = "thanh_pho", _("Centrally governed city (thành phố)")
        XA = "xa", _("Rural commune (xã)")
        PHUONG = "phuong", _("Ward (phường)")
        DAC_KHU = "dac_khu", _("Special zone (đặc khu)")

    # The word written before the name: "Tỉnh Quảng Ninh", "Phường Uông Bí".
    TYPE_WORDS = {
        "tinh": "Tỉnh",
        "thanh_pho": "Thành phố",
        "xa": "Xã",
        "phuong": "Phường",
        "dac_khu": "Đặc khu",
    }
    LEVEL_TYPES = {
        "province": {"tinh", "thanh_pho"},
        "commune": {"xa", "phuong", "dac_khu"},
    }

    level = models.CharField(
        _("level"),
        max_length=10,
        choices=Level.choices,
        help_text=_("A province (or centrally governed city), or a commune-level unit under it."),
    )
    unit_type = models.CharField(
        _("type"),
        max_length=10,
        choices=UnitType.choices,
        help_text=_("The word written before the name: tỉnh or thành phố; xã, phường or đặc khu."),
    )
    name = models.CharField(_("name"), max_length=100, help_text=_('The name without the type word, e.g. "Uông Bí".'))
    code = models.CharField(
        _("official code"),
        max_length=5,
        blank=True,
        validators=[validate_unit_code],
        help_text=_(
            "The official code since 1 July 2025 (2 digits for a province, 5 for a commune). "
            "Leave empty until it is confirmed."
        ),
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        limit_choices_to={"level": "province"},
        verbose_name=_("province"),
        help_text=_("The province a commune belongs to. Empty for a province."),
    )
    former_names = models.TextField(
        _("former names"),
        blank=True,
        help_text=_(
            'Wards, communes and districts this unit was formed from, one per line, e.g. "Phường 4, thành phố '
            'Mỹ Tho". Older reports use these names; search finds them too.'
        ),
    )
    valid_from = models.DateField(
        _("valid from"), default=REFORM_DATE, help_text=_("The date this unit took effect under this name.")
    )
    name_sort = models.CharField(max_length=1000, editable=False, default="", db_index=True)
    # Name and former names without accents, for accent-insensitive filtering.
    search_folded = models.TextField(editable=False, default="")

    panels = [
        FieldPanel("level"),
        FieldPanel("unit_type"),
        FieldPanel("name"),
        FieldPanel("code"),
        FieldPanel("parent"),
        FieldPanel("former_names"),
        FieldPanel("valid_from"),
    ]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("former_names"),
        index.FilterField("level"),
    ]

    class Meta:
        ordering = ["level", "name_sort"]
        verbose_name = _("administrative unit")
        verbose_name_plural = _("administrative units")
        constraints = [
            models.UniqueConstraint(
                fields=["level", "code"],
                condition=~Q(code=""),
                name="centers_unit_code_unique_per_level",
                violation_error_message=_("Another unit of this level already has this code."),
            )
        ]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        return f"{self.TYPE_WORDS.get(self.unit_type, '')} {self.name}".strip()

    def clean(self):
        super().clean()
        errors = {}
        if self.level and self.unit_type and self.unit_type not in self.LEVEL_TYPES.get(self.level, set()):
            errors["unit_type"] = _(
                "This type does not match the level: a province is tỉnh or thành phố, a commune "
                "is xã, phường or đặc khu."
            )
        if self.level == self.Level.COMMUNE and not self.parent_id:
            errors["parent"] = _("Choose the province this commune belongs to.")
        if self.level == self.Level.PROVINCE and self.parent_id:
            errors["parent"] = _("A province does not belong to another unit.")
        if self.parent_id and self.parent_id == self.pk:
            errors["parent"] = _("A unit cannot belong to itself.")
        if self.code and self.level:
            expected = 2 if self.level == self.Level.PROVINCE else 5
            if len(self.code) != expected:
                errors["code"] = _("The code of a %(level)s unit has %(digits)s digits.") % {
                    "level": self.get_level_display().lower(),
                    "digits": expected,
                }
        if errors:
            raise ValidationError(errors)

    def api_representation(self):
        return {
            "id": self.pk,
            "level": self.level,
            "type": self.unit_type,
            "code": self.code,
            "name": self.name,
            "full_name": self.full_name,
            "former_names": [line.strip() for line in self.former_names.splitlines() if line.strip()],
        }

    def save(self, *args, **kwargs):
        self.name_sort = vi_sort_key(self.name)
        self.search_folded = fold(f"{self.name}\n{self.former_names}")
        super().save(*args, **kwargs)
