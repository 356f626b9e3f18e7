import logging
import signal
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections, connection
from django.utils import timezone
from wagtail import hooks

from cms import hooks as sen_hooks

logger = logging.getLogger("sen.worker")


class Command(BaseCommand):
    help = (
        "Sen's background worker: every --interval seconds, publish pages and snippets whose go-live "
        "time has come, unpublish expired ones, and run the upkeep plugins register "
        f"(the '{sen_hooks.PERIODIC_TASKS}' hook). Run one per deployment."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=30.0, help="Seconds between runs (default 30).")
        parser.add_argument("--once", action="store_true", help="Run one round and exit (for cron).")

    def handle(self, *args, interval, once, **options):
        self._stop = False
        if not once:
            signal.signal(signal.SIGTERM, self._request_stop)
            signal.signal(signal.SIGINT, self._request_stop)
            self.stdout.write(f"Sen worker: a round every {interval:g} s. Stop with Ctrl+C.")
        while True:
            self.run_round()
            if once or self._stop:
                return
            deadline = time.monotonic() + interval
            while not self._stop and time.monotonic() < deadline:
                time.sleep(min(1.0, interval))
            if self._stop:
                return

    def _request_stop(self, *_args):
        self._stop = True

    def _refresh_connections(self):
        # A long-running worker must drop connections the database has closed; inside a
        # transaction (a caller's atomic block, e.g. a test) there is nothing to refresh.
        if not connection.in_atomic_block:
            close_old_connections()

    def run_round(self):
        self._refresh_connections()
        now = timezone.now()
        jobs = [("publish_scheduled", lambda: call_command("publish_scheduled", verbosity=0))]
        jobs += [
            (getattr(fn, "__name__", repr(fn)), lambda fn=fn: fn(now))
            for fn in hooks.get_hooks(sen_hooks.PERIODIC_TASKS)
        ]
        for name, job in jobs:
            try:
                job()
            except Exception:  # one failing job must not stop the others or the worker
                logger.exception("worker job %s failed", name)
        self._refresh_connections()
