"""`khabar worker`: does the newsroom's deferred work (django-tasks' database worker).

At start it first does whatever fell due while no worker ran — a scheduled article, a
scheduled update, an alert to expire — and logs how late; then it runs each task at its
time. Every schedule writes its wake-up task in the same transaction as itself, so none
is lost; any number of workers may run, and each due item is done once. It also deletes
the rows of tasks finished more than TASK_RESULTS_KEEP_DAYS ago (khabar.core.task_results),
at start and then hourly.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django_tasks_db.compat import task_finished  # the signal the worker sends, on any Django
from django_tasks_db.management.commands import db_worker

from khabar.articles.workflow import due_run
from khabar.core.statistics import statistics_refresh
from khabar.core.task_results import Pruner, finished_prune

logger = logging.getLogger("khabar.worker")


class Command(db_worker.Command):
    help = "Run Khabar's background worker: scheduled publishing, alert expiry, deferred work."

    def add_arguments(self, parser: Any) -> None:
        super().add_arguments(parser)
        # Half a second: a scheduled article is out within a second of its time.
        parser.set_defaults(interval=settings.WORKER_POLL_SECONDS, reload=False)

    def handle(self, *args: Any, **options: Any) -> None:
        self.configure_logging(options["verbosity"])
        if not logger.hasHandlers():
            logger.addHandler(logging.StreamHandler(self.stdout))
        logger.setLevel(logging.INFO)
        logging.getLogger("khabar.articles.workflow").handlers = logger.handlers
        logging.getLogger("khabar.articles.workflow").setLevel(logging.INFO)
        if pruned := finished_prune():
            logger.info(
                "deleted %d task result(s) older than %d days",
                pruned,
                settings.TASK_RESULTS_KEEP_DAYS,
            )
        pruner = Pruner()
        task_finished.connect(pruner)
        if statistics_refresh():
            logger.info("refreshed the database's statistics for the query planner")
        report = due_run()
        done = len(report.published) + len(report.updated) + len(report.breaking_ended)
        if done:
            logger.info(
                "caught up at start: %d due item(s), up to %.0f s late", done, report.late_seconds
            )
        try:
            super().handle(*args, **options)
        finally:
            task_finished.disconnect(pruner)
