"""``manage.py generate_content --news 100000 --bulletins 500 --centres 300 --seed 1``.

Published, indexed pages with Vietnamese text drawn from the demo content's words and
its images, made in bulk by the content plugins (``sen_generate_content`` hook, see
``cms/generate.py``). Idempotent for a seed: running it again adds nothing.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from wagtail import hooks

from cms import generate
from cms import hooks as sen_hooks


def generators():
    found = [item for fn in hooks.get_hooks(sen_hooks.GENERATE_CONTENT) for item in (fn() or [])]
    return sorted(found, key=lambda item: item.order)


class Command(BaseCommand):
    help = "Generate many published, indexed pages for load tests (see --help for the content types)."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=1, help="Same seed, same pages: a second run adds nothing.")
        for item in generators():
            parser.add_argument(f"--{item.option}", type=int, default=0, metavar="N", help=item.help)

    def handle(self, *args, **options):
        counts = {item.option: options.get(item.option.replace("-", "_")) or 0 for item in generators()}
        if any(count < 0 for count in counts.values()):
            raise CommandError("Counts must be 0 or more.")
        if not any(counts.values()):
            raise CommandError("Nothing to make: give e.g. --news 1000.")
        try:
            context = generate.make_context(options["seed"], log=self.stdout.write)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        for item in generators():
            if counts[item.option]:
                started = time.monotonic()
                added = item.generate(context, counts[item.option])
                self.stdout.write(f"{item.option}: {added} added in {time.monotonic() - started:.1f} s")
        if connection.vendor == "postgresql":
            # Statistics for the planner now, not whenever autovacuum comes by: on fresh tables it picks plans
            # that read every row (an article page took 573 ms at 100,000 articles before ANALYZE, 34 ms after).
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
