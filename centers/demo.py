"""Demo centres for `manage.py load_demo` (through the sen_demo_content hook).

Four centres from the seed pages: the centre and association of the former Phường 4 of
Mỹ Tho, and three centres of the former city of Uông Bí that the education department
inspected in the 2016-2017 school year. The text is our own summary of those facts;
the photos are drawn with Pillow. Idempotent: pages by slug, images by title.
"""

import datetime
import io

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model
from wagtail.models import Collection

from centers.models import (
    AdministrativeUnit,
    CenterIndexPage,
    CenterPage,
    CenterPerson,
    CenterPhoto,
    Inspection,
    YearlyReport,
)
from cms.text import slugify_vi
from home.demo import ensure_child

FONT_PATHS = ["/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", "DejaVuSans-Bold.ttf"]

INDEX_SLUG = "trung-tam-hoc-tap-cong-dong"

UONG_BI_INSPECTION = {
    "date": datetime.date(2016, 10, 25),
    "end_date": datetime.date(2016, 11, 15),
    "school_year": "2016-2017",
    "inspecting_body": "Phòng GD&ĐT Uông Bí phối hợp với Hội Khuyến học thành phố",
}

CENTERS = [
    {
        "slug": "tthtcd-va-hoi-khuyen-hoc-phuong-4-my-tho",
        "title": "Trung tâm học tập cộng đồng và Hội Khuyến học Phường 4",
        "short_names": "TTHTCĐ Phường 4\nTrung tâm học tập cộng đồng P.4\nTTHTCĐ P.4\nHội Khuyến học P.4",
        "kind": CenterPage.Kind.BOTH,
        "province": "Đồng Tháp",
        "commune": "Đạo Thạnh",
        "address": "Trụ sở UBND Phường 4 (cũ), thành phố Mỹ Tho",
        "intro": (
            "<p>Trung tâm và Hội Khuyến học của Phường 4 (thành phố Mỹ Tho cũ) cùng nhau đưa chủ trương, "
            "pháp luật và kiến thức sống đến người dân ở mọi lứa tuổi, và vận động các gia đình, dòng họ, "
            "khu phố cùng học tập suốt đời.</p>"
        ),
        "facilities": (
            "<p>Một phòng làm việc riêng tại trụ sở UBND phường, có Internet để tra cứu thông tin cho người dân; "
            "máy vi tính, bàn ghế và tủ hồ sơ mua từ 30 triệu đồng ngân sách nhà nước hỗ trợ.</p>"
        ),
        "people": [
            {
                "name": "Đặng Thị Hoa Mùi",
                "role": CenterPerson.Role.CHAIR,
                "additional_roles": "Phó Giám đốc Trung tâm học tập cộng đồng phường",
                "organisation": "Hội Khuyến học Phường 4",
            }
        ],
        "reports": [
            {
                "school_year": "2016-2017",
                "classes_law": 15,
                "classes_quality_of_life": 11,
                "attendances": 2000,
                "continuing_education_learners": 13,
                "funding_state": 30_000_000,
                "learning_families": 2742,
                "learning_clans": 3,
                "learning_communities": 4,
                "learning_units": 3,
                "notes": (
                    "Khoảng 1.100 lượt người dự các lớp pháp luật, chính sách, thời sự và gần 900 lượt dự các lớp "
                    "nâng cao chất lượng cuộc sống. 13 học sinh THCS được vận động theo học giáo dục thường xuyên."
                ),
            },
            {
                "school_year": "2017-2018",
                "classes_law": 16,
                "classes_quality_of_life": 12,
                "classes_technology": 3,
                "classes_culture_sport": 2,
                "attendances": 2310,
                "continuing_education_learners": 15,
                "funding_state": 30_000_000,
                "funding_association": 8_500_000,
                "funding_donors": 5_000_000,
                "learning_families": 2810,
                "learning_clans": 4,
                "learning_communities": 5,
                "learning_units": 3,
            },
        ],
        "photo": (
            "Lớp chuyên đề pháp luật tại TTHTCĐ Phường 4",
            (70, 110, 150),
            "Người dân dự một lớp chuyên đề pháp luật trong phòng học của trung tâm, hướng về bảng đen.",
        ),
        "inspection": None,
    },
    {
        "slug": "tthtcd-phuong-yen-thanh",
        "title": "Trung tâm học tập cộng đồng phường Yên Thanh",
        "short_names": "TTHTCĐ phường Yên Thanh\nTrung tâm HTCĐ phường Yên Thanh\nTTHTCĐ Yên Thanh",
        "kind": CenterPage.Kind.BOTH,
        "province": "Quảng Ninh",
        "commune": "Uông Bí",
        "address": "Trụ sở UBND phường Yên Thanh (cũ), thành phố Uông Bí",
        "intro": (
            "<p>Trung tâm của phường Yên Thanh (thành phố Uông Bí cũ) gắn hoạt động học tập với phong trào "
            "khuyến học, khuyến tài, và chăm lo xây dựng các dòng họ học tập như dòng họ Dương Văn Lầu ở "
            "khu Phú Thanh Tây.</p>"
        ),
        "facilities": "<p>Hội trường và phòng họp của UBND phường dùng cho các lớp chuyên đề.</p>",
        "people": [
            {
                "name": "Hoàng Trọng Hiếu",
                "role": CenterPerson.Role.DIRECTOR,
                "additional_roles": "Chủ tịch Hội Khuyến học phường",
                "organisation": "Phó Chủ tịch UBND phường Yên Thanh",
            }
        ],
        "reports": [
            {
                "school_year": "2016-2017",
                "classes_law": 10,
                "classes_quality_of_life": 8,
                "classes_technology": 2,
                "classes_culture_sport": 4,
                "attendances": 1450,
                "continuing_education_learners": 6,
                "funding_state": 20_000_000,
                "funding_association": 12_000_000,
                "learning_families": 1630,
                "learning_clans": 5,
                "learning_communities": 3,
                "learning_units": 2,
            },
            {
                "school_year": "2017-2018",
                "classes_law": 11,
                "classes_quality_of_life": 9,
                "classes_technology": 2,
                "classes_culture_sport": 5,
                "attendances": 1580,
                "continuing_education_learners": 8,
                "funding_state": 20_000_000,
                "funding_association": 14_000_000,
                "funding_donors": 3_000_000,
                "learning_families": 1705,
                "learning_clans": 6,
                "learning_communities": 4,
                "learning_units": 2,
            },
        ],
        "photo": (
            "Đoàn kiểm tra tại phường Yên Thanh",
            (120, 90, 60),
            "Đoàn kiểm tra và lãnh đạo phường trao đổi quanh bàn họp về công tác khuyến học.",
        ),
        "inspection": (
            "Đoàn trao đổi với phường về phát triển khuyến học, khuyến tài và xây dựng trung tâm điển hình, "
            "rồi cùng Giám đốc trung tâm đến thăm dòng họ học tập Dương Văn Lầu (tổ 28, khu Phú Thanh Tây)."
        ),
    },
    {
        "slug": "tthtcd-phuong-phuong-nam",
        "title": "Trung tâm học tập cộng đồng phường Phương Nam",
        "short_names": "TTHTCĐ phường Phương Nam\nTrung tâm HTCĐ phường Phương Nam",
        "kind": CenterPage.Kind.CENTER,
        "province": "Quảng Ninh",
        "commune": "Yên Tử",
        "address": "Trụ sở UBND phường Phương Nam (cũ), thành phố Uông Bí",
        "intro": "<p>Trung tâm học tập cộng đồng của phường Phương Nam (thành phố Uông Bí cũ).</p>",
        "facilities": "",
        "people": [],
        "reports": [
            {
                "school_year": "2016-2017",
                "classes_law": 7,
                "classes_quality_of_life": 6,
                "classes_vocational": 2,
                "attendances": 940,
                "continuing_education_learners": 4,
                "funding_state": 15_000_000,
                "learning_families": 1120,
                "learning_clans": 2,
                "learning_communities": 2,
                "learning_units": 1,
            },
            {
                "school_year": "2017-2018",
                "classes_law": 8,
                "classes_quality_of_life": 6,
                "classes_vocational": 3,
                "classes_other": 1,
                "attendances": 1010,
                "continuing_education_learners": 5,
                "funding_state": 15_000_000,
                "funding_other": 2_000_000,
                "learning_families": 1180,
                "learning_clans": 2,
                "learning_communities": 3,
                "learning_units": 1,
            },
        ],
        "photo": (
            "Làm việc tại UBND phường Phương Nam",
            (80, 130, 90),
            "Đoàn kiểm tra ngồi làm việc với cán bộ phường trong phòng họp.",
        ),
        "inspection": "Đoàn làm việc với UBND phường về hoạt động của trung tâm trong năm học.",
    },
    {
        "slug": "tthtcd-xa-dien-cong",
        "title": "Trung tâm học tập cộng đồng xã Điền Công",
        "short_names": "TTHTCĐ xã Điền Công\nTrung tâm HTCĐ xã Điền Công",
        "kind": CenterPage.Kind.BOTH,
        "province": "Quảng Ninh",
        "commune": "Uông Bí",
        "address": "Trụ sở UBND xã Điền Công (cũ), thành phố Uông Bí",
        "intro": (
            "<p>Trung tâm và Hội Khuyến học của xã Điền Công (thành phố Uông Bí cũ) do cùng một người điều hành, "
            "nên các lớp học và phong trào khuyến học đi liền với nhau.</p>"
        ),
        "facilities": "",
        "people": [
            {
                "name": "Vũ Đức Anh",
                "role": CenterPerson.Role.DIRECTOR,
                "additional_roles": "Chủ tịch Hội Khuyến học xã",
                "organisation": "Phó Chủ tịch UBND xã Điền Công",
            }
        ],
        "reports": [
            {
                "school_year": "2016-2017",
                "classes_law": 6,
                "classes_quality_of_life": 5,
                "classes_technology": 4,
                "attendances": 820,
                "continuing_education_learners": 3,
                "funding_state": 15_000_000,
                "funding_association": 6_000_000,
                "learning_families": 760,
                "learning_clans": 3,
                "learning_communities": 2,
                "learning_units": 1,
            },
            {
                "school_year": "2017-2018",
                "classes_law": 7,
                "classes_quality_of_life": 5,
                "classes_technology": 4,
                "classes_culture_sport": 1,
                "attendances": 905,
                "continuing_education_learners": 4,
                "funding_state": 15_000_000,
                "funding_association": 7_000_000,
                "learning_families": 800,
                "learning_clans": 3,
                "learning_communities": 3,
                "learning_units": 1,
            },
        ],
        "photo": (
            "Báo cáo của TTHTCĐ xã Điền Công",
            (150, 80, 80),
            "Giám đốc trung tâm báo cáo với đoàn kiểm tra bên bàn họp.",
        ),
        "inspection": (
            "Đoàn nghe Giám đốc trung tâm báo cáo hoạt động của trung tâm và công tác khuyến học, khuyến tài "
            "trên địa bàn xã."
        ),
    },
]


