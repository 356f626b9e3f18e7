"""Demo news and city TV bulletins for `manage.py load_demo` (through the sen_demo_content hook).

Everything is idempotent: categories by slug, images and documents by title in the
"Demo" collection, pages by slug under their index. Photos are drawn with Pillow;
the four bulletin videos are the small MP4 files in ``demo_media/``.
"""

import datetime
import io
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale

from articles.models import Category, NewsIndexPage, NewsPage, VideoBulletinPage, VideoIndexPage
from cms.i18n.translations import translate
from cms.text import slugify_vi
from home.demo import ensure_child

DEMO_MEDIA = Path(__file__).resolve().parent / "demo_media"
FONT_PATHS = ["/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", "DejaVuSans-Bold.ttf"]

CATEGORIES = [
    ("giao-duc", "Giáo dục", "Tin về trường lớp, giáo dục thường xuyên và các trung tâm học tập cộng đồng."),
    ("khuyen-hoc", "Khuyến học", "Hoạt động của Hội Khuyến học các cấp: học bổng, khuyến tài, tiếp sức đến trường."),
    ("xa-hoi-hoc-tap", "Xã hội học tập", "Gia đình, dòng họ, cộng đồng và đơn vị học tập."),
    ("tin-thanh-pho", "Tin thành phố", "Tin tức chung của thành phố."),
]


def _font(size):
    for path in FONT_PATHS:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default(size)


def draw_scene(label, colour, scene="classroom", size=(640, 400)):
    """A flat, drawn "photo": a room with desks, a meeting table or a ceremony stage, and a label."""
    width, height = size
    image = PILImage.new("RGB", size, colour)
    draw = ImageDraw.Draw(image)
    floor = int(height * 0.62)
    draw.rectangle((0, floor, width, height), fill=(226, 218, 204))
    if scene == "classroom":
        draw.rectangle((width * 0.3, 40, width * 0.7, 150), fill=(34, 70, 52), outline=(90, 60, 30), width=6)
        for row in range(2):
            for col in range(4):
                x = 70 + col * 140
                y = floor + 20 + row * 60
                draw.ellipse((x + 25, y - 40, x + 55, y - 10), fill=(60, 45, 40))
                draw.rectangle((x, y, x + 80, y + 16), fill=(150, 100, 60))
    elif scene == "meeting":
        draw.rectangle((80, floor - 10, width - 80, floor + 30), fill=(120, 80, 50))
        for col in range(6):
            x = 110 + col * 75
            draw.ellipse((x, floor - 70, x + 36, floor - 34), fill=(250, 220, 190))
            draw.rectangle((x - 6, floor - 34, x + 42, floor - 10), fill=(40, 60, 110))
    else:  # ceremony: a stage with a banner and flowers
        draw.rectangle((40, 30, width - 40, 110), fill=(200, 30, 40))
        draw.rectangle((60, floor - 40, width - 60, floor), fill=(150, 110, 70))
        for col in range(5):
            x = 120 + col * 90
            draw.ellipse((x, floor - 110, x + 34, floor - 76), fill=(250, 220, 190))
            draw.rectangle((x - 4, floor - 76, x + 38, floor - 40), fill=(240, 240, 245))
        for x in (70, width - 110):
            draw.ellipse((x, floor - 30, x + 40, floor + 10), fill=(240, 200, 40))
    draw.rectangle((0, height - 46, width, height), fill=(0, 0, 0))
    draw.text((16, height - 38), label, font=_font(22), fill=(255, 255, 255))
    output = io.BytesIO()
    image.quantize(colors=32).save(output, format="PNG", optimize=True)
    return output.getvalue()


def demo_collection():
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name="Demo").first()
    return collection or root.add_child(name="Demo")


def ensure_image(context, title, alt, label, colour, scene):
    image_model = get_image_model()
    image = image_model.objects.filter(title=title).first()
    if image is None:
        data = draw_scene(label, colour, scene)
        filename = f"{slugify_vi(title, max_length=80)}.png"
        image = image_model(title=title, description=alt, collection=demo_collection())
        image.file = ImageFile(io.BytesIO(data), name=filename)
        image.save()
        context.log(f"image {title!r}")
    return image


