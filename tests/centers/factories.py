"""Factories for the centres plugin (wagtail-factories): build centres with their reports in one call."""

import itertools

import factory

from centers.models import AdministrativeUnit, CenterIndexPage, CenterPage, Inspection, YearlyReport
from tests.factories import PublishedPageFactory

_counter = itertools.count(1)


def unit(level, name, parent=None, **fields):
    """The unit named ``name`` (seeded or created), e.g. unit("commune", "Uông Bí", province)."""
    found = AdministrativeUnit.objects.filter(level=level, name=name, parent=parent).first()
    if found:
        return found
    defaults = {"unit_type": "tinh" if level == "province" else "phuong"}
    created = AdministrativeUnit(level=level, name=name, parent=parent, **{**defaults, **fields})
    created.full_clean()
    created.save()
    return created


def seeded_places():
    """The units the data migration seeds: two provinces and three communes."""
    quang_ninh = unit("province", "Quảng Ninh")
    dong_thap = unit("province", "Đồng Tháp")
    return {
        "quang_ninh": quang_ninh,
        "dong_thap": dong_thap,
        "uong_bi": unit("commune", "Uông Bí", quang_ninh),
        "yen_tu": unit("commune", "Yên Tử", quang_ninh),
        "dao_thanh": unit("commune", "Đạo Thạnh", dong_thap),
    }


def _row(model, value):
    return value if isinstance(value, model) else model(**value)


class CenterIndexPageFactory(PublishedPageFactory):
    title = "Trung tâm học tập cộng đồng"
    slug = factory.LazyFunction(lambda: f"trung-tam-{next(_counter)}")
    show_in_menus = False

    class Meta:
        model = CenterIndexPage


class CenterPageFactory(PublishedPageFactory):
    """``CenterPageFactory(parent=index, title=…, commune=unit)``: the province follows the commune."""

    title = factory.Sequence(lambda n: f"Trung tâm thử {n}")
    slug = factory.LazyFunction(lambda: f"trung-tam-{next(_counter)}")
    province = factory.LazyAttribute(lambda page: page.commune.parent)

    class Meta:
        model = CenterPage


def center_index(parent, title="Trung tâm học tập cộng đồng", slug=None):
    return CenterIndexPageFactory(parent=parent, title=title, **({"slug": slug} if slug else {}))


def center(index, title, commune, reports=(), inspections=(), publish=True, **fields):
    """A centre page under ``index`` in ``commune``; reports and inspections as dicts or instances."""
    if not fields.get("slug"):
        fields.pop("slug", None)
    return CenterPageFactory(
        parent=index,
        title=title,
        commune=commune,
        yearly_reports=[_row(YearlyReport, report) for report in reports],
        inspections=[_row(Inspection, inspection) for inspection in inspections],
        live=publish,
        publish=publish,
        **fields,
    )


def add_report(page, report):
    """Add a yearly report to a live centre and publish it, as centre staff and their approver do."""
    draft = page.get_latest_revision_as_object()
    draft.yearly_reports = [*draft.yearly_reports.all(), _row(YearlyReport, report)]
    draft.save_revision().publish()
    page.refresh_from_db()
    return page
