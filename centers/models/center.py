"""A centre's profile page, and the rows editors add inside it: people, photos, reports, inspections."""

from typing import Literal, Required

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from typing_extensions import TypedDict
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from centers.collation import vi_sort_key
from centers.fields import CountField, MoneyField, ViEmailField, ViURLField
from centers.forms import CenterPageForm
from centers.validators import validate_phone, validate_school_year
from cms.api.fields import SumOfRowsField
from cms.blocks import image_api_representation
from cms.compare import InlinePanel  # Wagtail's, reporting only real moves in revision comparisons
from cms.content import SenDetailPageMixin
from cms.pages import listable
from cms.shapes import ImageRef, ISODate, typed_field
from cms.text import fold

SIMPLE_RICH_TEXT = ["bold", "italic", "ol", "ul", "link"]

# The columns of a yearly report, grouped as the report form and the statistics use them.
CLASS_FIELDS = [
    "classes_law",
    "classes_quality_of_life",
    "classes_technology",
    "classes_vocational",
    "classes_culture_sport",
    "classes_other",
]
FUNDING_FIELDS = ["funding_state", "funding_association", "funding_donors", "funding_other"]
RECOGNITION_FIELDS = ["learning_families", "learning_clans", "learning_communities", "learning_units"]
COUNT_FIELDS = [*CLASS_FIELDS, "attendances", "continuing_education_learners", *RECOGNITION_FIELDS]
REPORT_SUM_FIELDS = [*COUNT_FIELDS, *FUNDING_FIELDS]


# The shapes of a centre's API fields (cms.shapes): they type the fields in the OpenAPI documents.


class AdminUnitRef(TypedDict):
    """A province or commune: its official code (empty until confirmed), names and former names."""

    id: int
    level: Literal["province", "commune"]
    type: Literal["tinh", "thanh_pho", "xa", "phuong", "dac_khu"]
    code: str
    name: str
    full_name: str
    former_names: list[str]


class FoundingDecision(TypedDict):
    number: str
    date: ISODate | None
    issuer: str


class CenterPerson(TypedDict):
    name: str
    role: str
    role_label: str
    additional_roles: str
    organisation: str


class CenterPhotoValue(TypedDict):
    image: ImageRef | None
    alt: str
    caption: str


# A school year's report: the year, every counted column, the two totals and the notes.
YearlyReportRow = TypedDict(  # type: ignore[misc]
    "YearlyReportRow",
    {"school_year": str, **dict.fromkeys(REPORT_SUM_FIELDS, int), "total_classes": int, "total_funding": int,
     "notes": str},
)  # fmt: skip
# The sums over a centre's reports, and how many reports there are (only ``reports`` without any).
ReportTotals = TypedDict(  # type: ignore[misc]
    "ReportTotals",
    {"reports": Required[int], **dict.fromkeys(REPORT_SUM_FIELDS, int), "total_classes": int, "total_funding": int},
    total=False,
)


class InspectionReportPage(TypedDict):
    id: int
    title: str
    url: str | None


class InspectionRow(TypedDict):
    date: ISODate | None
    end_date: ISODate | None
    school_year: str
    inspecting_body: str
    findings: str
    result: str
    result_label: str
    report_page: InspectionReportPage | None