def _font(size):
    for path in FONT_PATHS:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default(size)


def draw_photo(label, colour, size=(640, 400)):
    """A flat drawing of a meeting room with people around a table, and a label."""
    width, height = size
    image = PILImage.new("RGB", size, colour)
    draw = ImageDraw.Draw(image)
    floor = int(height * 0.6)
    draw.rectangle((0, floor, width, height), fill=(224, 216, 200))
    draw.rectangle((width * 0.25, 40, width * 0.75, 130), fill=(245, 240, 225), outline=(90, 60, 30), width=5)
    draw.rectangle((90, floor + 10, width - 90, floor + 50), fill=(140, 95, 55))
    for index in range(6):
        x = 120 + index * 75
        draw.ellipse((x, floor - 45, x + 34, floor - 11), fill=(60, 45, 40))
        draw.rectangle((x - 4, floor - 12, x + 38, floor + 12), fill=(40, 80, 140))
    draw.rectangle((0, height - 56, width, height), fill=(0, 0, 0))
    draw.text((16, height - 44), label, fill=(255, 255, 255), font=_font(22))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


def ensure_image(title, colour):
    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image is None:
        image = Image(title=title, collection=Collection.get_first_root_node())
        image.file = ImageFile(io.BytesIO(draw_photo(title, colour)), name=f"{slugify_vi(title)}.jpg")
        image.save()
    return image


