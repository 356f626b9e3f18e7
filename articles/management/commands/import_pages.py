"""``manage.py import_pages PATH…``: bring news from old portals in as NewsPage drafts."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from articles.importer.load import CREATED, SKIPPED, UPDATED, Importer, IndexNotFound, find_index, find_pages


class Command(BaseCommand):
    help = (
        "Import news pages saved from old portals (HTML or text, UTF-8, Windows-1258 or TCVN3) "
        "as draft news articles. Importing a page again updates its draft."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="Saved pages, or folders of them.")
        parser.add_argument("--index", help="The news index to import under: its id, slug or URL path.")
        parser.add_argument("--dry-run", action="store_true", help="Show what would be imported; change nothing.")
        parser.add_argument("--user", help="Username the draft revisions are saved by.")
        parser.add_argument(
            "--no-attach", action="store_true", help="Do not attach articles to the inspections they report."
        )
        parser.add_argument(
            "--overwrite", action="store_true", help="Replace drafts that editors have changed or published since."
        )

    def handle(self, *args, **options):
        missing = [path for path in options["paths"] if not Path(path).exists()]
        if missing:
            raise CommandError(_("No such file or folder: %(paths)s") % {"paths": ", ".join(missing)})
        try:
            index = find_index(options["index"])
        except IndexNotFound as exc:
            raise CommandError(str(exc)) from exc
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(_("No user named “%(name)s”.") % {"name": options["user"]})

        dry_run = options["dry_run"]
        importer = Importer(
            index, dry_run=dry_run, user=user, attach_reports=not options["no_attach"], overwrite=options["overwrite"]
        )
        pages = find_pages(options["paths"])
        if dry_run:
            self.stdout.write(_("Dry run: nothing will be saved."))
        self.stdout.write(
            _("Importing %(count)s page(s) under “%(index)s” as drafts.") % {"count": len(pages), "index": index.title}
        )
        results = []
        for path in pages:
            result = importer.import_file(path)
            results.append(result)
            self._report(result, dry_run)
        self._summary(results, dry_run)

    def _report(self, result, dry_run):
        if result.status == SKIPPED:
            self.stdout.write(self.style.WARNING(_("SKIPPED %(file)s: %(reason)s") % self._names(result)))
            return
        if result.status == CREATED:
            verb = pgettext("import result", "would create") if dry_run else pgettext("import result", "created")
        else:
            verb = pgettext("import result", "would update") if dry_run else pgettext("import result", "updated")
        line = f"{verb.upper()} {result.path}: “{result.title}”"
        if result.page_id:
            line += " " + _("(page id %(id)s)") % {"id": result.page_id}
        self.stdout.write(self.style.SUCCESS(line))
        for flag in result.flags:
            self.stdout.write(self.style.WARNING("    ! " + flag))
        for note in result.notes:
            self.stdout.write("    - " + note)

    def _names(self, result):
        return {"file": result.path, "reason": result.reason}

    def _summary(self, results, dry_run):
        created = [r for r in results if r.status == CREATED]
        updated = [r for r in results if r.status == UPDATED]
        skipped = [r for r in results if r.status == SKIPPED]
        self.stdout.write("")
        if dry_run:
            heading = _("Summary (dry run): would create %(created)s, would update %(updated)s, skip %(skipped)s.")
        else:
            heading = _("Summary: created %(created)s, updated %(updated)s, skipped %(skipped)s.")
        self.stdout.write(heading % {"created": len(created), "updated": len(updated), "skipped": len(skipped)})
        for result in skipped:
            self.stdout.write("  " + _("skipped %(file)s: %(reason)s") % self._names(result))
        flagged = [r for r in created + updated if r.flags]
        if flagged:
            self.stdout.write(_("To check by an editor:"))
            for result in flagged:
                self.stdout.write(f"  {result.path} (“{result.title}”): " + "; ".join(result.flags))
