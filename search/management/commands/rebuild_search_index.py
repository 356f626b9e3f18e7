from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from search.indexing import rebuild


class Command(BaseCommand):
    help = "Rebuild the site search index (one entry per live page)."

    def handle(self, *args, **options):
        count = rebuild()
        self.stdout.write(_("Search index rebuilt: %(count)s live pages.") % {"count": count})