def ensure_unit(level, name, province=None):
    """The seeded unit (see migration 0002); recreated without a code if an editor removed it."""
    unit = AdministrativeUnit.objects.filter(level=level, name=name, parent=province).first()
    if unit is None:
        unit = AdministrativeUnit(
            level=level,
            name=name,
            parent=province,
            unit_type="tinh" if level == AdministrativeUnit.Level.PROVINCE else "phuong",
        )
        unit.save()
    return unit


def load_demo_content(context):
    index, created = ensure_child(
        context.home,
        CenterIndexPage,
        INDEX_SLUG,
        title="Trung tâm học tập cộng đồng",
        intro=(
            "<p>Các trung tâm học tập cộng đồng và Hội Khuyến học ở xã, phường: người phụ trách, "
            "báo cáo hằng năm học và kết quả kiểm tra.</p>"
        ),
    )
    if created:
        context.log(f"centre index {index.title!r}")
    for data in CENTERS:
        if index.get_children().filter(slug=data["slug"]).exists():
            continue
        province = ensure_unit(AdministrativeUnit.Level.PROVINCE, data["province"])
        commune = ensure_unit(AdministrativeUnit.Level.COMMUNE, data["commune"], province)
        photo_title, colour, alt = data["photo"]
        inspections = []
        if data["inspection"]:
            inspections.append(Inspection(findings=data["inspection"], **UONG_BI_INSPECTION))
        page, _created = ensure_child(
            index,
            CenterPage,
            data["slug"],
            title=data["title"],
            short_names=data["short_names"],
            kind=data["kind"],
            province=province,
            commune=commune,
            address=data["address"],
            intro=data["intro"],
            facilities=data["facilities"],
            people=[CenterPerson(**person) for person in data["people"]],
            photos=[CenterPhoto(image=ensure_image(photo_title, colour), alt=alt, caption=photo_title)],
            yearly_reports=[YearlyReport(**report) for report in data["reports"]],
            inspections=inspections,
        )
        context.log(f"centre {page.title!r}")
