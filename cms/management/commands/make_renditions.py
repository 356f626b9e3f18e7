from django.core.management.base import BaseCommand
from wagtail.images import get_image_model

from cms.renditions import all_specs
from cms.renditions.tasks import make_renditions


class Command(BaseCommand):
    help = (
        "Make every rendition Sen shows (cms/renditions) for every image, or those given by id, "
        "now, in this process. For a site upgraded from a version that made renditions on request."
    )

    def add_arguments(self, parser):
        parser.add_argument("image_ids", nargs="*", type=int, help="Only these images (default: all).")

    def handle(self, *args, image_ids, **options):
        ids = image_ids or list(get_image_model().objects.order_by("pk").values_list("pk", flat=True))
        done = 0
        for start in range(0, len(ids), 50):
            done += make_renditions.call(ids[start : start + 50])
        self.stdout.write(f"Renditions ({len(all_specs())} specs) made for {done} of {len(ids)} image(s).")