def ensure_document(context, title, path):
    document_model = get_document_model()
    document = document_model.objects.filter(title=title).first()
    if document is None:
        document = document_model(title=title, collection=demo_collection())
        document.file.save(path.name, ContentFile(path.read_bytes()), save=False)
        document.save()
        context.log(f"document {title!r}")
    return document


# The categories' names in English, so that an English article reads its category in English.
ENGLISH_CATEGORIES = {
    "giao-duc": "Education",
    "khuyen-hoc": "Study promotion",
    "xa-hoi-hoc-tap": "Learning society",
    "tin-thanh-pho": "City news",
}


def ensure_categories(context, locale):
    categories = {}
    english = Locale.objects.filter(language_code="en").exclude(pk=locale.pk).first()
    for slug, name, description in CATEGORIES:
        category, created = Category.objects.get_or_create(
            locale=locale, slug=slug, defaults={"name": name, "description": description}
        )
        if created:
            context.log(f"news category {name!r}")
        categories[slug] = category
        if english is not None and slug in ENGLISH_CATEGORIES and not category.has_translation(english):
            title = ENGLISH_CATEGORIES[slug]
            translate(category, english, {"name": title, "slug": slugify_vi(title)})
            context.log(f"en translation {title!r} of news category {name!r}")
    return categories


