"""Report how much of the admin is translated: Wagtail, wagtail-localize and Sen's own catalogues."""

import importlib.util
from dataclasses import dataclass, field
from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

# Group name -> (Python package whose catalogues are reported, target percentage).
UPSTREAM_GROUPS = {
    "Wagtail": ("wagtail", 98.0),
    "wagtail-localize": ("wagtail_localize", 98.0),
}
SEN_GROUP = "Sen"
SEN_TARGET = 100.0


@dataclass
class Catalogue:
    name: str
    domain: str
    total: int = 0
    translated: int = 0
    missing: list = field(default_factory=list)

    @property
    def percent(self):
        return 100.0 * self.translated / self.total if self.total else 100.0


def entry_key(entry):
    return (entry.msgctxt, entry.msgid)


def translated_keys(po_path):
    """Keys of the entries of a .po file that are translated and not fuzzy (plurals: every form)."""
    if not po_path.exists():
        return set()
    try:
        catalogue = polib.pofile(str(po_path))
    except (OSError, ValueError) as exc:
        raise CommandError(f"{po_path}: {exc}") from exc
    return {entry_key(e) for e in catalogue if not e.obsolete and e.translated()}


def source_entries(po_path):
    try:
        catalogue = polib.pofile(str(po_path))
    except (OSError, ValueError) as exc:
        raise CommandError(f"{po_path}: {exc}") from exc
    return [e for e in catalogue if not e.obsolete and e.msgid]


def package_dir(package):
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise CommandError(f"Package {package!r} is not installed.")
    return Path(next(iter(spec.submodule_search_locations)))


class Command(BaseCommand):
    help = (
        "Print, per catalogue, the share of source strings that have a translation in effect "
        "(the package's own catalogue or any LOCALE_PATHS catalogue of the same domain), with a "
        "total per group: Wagtail and wagtail-localize (target 98%) and Sen's own catalogues "
        "(target 100%). --check exits non-zero when a target is missed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Exit non-zero when a group misses its target.")
        parser.add_argument(
            "--language", default=settings.LANGUAGE_CODE, help="Language code to report on (default: %(default)s)."
        )
        parser.add_argument("--missing", action="store_true", help="List the untranslated source strings.")

    def handle(self, *args, check=False, language="vi", missing=False, **options):
        self.language = language
        self._local = {}
        groups = []
        for group, (package, target) in UPSTREAM_GROUPS.items():
            groups.append((group, target, self.upstream_catalogues(package)))
        groups.append((SEN_GROUP, SEN_TARGET, self.sen_catalogues()))

        failures = []
        width = max([len(c.name) + len(c.domain) + 3 for _, _, cats in groups for c in cats] + [40])
        for group, target, catalogues in groups:
            self.stdout.write(f"\n{group} (target {target:g}%)")
            self.stdout.write(f"  {'catalogue':<{width}} {'strings':>8} {'translated':>10} {'%':>7}")
            total = translated = 0
            for cat in catalogues:
                label = f"{cat.name} ({cat.domain})"
                self.stdout.write(f"  {label:<{width}} {cat.total:>8} {cat.translated:>10} {cat.percent:>6.1f}%")
                if missing:
                    for ctxt, msgid in cat.missing:
                        shown = f"[{ctxt}] {msgid}" if ctxt else msgid
                        self.stdout.write(f"      - {shown!r}")
                total += cat.total
                translated += cat.translated
            percent = 100.0 * translated / total if total else 100.0
            self.stdout.write(f"  {'TOTAL ' + group:<{width}} {total:>8} {translated:>10} {percent:>6.1f}%")
            # Sen's target is every string, so compare counts rather than a rounded percentage.
            met = translated == total if target >= 100 else percent >= target
            if not met:
                failures.append(f"{group}: {percent:.1f}% < {target:g}%")

        if failures:
            message = "Translation targets missed: " + "; ".join(failures)
            if check:
                raise CommandError(message)
            self.stdout.write(self.style.WARNING("\n" + message))
        else:
            self.stdout.write(self.style.SUCCESS("\nAll translation targets met."))

    # Catalogue discovery -------------------------------------------------------------------

    def local_keys(self, domain):
        """Translated keys from every LOCALE_PATHS catalogue of a domain (Sen's completions)."""
        if domain not in self._local:
            keys = set()
            for root in settings.LOCALE_PATHS:
                keys |= translated_keys(Path(root) / self.language / "LC_MESSAGES" / f"{domain}.po")
            self._local[domain] = keys
        return self._local[domain]

    def upstream_catalogues(self, package):
        root = package_dir(package)
        catalogues = []
        for source in sorted(root.glob("**/locale/en/LC_MESSAGES/*.po")):
            domain = source.stem
            app_dir = source.parents[3]
            name = ".".join((package, *app_dir.relative_to(root).parts))
            upstream = translated_keys(source.parents[2] / self.language / "LC_MESSAGES" / source.name)
            in_effect = upstream | self.local_keys(domain)
            catalogues.append(self.measure(name, domain, source_entries(source), in_effect))
        return catalogues

    def sen_catalogues(self):
        roots = {}
        for app in settings.SEN_CORE_APPS + settings.SEN_CONTENT_APPS:
            if "." in app:  # a feature app inside cms: its messages are in cms/locale
                continue
            roots.setdefault((Path(settings.BASE_DIR) / app / "locale").resolve(), app)
        catalogues = []
        for root, app in roots.items():
            po_paths = sorted((root / self.language / "LC_MESSAGES").glob("*.po"))
            if not po_paths:
                self.stderr.write(f"Note: {app} has no {self.language} catalogue ({root}).")
            for po_path in po_paths:
                entries = source_entries(po_path)
                done = {entry_key(e) for e in entries if e.translated()}
                catalogues.append(self.measure(app, po_path.stem, entries, done))
        return catalogues

    @staticmethod
    def measure(name, domain, entries, done):
        cat = Catalogue(name=name, domain=domain, total=len(entries))
        for entry in entries:
            if entry_key(entry) in done:
                cat.translated += 1
            else:
                cat.missing.append(entry_key(entry))
        return cat
