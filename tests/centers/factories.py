"""Small factories for tests and scripts: build centres with their reports in one call."""

import itertools

from centers.models import AdministrativeUnit, CenterIndexPage, CenterPage, Inspection, YearlyReport

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


def center_index(parent, title="Trung tâm học tập cộng đồng", slug=None):
    index = CenterIndexPage(title=title, slug=slug or f"trung-tam-{next(_counter)}")
    parent.add_child(instance=index)
    index.save_revision().publish()
    return index


def center(index, title, commune, reports=(), inspections=(), publish=True, **fields):
    """A centre page under ``index`` in ``commune``; reports and inspections as dicts or instances."""
    page = CenterPage(
        title=title,
        slug=fields.pop("slug", None) or f"trung-tam-{next(_counter)}",
        province=commune.parent,
        commune=commune,
        yearly_reports=[_row(YearlyReport, report) for report in reports],
        inspections=[_row(Inspection, inspection) for inspection in inspections],
        live=publish,
        **fields,
    )
    index.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    page.refresh_from_db()
    return page


def add_report(page, report):
    """Add a yearly report to a live centre and publish it, as centre staff and their approver do."""
    draft = page.get_latest_revision_as_object()
    draft.yearly_reports = [*draft.yearly_reports.all(), _row(YearlyReport, report)]
    draft.save_revision().publish()
    page.refresh_from_db()
    return page