def ensure_page(context, parent, model, slug, categories=(), tags=(), **fields):
    """Create and publish ``model`` under ``parent`` unless a page with ``slug`` is there already."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = model(slug=slug, live=False, **fields)
    parent.add_child(instance=page)
    if categories:
        page.categories.set(categories)
    if tags:
        page.tags.set(list(tags))
    page.save_revision().publish()
    context.log(f"{model._meta.verbose_name} {page.title!r}")
    return page


def _at(year, month, day, hour=8):
    return timezone.make_aware(datetime.datetime(year, month, day, hour, 0))


def _p(*paragraphs):
    return [("paragraph", "".join(f"<p>{text}</p>" for text in paragraphs))]


def _figures_table(rows, caption):
    return (
        "table",
        {
            "data": [["Nội dung", "Số liệu"], *rows],
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "table_header_choice": "row",
            "table_caption": caption,
        },
    )


def news_articles(images, categories):
    """The demo articles, written for Sen from the facts of the seed pages."""
    c = categories
    return [
        {
            "slug": "phuong-4-my-tho-26-lop-chuyen-de-nam-2016",
            "title": "Trung tâm học tập cộng đồng Phường 4 mở 26 lớp chuyên đề trong năm 2016",
            "date": _at(2017, 6, 20),
            "summary": (
                "Gần 2.000 lượt người dân Phường 4, thành phố Mỹ Tho đã theo học các lớp chuyên đề về pháp luật "
                "và nâng cao chất lượng cuộc sống do trung tâm tổ chức trong năm 2016."
            ),
            "image": images["classroom"],
            "alt": "Người dân ngồi học trong phòng học của trung tâm học tập cộng đồng, phía trước là bảng đen.",
            "caption": "Một buổi học chuyên đề tại trung tâm học tập cộng đồng Phường 4.",
            "body": _p(
                "Năm 2016, Trung tâm học tập cộng đồng Phường 4 (thành phố Mỹ Tho) tổ chức tổng cộng 26 lớp "
                "chuyên đề, thu hút gần 2.000 lượt người tham gia.",
                "Trong đó, 15 lớp dành cho giáo dục pháp luật, chính sách và thời sự với hơn 1.100 lượt học viên; "
                "11 lớp còn lại hướng tới nâng cao chất lượng cuộc sống, với gần 900 lượt người dự.",
            )
            + [
                _figures_table(
                    [
                        ["Lớp chuyên đề", "26"],
                        ["Lượt người tham dự", "gần 2.000"],
                        ["Lớp giáo dục pháp luật", "15 (trên 1.100 lượt)"],
                        ["Lớp nâng cao chất lượng cuộc sống", "11 (gần 900 lượt)"],
                    ],
                    "Hoạt động của trung tâm năm 2016",
                ),
                (
                    "quote",
                    {
                        "quote": "Mỗi người dân đều có thể tìm thấy ở trung tâm một lớp học phù hợp với mình.",
                        "attribution": "Lãnh đạo trung tâm học tập cộng đồng Phường 4",
                    },
                ),
            ],
            "author": "Thanh Tùng",
            "source": "Cổng thông tin điện tử thành phố Mỹ Tho",
            "categories": [c["giao-duc"], c["xa-hoi-hoc-tap"]],
            "tags": ["Mỹ Tho", "trung tâm học tập cộng đồng"],
        },
        {
            "slug": "phuong-4-2742-gia-dinh-hoc-tap",
            "title": "Phường 4 có 2.742 gia đình được công nhận gia đình học tập",
            "date": _at(2017, 1, 12),
            "summary": (
                "Đến cuối năm 2016, Phường 4 ghi nhận 2.742 gia đình học tập, 3 dòng họ học tập, "
                "4 cộng đồng học tập và 3 đơn vị học tập."
            ),
            "image": images["ceremony"],
            "alt": "Sân khấu buổi lễ trao danh hiệu, có băng rôn đỏ và các đại biểu đứng hàng ngang.",
            "caption": "Lễ công nhận các danh hiệu học tập của phường.",
            "body": _p(
                "Sự phối hợp giữa trung tâm học tập cộng đồng và Hội Khuyến học phường đã mang lại kết quả rõ nét "
                "trong phong trào xây dựng xã hội học tập.",
                "Tính đến cuối năm 2016, toàn phường có 2.742 gia đình đạt danh hiệu gia đình học tập. Ngoài ra còn "
                "có 3 dòng họ học tập, 4 khu phố được công nhận cộng đồng học tập và 3 đơn vị học tập.",
            ),
            "author": "Thanh Tùng",
            "source": "Hội Khuyến học Phường 4",
            "categories": [c["khuyen-hoc"], c["xa-hoi-hoc-tap"]],
            "tags": ["gia đình học tập", "Mỹ Tho"],
        },
        {
            "slug": "uong-bi-ke-hoach-kiem-tra-tthtcd-2016-2017",
            "title": "Uông Bí kiểm tra hoạt động các trung tâm học tập cộng đồng năm học 2016 – 2017",
            "date": _at(2016, 10, 24),
            "summary": (
                "Từ ngày 25/10 đến 15/11/2016, Phòng Giáo dục và Đào tạo cùng Hội Khuyến học thành phố kiểm tra "
                "trung tâm học tập cộng đồng của các xã, phường."
            ),
            "image": images["meeting"],
            "alt": "Đoàn kiểm tra ngồi quanh bàn họp cùng lãnh đạo phường.",
            "caption": "Đoàn kiểm tra làm việc tại một phường.",
            "body": _p(
                "Phòng Giáo dục và Đào tạo thành phố Uông Bí phối hợp với Hội Khuyến học thành phố tiến hành kiểm "
                "tra tình hình hoạt động của các trung tâm học tập cộng đồng trong năm học 2016 – 2017.",
                "Đợt kiểm tra kéo dài từ ngày 25/10/2016 đến ngày 15/11/2016, nhằm đánh giá công tác quản lý, chỉ "
                "đạo của ủy ban nhân dân xã, phường và kết quả hoạt động của từng trung tâm.",
            ),
            "author": "",
            "source": "Phòng Giáo dục và Đào tạo Uông Bí",
            "categories": [c["giao-duc"]],
            "tags": ["Uông Bí", "kiểm tra"],
        },
        {
            "slug": "uong-bi-doan-kiem-tra-yen-thanh-phuong-nam-dien-cong",
            "title": "Đoàn kiểm tra làm việc tại phường Yên Thanh, phường Phương Nam và xã Điền Công",
            "date": _at(2016, 11, 16),
            "summary": (
                "Đoàn kiểm tra nghe báo cáo về công tác khuyến học, khuyến tài và thăm một dòng họ học tập "
                "ở phường Yên Thanh."
            ),
            "image": images["meeting2"],
            "alt": "Cán bộ xã báo cáo trước đoàn kiểm tra trong phòng họp.",
            "caption": "Làm việc tại xã Điền Công.",
            "body": _p(
                "Tại phường Yên Thanh, đoàn trao đổi về phát triển khuyến học, khuyến tài và xây dựng trung tâm "
                "học tập cộng đồng điển hình, rồi đến thăm một dòng họ học tập trên địa bàn.",
                "Đoàn tiếp tục làm việc tại ủy ban nhân dân phường Phương Nam và nghe lãnh đạo xã Điền Công báo cáo "
                "hoạt động của trung tâm cùng công tác khuyến học của xã.",
            ),
            "author": "",
            "source": "Phòng Giáo dục và Đào tạo Uông Bí",
            "categories": [c["giao-duc"], c["khuyen-hoc"]],
            "tags": ["Uông Bí", "dòng họ học tập"],
        },
        {
            "slug": "phuong-4-ho-tro-30-trieu-dong-trang-thiet-bi",
            "title": "Trung tâm học tập cộng đồng Phường 4 được hỗ trợ 30 triệu đồng mua sắm thiết bị",
            "date": _at(2016, 8, 18),
            "summary": (
                "Nguồn kinh phí từ ngân sách nhà nước giúp trung tâm trang bị máy vi tính, bàn ghế và tủ làm việc."
            ),
            "image": images["classroom2"],
            "alt": "Phòng làm việc của trung tâm với dãy bàn ghế mới.",
            "caption": "Phòng làm việc có kết nối Internet của trung tâm.",
            "body": _p(
                "Trung tâm học tập cộng đồng Phường 4 vừa nhận 30 triệu đồng hỗ trợ từ ngân sách nhà nước để mua "
                "thêm máy vi tính, bàn ghế và tủ hồ sơ.",
                "Ủy ban nhân dân phường cũng bố trí cho trung tâm một phòng làm việc riêng có kết nối Internet, "
                "để cán bộ kịp thời cung cấp thông tin cho người dân.",
            ),
            "author": "Thanh Tùng",
            "source": "Cổng thông tin điện tử thành phố Mỹ Tho",
            "categories": [c["tin-thanh-pho"], c["giao-duc"]],
            "tags": ["Mỹ Tho"],
        },
        {
            "slug": "tap-huan-tieu-chi-gia-dinh-dong-ho-hoc-tap",
            "title": "Tập huấn bộ tiêu chí công nhận gia đình, dòng họ và cộng đồng học tập",
            "date": _at(2018, 3, 14),
            "summary": (
                "Các lớp tập huấn giúp cán bộ khu phố nắm vững cách đánh giá theo đề án đẩy mạnh học tập suốt đời "
                "trong gia đình, dòng họ, cộng đồng."
            ),
            "image": images["classroom3"],
            "alt": "Học viên lớp tập huấn ngồi theo dãy bàn, giảng viên đứng cạnh bảng.",
            "caption": "Lớp tập huấn dành cho cán bộ khu phố.",
            "body": _p(
                "Thực hiện đề án đẩy mạnh phong trào học tập suốt đời trong gia đình, dòng họ, cộng đồng đến năm "
                "2020, trung tâm học tập cộng đồng phối hợp với Hội Khuyến học mở các lớp tập huấn.",
                "Học viên được hướng dẫn bộ tiêu chí đánh giá, công nhận gia đình học tập, dòng họ học tập, cộng "
                "đồng học tập và đơn vị học tập.",
            ),
            "author": "Minh Anh",
            "source": "Hội Khuyến học thành phố",
            "categories": [c["xa-hoi-hoc-tap"]],
            "tags": ["học tập suốt đời"],
        },
        {
            "slug": "tiep-suc-hoc-sinh-den-truong-2018",
            "title": "Hội Khuyến học phường chung tay tiếp sức học sinh đến trường",
            "date": _at(2018, 8, 27),
            "summary": (
                "Chi hội khuyến học các trường cùng Mặt trận Tổ quốc phường trao quà, học bổng cho học sinh "
                "trước năm học mới."
            ),
            "image": images["ceremony2"],
            "alt": "Học sinh áo trắng đứng trên sân khấu nhận học bổng.",
            "caption": "Trao học bổng cho học sinh vượt khó.",
            "body": _p(
                "Chương trình khuyến học, khuyến tài, tiếp sức học sinh đến trường tiếp tục được Hội Khuyến học "
                "phường phối hợp với các chi hội ở trường học và các đoàn thể tổ chức.",
                "Những suất học bổng và phần quà góp phần giúp các em có hoàn cảnh khó khăn vững vàng bước vào năm "
                "học mới.",
            ),
            "author": "Minh Anh",
            "source": "",
            "categories": [c["khuyen-hoc"]],
            "tags": ["học bổng"],
        },
        {
            "slug": "huong-dan-nop-ho-so-truc-tuyen-bang-dien-thoai",
            "title": "Hướng dẫn nộp hồ sơ trực tuyến bằng điện thoại",
            "date": _at(2018, 12, 7),
            "summary": "Người dân có thể nộp hồ sơ thủ tục hành chính qua điện thoại di động, không cần đến trụ sở.",
            "image": images["meeting3"],
            "alt": "Cán bộ bộ phận một cửa hướng dẫn người dân bên bàn tiếp nhận hồ sơ.",
            "caption": "Bộ phận tiếp nhận hồ sơ hướng dẫn người dân.",
            "body": _p(
                "Bộ phận một cửa của thành phố giới thiệu các bước nộp hồ sơ trực tuyến bằng điện thoại: đăng ký "
                "tài khoản, chọn thủ tục, chụp ảnh giấy tờ và theo dõi kết quả.",
                "Chuyên đề hướng dẫn cũng được phát trên chương trình truyền hình thành phố.",
            ),
            "author": "",
            "source": "Văn phòng HĐND và UBND thành phố",
            "categories": [c["tin-thanh-pho"]],
            "tags": ["dịch vụ công"],
        },
        {
            "slug": "giao-duc-thuong-xuyen-13-hoc-sinh-thcs",
            "title": "13 học sinh trung học cơ sở trở lại lớp giáo dục thường xuyên",
            "date": _at(2019, 2, 20),
            "summary": "Trung tâm học tập cộng đồng vận động các em bỏ học quay lại lớp để hoàn thành chương trình.",
            "image": images["classroom4"],
            "alt": "Một lớp học buổi tối với học sinh ngồi ở các dãy bàn.",
            "caption": "Lớp giáo dục thường xuyên buổi tối.",
            "body": _p(
                "Bên cạnh các lớp chuyên đề cho người lớn, trung tâm học tập cộng đồng Phường 4 đã vận động 13 "
                "học sinh trung học cơ sở tham gia các lớp giáo dục thường xuyên.",
            ),
            "author": "Thanh Tùng",
            "source": "",
            "categories": [c["giao-duc"]],
            "tags": ["giáo dục thường xuyên"],
        },
    ]


BULLETINS = [
    ("bulletin-2018-12-07.mp4", datetime.date(2018, 12, 7), (163, 18, 42)),
    ("bulletin-2018-11-30.mp4", datetime.date(2018, 11, 30), (24, 92, 140)),
    ("bulletin-2018-11-23.mp4", datetime.date(2018, 11, 23), (30, 120, 70)),
    ("bulletin-2018-11-16.mp4", datetime.date(2018, 11, 16), (120, 70, 20)),
]

BULLETIN_TOPICS = {
    datetime.date(2018, 12, 7): "hướng dẫn nộp hồ sơ trực tuyến bằng điện thoại; phong trào xây dựng xã hội học tập",
    datetime.date(2018, 11, 30): "hoạt động của trung tâm học tập cộng đồng các phường; an toàn giao thông",
    datetime.date(2018, 11, 23): "lễ kỷ niệm Ngày Nhà giáo Việt Nam 20/11; tin khuyến học",
    datetime.date(2018, 11, 16): "chỉnh trang đô thị; công nhận gia đình học tập",
}


def load_demo_content(context):
    locale = context.home.locale
    categories = ensure_categories(context, locale)
    scenes = {
        "classroom": ("Lớp chuyên đề – Phường 4", (120, 150, 190), "classroom"),
        "classroom2": ("Phòng làm việc của trung tâm", (150, 170, 160), "classroom"),
        "classroom3": ("Tập huấn tiêu chí học tập", (180, 160, 120), "classroom"),
        "classroom4": ("Lớp giáo dục thường xuyên", (70, 80, 120), "classroom"),
        "ceremony": ("Công nhận gia đình học tập", (230, 210, 170), "ceremony"),
        "ceremony2": ("Tiếp sức học sinh đến trường", (220, 200, 190), "ceremony"),
        "meeting": ("Đoàn kiểm tra – Uông Bí", (170, 190, 200), "meeting"),
        "meeting2": ("Làm việc tại xã Điền Công", (190, 180, 200), "meeting"),
        "meeting3": ("Bộ phận một cửa", (200, 200, 180), "meeting"),
    }
    images = {
        key: ensure_image(context, f"Ảnh minh họa: {label}", label, label, colour, scene)
        for key, (label, colour, scene) in scenes.items()
    }

    news_index, created = ensure_child(
        context.home,
        NewsIndexPage,
        "tin-tuc",
        title="Tin tức",
        intro="<p>Tin giáo dục, khuyến học và xây dựng xã hội học tập của thành phố.</p>",
    )
    if created:
        context.log(f"news index {news_index.title!r}")
    for article in news_articles(images, categories):
        fields = dict(article)
        image = fields.pop("image")
        ensure_page(
            context,
            news_index,
            NewsPage,
            fields.pop("slug"),
            categories=fields.pop("categories"),
            tags=fields.pop("tags"),
            main_image=image,
            main_image_alt=fields.pop("alt"),
            main_image_caption=fields.pop("caption"),
            **fields,
        )

    video_index, created = ensure_child(
        context.home,
        VideoIndexPage,
        "truyen-hinh",
        title="Truyền hình",
        intro="<p>Chương trình truyền hình thành phố Mỹ Tho, phát sóng hằng tuần.</p>",
    )
    if created:
        context.log(f"video index {video_index.title!r}")
    for filename, day, colour in BULLETINS:
        label = day.strftime("%d/%m/%Y")
        title = f"Chương trình truyền hình thành phố Mỹ Tho ngày {label}"
        video = ensure_document(context, f"Video: {title}", DEMO_MEDIA / filename)
        poster = ensure_image(
            context, f"Ảnh đại diện: {title}", f"Trường quay truyền hình Mỹ Tho, {label}", label, colour, "meeting"
        )
        topics = BULLETIN_TOPICS[day]
        ensure_page(
            context,
            video_index,
            VideoBulletinPage,
            f"chuong-trinh-truyen-hinh-my-tho-{day:%d-%m-%Y}",
            title=title,
            broadcast_date=day,
            video_file=video,
            poster=poster,
            duration=datetime.timedelta(seconds=2),
            description=f"<p>Nội dung chính: {topics}.</p>",
            transcript=(
                f"Kính chào quý vị khán giả. Chương trình truyền hình thành phố Mỹ Tho ngày {label} "
                f"gồm các nội dung: {topics}. Xin cảm ơn quý vị đã theo dõi."
            ),
        )
