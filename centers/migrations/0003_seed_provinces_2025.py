"""Seed the 34 provinces and centrally governed cities of the 1 July 2025 list with their official codes.

Codes: the two-digit codes of the list of administrative units after the 2025 reorganisation
(Resolution 202/2025/QH15 on the provinces; the codes kept by the province whose name the
merged unit took). Quảng Ninh 22 and Đồng Tháp 82 were already seeded (0002). The other
codes were written from the published list and could NOT be checked against the official
text while writing this migration: editors should confirm them (the code field is editable).
An existing unit of the same name keeps its row (and id): only an empty code is filled in.
"""

import datetime

from django.db import migrations

REFORM_DATE = datetime.date(2025, 7, 1)

# (code, name, type): 6 centrally governed cities (thành phố) and 28 provinces (tỉnh).
PROVINCES_2025 = [
    ("01", "Hà Nội", "thanh_pho"),
    ("04", "Cao Bằng", "tinh"),
    ("08", "Tuyên Quang", "tinh"),
    ("11", "Điện Biên", "tinh"),
    ("12", "Lai Châu", "tinh"),
    ("14", "Sơn La", "tinh"),
    ("15", "Lào Cai", "tinh"),
    ("19", "Thái Nguyên", "tinh"),
    ("20", "Lạng Sơn", "tinh"),
    ("22", "Quảng Ninh", "tinh"),
    ("24", "Bắc Ninh", "tinh"),
    ("25", "Phú Thọ", "tinh"),
    ("31", "Hải Phòng", "thanh_pho"),
    ("33", "Hưng Yên", "tinh"),
    ("37", "Ninh Bình", "tinh"),
    ("38", "Thanh Hóa", "tinh"),
    ("40", "Nghệ An", "tinh"),
    ("42", "Hà Tĩnh", "tinh"),
    ("44", "Quảng Trị", "tinh"),
    ("46", "Huế", "thanh_pho"),
    ("48", "Đà Nẵng", "thanh_pho"),
    ("51", "Quảng Ngãi", "tinh"),
    ("52", "Gia Lai", "tinh"),
    ("56", "Khánh Hòa", "tinh"),
    ("66", "Đắk Lắk", "tinh"),
    ("68", "Lâm Đồng", "tinh"),
    ("75", "Đồng Nai", "tinh"),
    ("79", "Hồ Chí Minh", "thanh_pho"),
    ("80", "Tây Ninh", "tinh"),
    ("82", "Đồng Tháp", "tinh"),
    ("86", "Vĩnh Long", "tinh"),
    ("91", "An Giang", "tinh"),
    ("92", "Cần Thơ", "thanh_pho"),
    ("96", "Cà Mau", "tinh"),
]


def seed_provinces(apps, schema_editor):
    from centers.collation import vi_sort_key
    from cms.text import fold

    AdministrativeUnit = apps.get_model("centers", "AdministrativeUnit")
    for code, name, unit_type in PROVINCES_2025:
        by_code = AdministrativeUnit.objects.filter(level="province", code=code).first()
        if by_code is not None:
            continue
        existing = AdministrativeUnit.objects.filter(level="province", name=name, code="").first()
        if existing is not None:
            existing.code = code
            existing.save(update_fields=["code"])
            continue
        AdministrativeUnit.objects.create(
            level="province",
            unit_type=unit_type,
            name=name,
            code=code,
            valid_from=REFORM_DATE,
            name_sort=vi_sort_key(name),
            search_folded=fold(name),
        )


def unseed_provinces(apps, schema_editor):
    AdministrativeUnit = apps.get_model("centers", "AdministrativeUnit")
    AdministrativeUnit.objects.filter(
        level="province",
        code__in=[code for code, _name, _type in PROVINCES_2025 if code not in ("22", "82")],
        children__isnull=True,
        province_centers__isnull=True,
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("centers", "0002_seed_administrative_units"),
    ]

    operations = [
        migrations.RunPython(seed_provinces, unseed_provinces),
    ]
