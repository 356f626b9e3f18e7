"""Bulk news articles and TV bulletins for `manage.py generate_content` (hook sen_generate_content)."""

import datetime

from django.utils import timezone
from django.utils.html import escape

from articles.models import Category, NewsIndexPage, NewsPage, VideoBulletinPage, VideoIndexPage
from cms.generate import bulk_add_children
from cms.hooks import ContentGenerator
from home.models import HomePage

CHUNK = 5000


def _index(model, title, slug):
    index = model.objects.live().filter(locale__language_code="vi").order_by("path").first()
    if index is None:
        home = HomePage.objects.filter(locale__language_code="vi").order_by("path").first()
        if home is None:
            raise ValueError("Load the demo content first (manage.py load_demo).")
        index = model(title=title, slug=slug)
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


def _existing_slugs(index, prefix):
    return set(index.get_children().filter(slug__startswith=prefix).values_list("slug", flat=True))


def _at(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(8, 0)))


def generate_news(context, count):
    index = _index(NewsIndexPage, "Tin tức", "tin-tuc")
    categories = list(Category.objects.order_by("pk"))
    through = NewsPage._meta.get_field("categories").remote_field.through
    existing = _existing_slugs(index, f"tin-{context.seed}-")
    added = 0
    for start in range(0, count, CHUNK):
        pages, chosen = [], {}
        for number in range(start + 1, min(count, start + CHUNK) + 1):
            if f"tin-{context.seed}-{number}" in existing:
                continue
            rng = context.rng("news", number)
            image = context.image(rng)
            day = context.date(rng)
            page = NewsPage(
                title=context.title(rng)[:250],
                slug=f"tin-{context.seed}-{number}",
                date=_at(day),
                summary=context.paragraph(rng, (1, 2)),
                main_image=image,
                main_image_alt=image.title if image else "",
                body=[("paragraph", f"<p>{escape(context.paragraph(rng))}</p>") for _ in range(rng.randint(2, 4))],
                author=context.title(rng, 2, 3),
                first_published_at=_at(day),
                last_published_at=_at(day),
            )
            if categories:
                chosen[page.slug] = rng.choice(categories)
                page.categories = [chosen[page.slug]]
            pages.append(page)
        new = bulk_add_children(index, pages)
        through.objects.bulk_create(
            [through(newspage_id=page.pk, category_id=chosen[page.slug].pk) for page in new if page.slug in chosen],
            batch_size=2000,
        )
        added += len(new)
        context.log(f"news: {min(count, start + CHUNK)}/{count}")
    return added


def generate_bulletins(context, count):
    index = _index(VideoIndexPage, "Truyền hình", "truyen-hinh")
    existing = _existing_slugs(index, f"ban-tin-{context.seed}-")
    added = 0
    for start in range(0, count, CHUNK):
        pages = []
        for number in range(start + 1, min(count, start + CHUNK) + 1):
            if f"ban-tin-{context.seed}-{number}" in existing:
                continue
            rng = context.rng("bulletin", number)
            day = context.date(rng)
            pages.append(
                VideoBulletinPage(
                    title=("Bản tin " + context.title(rng, 4, 8))[:250],
                    slug=f"ban-tin-{context.seed}-{number}",
                    broadcast_date=day,
                    poster=context.image(rng),
                    duration=datetime.timedelta(minutes=rng.randint(5, 30)),
                    transcript=context.paragraph(rng, (3, 6)),
                    first_published_at=_at(day),
                    last_published_at=_at(day),
                )
            )
        added += len(bulk_add_children(index, pages))
    return added


def generators():
    return [
        ContentGenerator("news", "Number of news articles to make.", generate_news, order=10),
        ContentGenerator("bulletins", "Number of TV bulletins to make.", generate_bulletins, order=20),
    ]
