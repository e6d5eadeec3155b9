"""Deferred work, run by `khabar worker` (django-tasks with its database backend)."""

from __future__ import annotations

from django_tasks import task


@task()
def due_run_task() -> dict[str, object]:
    from khabar.articles.workflow import due_run

    report = due_run()
    return {
        "published": report.published,
        "updated": report.updated,
        "breaking_ended": report.breaking_ended,
        "late_seconds": report.late_seconds,
    }
