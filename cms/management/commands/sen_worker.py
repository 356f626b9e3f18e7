import logging
import signal
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import OperationalError, close_old_connections, connection
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks_db import DatabaseBackend
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception
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
        parser.add_argument(
            "--queue-interval",
            type=float,
            default=1.0,
            help="Seconds between looks at the task queue when it is empty (default 1).",
        )

    def handle(self, *args, interval, once, queue_interval=1.0, **options):
        self._stop = False
        self.worker_id = f"sen-{get_random_string(12)}"
        if not once:
            signal.signal(signal.SIGTERM, self._request_stop)
            signal.signal(signal.SIGINT, self._request_stop)
            self.stdout.write(f"Sen worker: a round every {interval:g} s. Stop with Ctrl+C.")
        while True:
            if once:
                self.run_queue()
            self.run_round()
            if once or self._stop:
                return
            deadline = time.monotonic() + interval
            while not self._stop and time.monotonic() < deadline:
                if not self.run_queue():
                    time.sleep(max(min(queue_interval, deadline - time.monotonic()), 0))
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
        if isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend):
            # Finished task results are kept two weeks for the record, then removed.
            jobs.append(("prune_db_task_results", lambda: call_command("prune_db_task_results", verbosity=0)))
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

    def run_queue(self, limit=100):
        """Run the tasks queued in the database (django-tasks' database backend); how many ran.

        This is django_tasks_db's own worker step (claim with SELECT … FOR UPDATE SKIP LOCKED, then
        run_task), so several workers can share one queue. Nothing to do with another backend.
        """
        backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
        if not isinstance(backend, DatabaseBackend):
            return 0

        worker = Worker(
            queue_names=["*"],
            interval=0,
            batch=True,
            backend_name=DEFAULT_TASK_BACKEND_ALIAS,
            startup_delay=False,
            max_tasks=None,
            worker_id=self.worker_id,
            excluded_queue_names=[],
        )
        ran = 0
        while ran < limit and not self._stop:
            self._refresh_connections()
            try:
                tasks = DBTaskResult.objects.ready().filter(backend_name=DEFAULT_TASK_BACKEND_ALIAS)
                with exclusive_transaction(tasks.db):
                    task_result = tasks.get_locked()
                    if task_result is not None:
                        task_result.claim(self.worker_id)
            except OperationalError as exc:
                if not is_locked_database_exception(exc):  # e.g. the database restarting: try again later
                    logger.warning("worker could not read the task queue: %s", exc)
                    self._refresh_connections()
                return ran
            if task_result is None:
                return ran
            try:
                worker.run_task(task_result)
            except Exception:  # recording the outcome failed (database gone): the task's own lease recovers it
                logger.exception("worker task %s failed", task_result.pk)
                self._refresh_connections()
                return ran
            ran += 1
        return ran