class CenterPage(SenDetailPageMixin, Page):
    """The profile of a community learning centre (TTHTCĐ), a Hội Khuyến học, or both working together."""

    # Lists of centres are in Vietnamese alphabetical order (cms.text.vi_sort_key).
    listing_order = ["name_sort", "pk"]
    listing_select_related = ("province", "commune")
    index_name = "center_index"
    add_label = _("Add a centre")  # the "Thêm …" button of the listing and dashboard (cms/workflows/adding.py)

    class Kind(models.TextChoices):
        CENTER = "tthtcd", _("Community learning centre (TTHTCĐ)")
        ASSOCIATION = "hkh", _("Study-promotion association (Hội Khuyến học)")
        BOTH = "both", _("Community learning centre and study-promotion association")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        SUSPENDED = "suspended", _("Suspended")
        MERGED = "merged", _("Merged into another centre")
        DISSOLVED = "dissolved", _("Dissolved")

    kind = models.CharField(
        _("kind"),
        max_length=10,
        choices=Kind.choices,
        default=Kind.CENTER,
        help_text=_("A learning centre, a study-promotion association, or both run together."),
    )
    short_names = models.TextField(
        _("short names"),
        blank=True,
        help_text=_('Other names texts use for this centre, one per line, e.g. "TTHTCĐ P.4".'),
    )
    linked_center = models.ForeignKey(
        "centers.CenterPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("linked centre or association"),
        help_text=_("The Hội Khuyến học that works with this centre, or the centre this association works with."),
    )
    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=SIMPLE_RICH_TEXT,
        help_text=_("What the centre does and for whom, in a few sentences."),
    )
    province = models.ForeignKey(
        "centers.AdministrativeUnit",
        null=True,
        on_delete=models.PROTECT,
        related_name="province_centers",
        limit_choices_to={"level": "province"},
        verbose_name=_("province"),
        help_text=_("The province or centrally governed city."),
    )
    commune = models.ForeignKey(
        "centers.AdministrativeUnit",
        null=True,
        on_delete=models.PROTECT,
        related_name="commune_centers",
        limit_choices_to={"level": "commune"},
        verbose_name=_("commune"),
        help_text=_("The commune, ward or special zone (since 1 July 2025). Its former names are kept on the unit."),
    )
    address = models.CharField(
        _("address"), max_length=255, blank=True, help_text=_("Street address where visitors find the centre.")
    )
    phone = models.CharField(
        _("phone"), max_length=40, blank=True, validators=[validate_phone], help_text=_("A number visitors can call.")
    )
    email = ViEmailField(_("e-mail"), blank=True, help_text=_("The centre's e-mail address."))
    website = ViURLField(_("website"), blank=True, help_text=_("The centre's own web page, if it has one."))
    founding_decision_number = models.CharField(
        _("founding decision number"),
        max_length=100,
        blank=True,
        help_text=_('The number of the decision that founded the centre, e.g. "1234/QĐ-UBND".'),
    )
    founding_decision_date = models.DateField(
        _("founding decision date"), null=True, blank=True, help_text=_("The date the decision was signed.")
    )
    founding_decision_issuer = models.CharField(
        _("founding decision issuer"),
        max_length=255,
        blank=True,
        help_text=_('Who issued the decision, e.g. "UBND thành phố Uông Bí".'),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.ACTIVE,
        help_text=_("Whether the centre is running, suspended, merged into another centre or dissolved."),
    )
    merged_into = models.ForeignKey(
        "centers.CenterPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("merged into"),
        help_text=_("The centre this one was merged into. Required when the status is merged."),
    )
    facilities = RichTextField(
        _("facilities"),
        blank=True,
        features=SIMPLE_RICH_TEXT,
        help_text=_("Rooms, computers, Internet access, library… what learners can use."),
    )
    name_sort = models.CharField(max_length=1000, editable=False, default="", db_index=True)
    name_folded = models.TextField(editable=False, default="")

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        PageChooserPanel("linked_center", "centers.CenterPage"),
        FieldPanel("short_names"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("province"), FieldPanel("commune")]), FieldPanel("address")],
            heading=_("Location"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]), FieldPanel("website")],
            heading=_("Contacts"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("founding_decision_number"), FieldPanel("founding_decision_date")]),
                FieldPanel("founding_decision_issuer"),
            ],
            heading=_("Founding decision"),
        ),
        MultiFieldPanel(
            [FieldPanel("status"), PageChooserPanel("merged_into", "centers.CenterPage")], heading=_("Status")
        ),
        InlinePanel("people", heading=_("People"), label=_("Person")),
        FieldPanel("facilities"),
        InlinePanel("photos", heading=_("Photos"), label=_("Photo")),
        InlinePanel("yearly_reports", heading=_("Yearly reports"), label=_("Yearly report")),
        InlinePanel("inspections", heading=_("Inspections"), label=_("Inspection")),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("short_names"),
        index.SearchField("intro"),
        index.SearchField("address"),
        index.FilterField("kind"),
        index.FilterField("status"),
        index.RelatedFields("commune", [index.SearchField("name"), index.SearchField("former_names")]),
        index.RelatedFields("province", [index.SearchField("name")]),
        index.RelatedFields("people", [index.SearchField("name"), index.SearchField("organisation")]),
    ]

    api_fields = [
        APIField("kind"),
        APIField("short_names"),
        APIField("intro"),
        APIField("linked_center"),
        APIField("province", serializer=typed_field(AdminUnitRef | None)(source="province_api")),
        APIField("commune", serializer=typed_field(AdminUnitRef | None)(source="commune_api")),
        APIField("address"),
        APIField("phone"),
        APIField("email"),
        APIField("website"),
        APIField("founding_decision", serializer=typed_field(FoundingDecision)()),
        APIField("status"),
        APIField("merged_into"),
        APIField("facilities"),
        APIField("people", serializer=typed_field(list[CenterPerson])(source="people_api")),
        APIField("photos", serializer=typed_field(list[CenterPhotoValue])(source="photos_api")),
        APIField("yearly_reports", serializer=typed_field(list[YearlyReportRow])(source="yearly_reports_api")),
        APIField("inspections", serializer=typed_field(list[InspectionRow])(source="inspections_api")),
        APIField(
            "totals",
            serializer=typed_field(ReportTotals, SumOfRowsField)(source="yearly_reports_api", exclude=["school_year"]),
        ),
    ]
    api_filters = {
        # Official codes only (province=01 is Hà Nội), never row ids.
        "province": ("province__code", "province_code"),
        "commune": ("commune__code", "commune_code"),
        "school_year": ("yearly_reports__school_year", "school_year"),
    }

    parent_page_types = ["centers.CenterIndexPage"]

    base_form_class = CenterPageForm

    class Meta:
        verbose_name = _("learning centre")
        verbose_name_plural = _("learning centres")

    def clean(self):
        super().clean()
        errors = {}
        if self.commune_id and self.province_id and self.commune.parent_id != self.province_id:
            errors["commune"] = _(
                "%(commune)s does not belong to %(province)s. Choose a commune of that province."
            ) % {
                "commune": self.commune,
                "province": self.province,
            }
        if self.founding_decision_date and self.founding_decision_date > timezone.localdate():
            errors["founding_decision_date"] = _("The founding decision cannot be dated in the future.")
        if self.status == self.Status.MERGED and not self.merged_into_id:
            errors["merged_into"] = _("Choose the centre this one was merged into.")
        if self.status != self.Status.MERGED and self.merged_into_id:
            errors["merged_into"] = _("Only a merged centre has a centre it was merged into; clear this field.")
        if self.pk and self.merged_into_id == self.pk:
            errors["merged_into"] = _("A centre cannot be merged into itself.")
        if self.pk and self.linked_center_id == self.pk:
            errors["linked_center"] = _("A centre cannot be linked to itself.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.name_sort = vi_sort_key(self.title)
        self.name_folded = fold(f"{self.title}\n{self.short_names}")
        return super().save(*args, **kwargs)

    # API representations -------------------------------------------------------------

    @property
    def province_api(self):
        return self.province.api_representation() if self.province else None

    @property
    def commune_api(self):
        return self.commune.api_representation() if self.commune else None

    @property
    def people_api(self):
        return [person.api_representation() for person in self.people.all()]

    @property
    def photos_api(self):
        return [photo.api_representation() for photo in self.photos.all()]

    @property
    def yearly_reports_api(self):
        return [report.api_representation() for report in self.reports_in_order()]

    @property
    def inspections_api(self):
        inspections = list(self.inspections.all())
        # A report page is named only if visitors may open it (not a draft, not restricted).
        report_ids = {inspection.report_page_id for inspection in inspections} - {None}
        listed = listable(Page.objects.filter(pk__in=report_ids)).values_list("pk", flat=True) if report_ids else ()
        listed = set(listed)
        return [inspection.api_representation(listed) for inspection in inspections]

    @property
    def founding_decision(self):
        return {
            "number": self.founding_decision_number,
            "date": self.founding_decision_date.isoformat() if self.founding_decision_date else None,
            "issuer": self.founding_decision_issuer,
        }

    # Template helpers ------------------------------------------------------------------

    @property
    def short_name_list(self):
        return [line.strip() for line in self.short_names.splitlines() if line.strip()]

    def reports_in_order(self):
        return sorted(self.yearly_reports.all(), key=lambda report: report.school_year)

    def chart_rows(self):
        """Bars for the chart comparing school years: classes and attendances, scaled to the largest."""
        reports = self.reports_in_order()
        most_classes = max((report.total_classes for report in reports), default=0) or 1
        most_attendances = max((report.attendances for report in reports), default=0) or 1
        return [
            {
                "report": report,
                "classes_percent": round(100 * report.total_classes / most_classes),
                "attendances_percent": round(100 * report.attendances / most_attendances),
            }
            for report in reports
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["chart_rows"] = self.chart_rows()
        # Related rows in one query each, whatever their number (also in previews, where
        # they are in memory and select_related is a no-op).
        context["people"] = self.people.all()
        context["photos"] = self.photos.select_related("image").prefetch_related("image__renditions")
        context["inspections"] = inspections = list(self.inspections.select_related("report_page"))
        # The pages this one links to by title: only those visitors may open (one query).
        linked_ids = {self.linked_center_id, self.merged_into_id} | {i.report_page_id for i in inspections}
        linked_ids.discard(None)
        context["linkable_ids"] = (
            set(listable(Page.objects.filter(pk__in=linked_ids), within=self).values_list("pk", flat=True))
            if linked_ids
            else set()
        )
        return context


class CenterPerson(Orderable):
    """Someone who runs the centre or the association, with their role and home organisation."""

    class Role(models.TextChoices):
        DIRECTOR = "director", _("Director (Giám đốc)")
        DEPUTY_DIRECTOR = "deputy_director", _("Deputy director (Phó Giám đốc)")
        CHAIR = "association_chair", _("Chair of the study-promotion association (Chủ tịch Hội Khuyến học)")
        VICE_CHAIR = (
            "association_vice_chair",
            _("Vice-chair of the study-promotion association (Phó Chủ tịch Hội Khuyến học)"),
        )
        SECRETARY = "secretary", _("Secretary (Thư ký)")
        MEMBER = "member", _("Member (Ủy viên)")
        OTHER = "other", _("Other")

    page = ParentalKey(CenterPage, on_delete=models.CASCADE, related_name="people")
    name = models.CharField(_("name"), max_length=255, help_text=_("Full name, e.g. Đặng Thị Hoa Mùi."))
    role = models.CharField(
        _("role"), max_length=30, choices=Role.choices, help_text=_("The person's role in the centre.")
    )
    role_other = models.CharField(
        _("other role"), max_length=255, blank=True, help_text=_('The role in words when "Other" is chosen.')
    )
    additional_roles = models.CharField(
        _("also"),
        max_length=255,
        blank=True,
        help_text=_('Other roles the person holds here, e.g. "Phó Giám đốc TTHTCĐ".'),
    )
    organisation = models.CharField(
        _("home organisation"),
        max_length=255,
        blank=True,
        help_text=_('Where the person works, e.g. "Phó Chủ tịch UBND phường".'),
    )
    name_sort = models.CharField(max_length=1000, editable=False, default="")

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("role"), FieldPanel("role_other")]),
        FieldPanel("additional_roles"),
        FieldPanel("organisation"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return self.name

    @property
    def role_label(self):
        if self.role == self.Role.OTHER:
            return self.role_other
        return self.get_role_display()

    def clean(self):
        super().clean()
        if self.role == self.Role.OTHER and not (self.role_other or "").strip():
            raise ValidationError({"role_other": _('Write the role when you choose "Other".')})

    def save(self, *args, **kwargs):
        self.name_sort = vi_sort_key(self.name)
        super().save(*args, **kwargs)

    def api_representation(self):
        return {
            "name": self.name,
            "role": self.role,
            "role_label": str(self.role_label),
            "additional_roles": self.additional_roles,
            "organisation": self.organisation,
        }


class CenterPhoto(Orderable):
    """A photo of the centre, with the alt text screen readers need."""

    page = ParentalKey(CenterPage, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("image"),
        help_text=_("A photo of the centre, its classes or its activities."),
    )
    alt = models.CharField(
        _("alt text"),
        max_length=255,
        help_text=_("Describe the photo for visitors who cannot see it. Required."),
        error_messages={"blank": _("Every image needs alt text."), "required": _("Every image needs alt text.")},
    )
    caption = models.CharField(_("caption"), max_length=500, blank=True, help_text=_("Shown under the photo."))

    panels = [FieldPanel("image"), FieldPanel("alt"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def clean(self):
        super().clean()
        if self.image_id and not (self.alt or "").strip():
            raise ValidationError({"alt": _("Every image needs alt text.")})

    def api_representation(self):
        return {"image": image_api_representation(self.image, self.alt), "alt": self.alt, "caption": self.caption}


class YearlyReport(Orderable):
    """What a centre did in one school year: classes, learners, funding and recognitions."""

    page = ParentalKey(CenterPage, on_delete=models.CASCADE, related_name="yearly_reports")
    school_year = models.CharField(
        _("school year"),
        max_length=9,
        validators=[validate_school_year],
        help_text=_('Two consecutive years, e.g. "2016-2017".'),
    )
    classes_law = CountField(_("law and policy classes"), help_text=_("Classes on law, policy and current affairs."))
    classes_quality_of_life = CountField(
        _("quality of life classes"), help_text=_("Classes on health, environment and everyday life.")
    )
    classes_technology = CountField(
        _("technology transfer classes"), help_text=_("Classes passing on farming and technical know-how.")
    )
    classes_vocational = CountField(_("vocational classes"), help_text=_("Classes teaching a trade."))
    classes_culture_sport = CountField(_("culture and sport classes"), help_text=_("Arts, culture and sport."))
    classes_other = CountField(_("other classes"), help_text=_("Classes on any other topic."))
    attendances = CountField(
        _("attendances"), help_text=_("Attendances over all classes (lượt người): one person at two classes is two.")
    )
    continuing_education_learners = CountField(
        _("continuing education learners"), help_text=_("Learners the centre brought into continuing education.")
    )
    funding_state = MoneyField(_("state budget (VND)"), help_text=_("Funding from the state budget, in đồng."))
    funding_association = MoneyField(
        _("association funding (VND)"), help_text=_("Funding from the Hội Khuyến học, in đồng.")
    )
    funding_donors = MoneyField(_("donations (VND)"), help_text=_("Funding from donors and sponsors, in đồng."))
    funding_other = MoneyField(_("other funding (VND)"), help_text=_("Funding from any other source, in đồng."))
    learning_families = CountField(
        _("learning families"), help_text=_("Families recognised as learning families (gia đình học tập).")
    )
    learning_clans = CountField(
        _("learning clans"), help_text=_("Clans recognised as learning clans (dòng họ học tập).")
    )
    learning_communities = CountField(
        _("learning communities"),
        help_text=_("Neighbourhoods recognised as learning communities (cộng đồng học tập)."),
    )
    learning_units = CountField(
        _("learning units"), help_text=_("Organisations recognised as learning units (đơn vị học tập).")
    )
    notes = models.TextField(_("notes"), blank=True, help_text=_("Anything the figures do not say."))

    panels = [
        FieldPanel("school_year"),
        MultiFieldPanel([FieldPanel(name) for name in CLASS_FIELDS], heading=_("Classes by topic")),
        FieldRowPanel([FieldPanel("attendances"), FieldPanel("continuing_education_learners")]),
        MultiFieldPanel([FieldPanel(name) for name in FUNDING_FIELDS], heading=_("Funding (VND)")),
        MultiFieldPanel([FieldPanel(name) for name in RECOGNITION_FIELDS], heading=_("Recognitions")),
        FieldPanel("notes"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("yearly report")
        verbose_name_plural = _("yearly reports")

    def __str__(self):
        return self.school_year

    @property
    def total_classes(self):
        return sum(getattr(self, name) or 0 for name in CLASS_FIELDS)

    @property
    def total_funding(self):
        return sum(getattr(self, name) or 0 for name in FUNDING_FIELDS)

    @property
    def total_recognitions(self):
        return sum(getattr(self, name) or 0 for name in RECOGNITION_FIELDS)

    def api_representation(self):
        data = {"school_year": self.school_year}
        data.update({name: getattr(self, name) for name in REPORT_SUM_FIELDS})
        data.update({"total_classes": self.total_classes, "total_funding": self.total_funding, "notes": self.notes})
        return data


class Inspection(Orderable):
    """A visit by the education department (or another body) to check on the centre."""

    class Result(models.TextChoices):
        GOOD = "good", _("Good")
        SATISFACTORY = "satisfactory", _("Satisfactory")
        NEEDS_IMPROVEMENT = "needs_improvement", _("Needs improvement")
        OTHER = "other", _("Other")

    page = ParentalKey(CenterPage, on_delete=models.CASCADE, related_name="inspections")
    date = models.DateField(_("start date"), help_text=_("The first day of the inspection."))
    end_date = models.DateField(
        _("end date"), null=True, blank=True, help_text=_("The last day, when the inspection took several days.")
    )
    school_year = models.CharField(
        _("school year"),
        max_length=9,
        blank=True,
        validators=[validate_school_year],
        help_text=_('The school year inspected, e.g. "2016-2017".'),
    )
    inspecting_body = models.CharField(
        _("inspecting body"),
        max_length=255,
        help_text=_('Who inspected, e.g. "Phòng GD&ĐT Uông Bí và Hội Khuyến học thành phố".'),
    )
    findings = models.TextField(_("findings"), blank=True, help_text=_("What the inspectors found."))
    result = models.CharField(
        _("result"), max_length=20, choices=Result.choices, blank=True, help_text=_("The overall assessment.")
    )
    result_other = models.CharField(
        _("other result"), max_length=255, blank=True, help_text=_('The result in words when "Other" is chosen.')
    )
    report_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("report article"),
        help_text=_("The article that reports on this inspection."),
    )

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("end_date")]),
        FieldPanel("school_year"),
        FieldPanel("inspecting_body"),
        FieldPanel("findings"),
        FieldRowPanel([FieldPanel("result"), FieldPanel("result_other")]),
        PageChooserPanel("report_page"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")

    def __str__(self):
        return f"{self.inspecting_body} ({self.date})"

    @property
    def result_label(self):
        if self.result == self.Result.OTHER:
            return self.result_other
        return self.get_result_display()

    def clean(self):
        super().clean()
        errors = {}
        if self.date and self.end_date and self.end_date < self.date:
            errors["end_date"] = _("The end date must be on or after the start date.")
        if self.result == self.Result.OTHER and not (self.result_other or "").strip():
            errors["result_other"] = _('Write the result when you choose "Other".')
        if errors:
            raise ValidationError(errors)

    def api_representation(self, listed_page_ids=None):
        """The inspection for the API; ``listed_page_ids``: the report pages it may name (all if None)."""
        report = self.report_page
        if report is not None and listed_page_ids is not None and report.pk not in listed_page_ids:
            report = None
        return {
            "date": self.date.isoformat() if self.date else None,
            "end_date": self.end_date.isoformat() if self.end_date else None,
            "school_year": self.school_year,
            "inspecting_body": self.inspecting_body,
            "findings": self.findings,
            "result": self.result,
            "result_label": str(self.result_label or ""),
            "report_page": {"id": report.id, "title": report.title, "url": report.url} if report else None,
        }
