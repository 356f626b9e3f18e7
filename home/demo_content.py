"""Demo announcements and website links (part of `manage.py load_demo`)."""

from datetime import timedelta

from django.utils import timezone
from wagtail.models import Locale

from home.models import Announcement, WebsiteLink

WEBSITE_LINKS = [
    ("Cổng thông tin điện tử Chính phủ", "https://chinhphu.vn/"),
    ("Cổng Dịch vụ công quốc gia", "https://dichvucong.gov.vn/"),
    ("Bộ Giáo dục và Đào tạo", "https://moet.gov.vn/"),
    ("Hội Khuyến học Việt Nam", "https://khuyenhocvietnam.vn/"),
    ("Báo điện tử Đảng Cộng sản Việt Nam", "https://dangcongsan.vn/"),
]


def _announcements(now):
    return [
        {
            "title": "Lịch tiếp công dân của lãnh đạo phường tháng này",
            "text": "<p>Lãnh đạo Ủy ban nhân dân phường tiếp công dân vào sáng thứ Năm hằng tuần, "
            "tại phòng tiếp dân của trụ sở phường.</p>",
            "visible_from": now - timedelta(days=3),
            "visible_until": now + timedelta(days=60),
            "pinned": True,
        },
        {
            "title": "Đăng ký lớp tin học cơ bản miễn phí tại Trung tâm học tập cộng đồng",
            "text": "<p>Trung tâm học tập cộng đồng mở lớp tin học cơ bản cho người lớn tuổi. "
            "Người dân đăng ký tại văn phòng trung tâm trong giờ hành chính.</p>",
            "visible_from": now - timedelta(days=1),
            "visible_until": now + timedelta(days=30),
            "pinned": False,
        },
        {
            "title": "Thông báo tạm ngừng tiếp nhận hồ sơ trực tiếp (đã hết hạn)",
            "text": "<p>Trong thời gian nâng cấp hệ thống, hồ sơ chỉ được tiếp nhận qua dịch vụ công trực tuyến.</p>",
            "visible_from": now - timedelta(days=40),
            "visible_until": now - timedelta(days=10),
            "pinned": False,
        },
    ]


def create_announcements_and_links(context):
    locale = Locale.get_default()
    now = timezone.now()
    for data in _announcements(now):
        if Announcement.objects.filter(title=data["title"], locale=locale).exists():
            continue
        announcement = Announcement(locale=locale, **data)
        announcement.save()
        announcement.save_revision().publish()
        context.log(f"announcement {announcement.title!r}")
    for order, (title, url) in enumerate(WEBSITE_LINKS):
        _link, created = WebsiteLink.objects.get_or_create(
            url=url, locale=locale, defaults={"title": title, "sort_order": order}
        )
        if created:
            context.log(f"website link {title!r}")
