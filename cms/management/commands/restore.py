from django.core.management.base import BaseCommand, CommandError

from cms.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Replace the database and the media files with those of a backup made by `manage.py backup`. "
        "The archive is checked against its SHA-256 manifest first: a corrupt one changes nothing. "
        "Run `manage.py migrate` afterwards when restoring an older backup."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The archive to restore (var/backups/sen-<time>.tar).")
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive")

    def handle(self, *args, archive, interactive, **options):
        if interactive:
            answer = input(f"This replaces the whole database and every media file with {archive}. Type 'yes': ")
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled.")
        try:
            manifest = restore_backup(archive)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Restored {archive} (made {manifest['created']}, {len(manifest['files'])} file(s)).")
