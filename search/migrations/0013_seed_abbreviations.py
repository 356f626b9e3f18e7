"""The abbreviations of public administration and education in common official use (the document
symbols of Decree 30/2020/NĐ-CP, the names of the education system's bodies and schools), each with
its full form. Administrators extend the list in the admin (Settings → Abbreviations)."""

from django.db import migrations

ABBREVIATIONS = [
    ("UBND", "Ủy ban nhân dân"),
    ("HĐND", "Hội đồng nhân dân"),
    ("MTTQ", "Mặt trận Tổ quốc"),
    ("TTHTCĐ", "Trung tâm học tập cộng đồng"),
    ("HKH", "Hội Khuyến học"),
    ("XHHT", "Xã hội học tập"),
    ("GDTX", "Giáo dục thường xuyên"),
    ("GDNN", "Giáo dục nghề nghiệp"),
    ("TTGDNN-GDTX", "Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên"),
    ("THCS", "Trung học cơ sở"),
    ("THPT", "Trung học phổ thông"),
    ("GDĐT", "Giáo dục và Đào tạo"),
    ("GD&ĐT", "Giáo dục và Đào tạo"),
    ("PGDĐT", "Phòng Giáo dục và Đào tạo"),
    ("Phòng GD&ĐT", "Phòng Giáo dục và Đào tạo"),
    ("SGDĐT", "Sở Giáo dục và Đào tạo"),
    ("Sở GD&ĐT", "Sở Giáo dục và Đào tạo"),
    ("BGDĐT", "Bộ Giáo dục và Đào tạo"),
    ("Bộ GD&ĐT", "Bộ Giáo dục và Đào tạo"),
    ("CNTT", "Công nghệ thông tin"),
    ("KT-XH", "Kinh tế - xã hội"),
    ("TTHC", "Thủ tục hành chính"),
    ("DVCTT", "Dịch vụ công trực tuyến"),
    ("VBQPPL", "Văn bản quy phạm pháp luật"),
    ("QLNN", "Quản lý nhà nước"),
    ("CBCCVC", "Cán bộ, công chức, viên chức"),
    ("BHXH", "Bảo hiểm xã hội"),
    ("BHYT", "Bảo hiểm y tế"),
    ("PCCC", "Phòng cháy, chữa cháy"),
    ("ATGT", "An toàn giao thông"),
    ("TDTT", "Thể dục thể thao"),
    ("CLB", "Câu lạc bộ"),
]


def seed(apps, schema_editor):
    Abbreviation = apps.get_model("sen_search", "Abbreviation")
    for short, full in ABBREVIATIONS:
        Abbreviation.objects.get_or_create(short=short, defaults={"full": full})


def unseed(apps, schema_editor):
    Abbreviation = apps.get_model("sen_search", "Abbreviation")
    Abbreviation.objects.filter(short__in=[short for short, _full in ABBREVIATIONS]).delete()


class Migration(migrations.Migration):
    dependencies = [("sen_search", "0012_abbreviations")]

    operations = [migrations.RunPython(seed, unseed)]
