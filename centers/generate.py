"""Bulk centre profiles for `manage.py generate_content --centres N` (hook sen_generate_content)."""

from django.utils.html import escape

from centers.collation import vi_sort_key
from centers.models import AdministrativeUnit, CenterIndexPage, CenterPage
from cms.generate import bulk_add_children
from cms.hooks import ContentGenerator
from cms.text import fold

CHUNK = 5000
KINDS = [CenterPage.Kind.CENTER, CenterPage.Kind.ASSOCIATION, CenterPage.Kind.BOTH]
PREFIXES = {
    CenterPage.Kind.CENTER: "Trung tâm học tập cộng đồng",
    CenterPage.Kind.ASSOCIATION: "Hội Khuyến học",
    CenterPage.Kind.BOTH: "Trung tâm học tập cộng đồng và Hội Khuyến học",
}


def generate_centres(context, count):
    index = CenterIndexPage.objects.live().filter(locale__language_code="vi").order_by("path").first()
    if index is None:
        raise ValueError("Load the demo content first (manage.py load_demo): centres go under its centre index.")
    communes = list(AdministrativeUnit.objects.filter(level="commune").select_related("parent").order_by("pk"))
    prefix = f"trung-tam-{context.seed}-"
    existing = set(index.get_children().filter(slug__startswith=prefix).values_list("slug", flat=True))
    added = 0
    for start in range(0, count, CHUNK):
        pages = []
        for number in range(start + 1, min(count, start + CHUNK) + 1):
            slug = f"{prefix}{number}"
            if slug in existing:
                continue
            rng = context.rng("centre", number)
            kind = rng.choice(KINDS)
            commune = rng.choice(communes) if communes else None
            place = commune.name if commune else context.title(rng, 1, 2)
            title = f"{PREFIXES[kind]} {place} {number}"[:250]
            pages.append(
                CenterPage(
                    title=title,
                    slug=slug,
                    kind=kind,
                    commune=commune,
                    province=getattr(commune, "parent", None),
                    intro=f"<p>{escape(context.paragraph(rng))}</p>",
                    address=context.title(rng, 3, 6)[:255],
                    name_sort=vi_sort_key(title),
                    name_folded=fold(title),
                )
            )
        added += len(bulk_add_children(index, pages))
    return added


def generators():
    return [ContentGenerator("centres", "Number of centre profiles to make.", generate_centres, order=30)]
