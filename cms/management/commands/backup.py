import time

from django.core.management.base import BaseCommand, CommandError

from cms.backup import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Back up the database (SQLite online backup or pg_dump) and the media files into one archive "
        "with a SHA-256 manifest, under var/backups/ unless --output is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", help="Where to write the archive (default var/backups/sen-<time>.tar).")

    def handle(self, *args, output=None, **options):
        started = time.monotonic()
        try:
            path, manifest = create_backup(output)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        media = sum(1 for name in manifest["files"] if name.startswith("media/"))
        self.stdout.write(
            f"Backup written: {path} ({path.stat().st_size / 1e6:.1f} MB, {manifest['engine']} database, "
            f"{media} media file(s), {time.monotonic() - started:.1f} s)"
        )
