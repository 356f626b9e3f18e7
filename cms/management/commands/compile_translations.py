from pathlib import Path

import polib
from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Compile Sen's .po catalogues to .mo with polib (no system gettext needed). "
        "Fails on a catalogue that does not parse."
    )

    def handle(self, *args, **options):
        roots = [Path(p) for p in settings.LOCALE_PATHS]
        names = set(settings.SEN_CORE_APPS + settings.SEN_CONTENT_APPS)
        # Each app's own folder, wherever it is installed (a plugin need not sit beside cms/).
        roots += [Path(config.path) / "locale" for config in apps.get_app_configs() if config.name in names]
        count = 0
        for root in roots:
            for po_path in sorted(root.glob("[a-z][a-z]*/LC_MESSAGES/*.po")):
                try:
                    catalogue = polib.pofile(str(po_path))
                except (OSError, ValueError) as exc:
                    raise CommandError(f"{po_path}: {exc}") from exc
                mo_path = po_path.with_suffix(".mo")
                if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                    continue
                catalogue.save_as_mofile(str(mo_path))
                count += 1
        self.stdout.write(f"Compiled {count} catalogue(s).")
