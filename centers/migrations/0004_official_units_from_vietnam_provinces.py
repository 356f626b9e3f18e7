"""The official list of administrative units since 1 July 2025, from the maintained `vietnam-provinces` package:
its 34 provinces and centrally governed cities and 3,321 communes, wards and special zones, with their official
codes, names, kinds and the province each commune belongs to.

A unit already here keeps its row (and id): matched by its code when the package agrees on the name, else by its
name (and province), it takes the package's code and kind. A code an earlier seed wrote that the package gives to
another unit is cleared first (0003 was written from memory). Units the package does not list stay as they are.
"""

import datetime

from django.db import migrations

REFORM_DATE = datetime.date(2025, 7, 1)
TYPE_WORDS = {  # the package's kind -> (our unit_type, the word before the name)
    "thành phố trung ương": ("thanh_pho", "Thành phố "),
    "tỉnh": ("tinh", "Tỉnh "),
    "phường": ("phuong", "Phường "),
    "xã": ("xa", "Xã "),
    "đặc khu": ("dac_khu", "Đặc khu "),
}


def official_units():
    """(provinces, communes): dicts of code -> (name without its type word, unit_type[, province code])."""
    from vietnam_provinces import Province, Ward

    def split(unit):
        unit_type, word = TYPE_WORDS[unit.division_type.value]
        return (unit.name.removeprefix(word), unit_type)

    provinces = {f"{int(p.code):02d}": split(p) for p in Province.iter_all()}
    communes = {f"{int(w.code):05d}": (*split(w), f"{int(w.province_code):02d}") for w in Ward.iter_all()}
    return provinces, communes


def load_units(apps, schema_editor):
    from centers.collation import vi_sort_key
    from cms.text import fold

    Unit = apps.get_model("centers", "AdministrativeUnit")
    provinces, communes = official_units()

    def same(a, b):
        return fold(a).lower() == fold(b).lower()

    def sync(level, official, parent_of):
        existing = list(Unit.objects.filter(level=level))
        # Codes that the package gives to a unit of another name: cleared, the right unit takes them below.
        for unit in existing:
            if unit.code and (unit.code not in official or not same(official[unit.code][0], unit.name)):
                unit.code = ""
                unit.save(update_fields=["code"])
        by_code = {unit.code: unit for unit in existing if unit.code}
        by_name = {}
        for unit in existing:
            if not unit.code:
                by_name.setdefault((fold(unit.name).lower(), unit.parent_id), unit)
        new = []
        for code, (name, unit_type, *rest) in official.items():
            parent_id = parent_of(rest)
            unit = by_code.get(code) or by_name.pop((fold(name).lower(), parent_id), None)
            if unit is not None:
                if unit.code != code or unit.unit_type != unit_type:
                    unit.code, unit.unit_type = code, unit_type
                    unit.save(update_fields=["code", "unit_type"])
                continue
            new.append(
                Unit(
                    level=level,
                    unit_type=unit_type,
                    name=name,
                    code=code,
                    parent_id=parent_id,
                    valid_from=REFORM_DATE,
                    name_sort=vi_sort_key(name),
                    search_folded=fold(name),
                )
            )
        Unit.objects.bulk_create(new, batch_size=500)

    sync("province", provinces, lambda rest: None)
    province_ids = dict(Unit.objects.filter(level="province").exclude(code="").values_list("code", "pk"))
    sync("commune", communes, lambda rest: province_ids[rest[0]])


class Migration(migrations.Migration):
    dependencies = [
        ("centers", "0003_seed_provinces_2025"),
    ]

    operations = [
        migrations.RunPython(load_units, migrations.RunPython.noop, elidable=False),
    ]
