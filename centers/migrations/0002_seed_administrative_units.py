"""Seed the administrative units the demo centres need (after the 1 July 2025 reform).

Only units the demo content uses are seeded; editors add the others as snippets.

Sources and certainty:
- Province codes: Quảng Ninh keeps 22; the new Đồng Tháp (Tiền Giang merged into
  Đồng Tháp on 1 July 2025) has 82.
- Phường Uông Bí and phường Yên Tử (Quảng Ninh): formed on 1 July 2025 from the
  wards of the former city of Uông Bí, as the city's portal announced (Uông Bí from
  Thanh Sơn, Quang Trung, Yên Thanh and the Điền Công quarters of Trưng Vương; Yên Tử
  from Phương Đông, Phương Nam and Thượng Yên Công).
- Phường Đạo Thạnh (Đồng Tháp): the former Phường 4 and Phường 5 of Mỹ Tho and xã
  Đạo Thạnh, per the Mỹ Tho proposal of April 2025 whose units took these names in
  Resolution 1663/NQ-UBTVQH15. TO VERIFY against the resolution's text.
- The five-digit codes of the three communes are NOT seeded: we could not confirm
  them. Editors fill them in from the official list (the code field accepts empty).
"""

import datetime

from django.db import migrations

REFORM_DATE = datetime.date(2025, 7, 1)

PROVINCES = [
    {"name": "Quảng Ninh", "unit_type": "tinh", "code": "22", "former_names": ""},
    {
        "name": "Đồng Tháp",
        "unit_type": "tinh",
        "code": "82",
        "former_names": "Tỉnh Tiền Giang\nTỉnh Đồng Tháp (trước ngày 01/7/2025)",
    },
]

COMMUNES = [
    {
        "province": "Quảng Ninh",
        "name": "Uông Bí",
        "unit_type": "phuong",
        "former_names": (
            "Phường Yên Thanh, thành phố Uông Bí\n"
            "Phường Quang Trung, thành phố Uông Bí\n"
            "Phường Thanh Sơn, thành phố Uông Bí\n"
            "Xã Điền Công, thành phố Uông Bí (các khu Điền Công thuộc phường Trưng Vương)"
        ),
    },
    {
        "province": "Quảng Ninh",
        "name": "Yên Tử",
        "unit_type": "phuong",
        "former_names": (
            "Phường Phương Nam, thành phố Uông Bí\n"
            "Phường Phương Đông, thành phố Uông Bí\n"
            "Xã Thượng Yên Công, thành phố Uông Bí"
        ),
    },
    {
        "province": "Đồng Tháp",
        "name": "Đạo Thạnh",
        "unit_type": "phuong",
        "former_names": (
            "Phường 4, thành phố Mỹ Tho, tỉnh Tiền Giang\n"
            "Phường 5, thành phố Mỹ Tho, tỉnh Tiền Giang\n"
            "Xã Đạo Thạnh, thành phố Mỹ Tho, tỉnh Tiền Giang"
        ),
    },
]


def seed_units(apps, schema_editor):
    # The historical model has no save() override: compute the stored keys here.
    from centers.collation import vi_sort_key
    from cms.text import fold

    AdministrativeUnit = apps.get_model("centers", "AdministrativeUnit")

    def upsert(level, data, parent=None):
        unit, _created = AdministrativeUnit.objects.update_or_create(
            level=level,
            name=data["name"],
            parent=parent,
            defaults={
                "unit_type": data["unit_type"],
                "code": data.get("code", ""),
                "former_names": data["former_names"],
                "valid_from": REFORM_DATE,
                "name_sort": vi_sort_key(data["name"]),
                "search_folded": fold(f"{data['name']}\n{data['former_names']}"),
            },
        )
        return unit

    provinces = {data["name"]: upsert("province", data) for data in PROVINCES}
    for data in COMMUNES:
        upsert("commune", data, parent=provinces[data["province"]])


def unseed_units(apps, schema_editor):
    AdministrativeUnit = apps.get_model("centers", "AdministrativeUnit")
    names = [data["name"] for data in COMMUNES]
    AdministrativeUnit.objects.filter(level="commune", name__in=names, commune_centers__isnull=True).delete()
    AdministrativeUnit.objects.filter(
        level="province", name__in=[data["name"] for data in PROVINCES], children__isnull=True,
        province_centers__isnull=True,
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("centers", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(seed_units, unseed_units),
    ]
