"""`khabar worker` deletes finished tasks' rows after TASK_RESULTS_KEEP_DAYS
(khabar.core.task_results), at start and then at most hourly; tasks waiting or running are
never touched."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from pytest_django import Settings

from khabar.articles.tasks import due_run_task
from khabar.core import task_results
from khabar.core.task_results import Pruner, finished_prune


def queued(status: str = TaskResultStatus.READY, days_ago: float | None = None) -> DBTaskResult:
    """A task row (the scheduler's run, which has nothing to do when run here)."""
    due_run_task.enqueue()
    row = DBTaskResult.objects.latest("enqueued_at")
    if days_ago is not None:
        row.finished_at = timezone.now() - datetime.timedelta(days=days_ago)
    row.status = status
    row.save()
    return row


@pytest.mark.django_db
def test_rows_finished_before_the_kept_days_are_deleted_and_no_other(settings: Settings) -> None:
    settings.TASK_RESULTS_KEEP_DAYS = 14
    old_done = queued(TaskResultStatus.SUCCESSFUL, days_ago=15)
    old_failed = queued(TaskResultStatus.FAILED, days_ago=15)
    recent = queued(TaskResultStatus.SUCCESSFUL, days_ago=13)
    waiting = queued(TaskResultStatus.READY)
    running = queued(TaskResultStatus.RUNNING)
    assert finished_prune() == 2
    left = set(DBTaskResult.objects.values_list("pk", flat=True))
    assert left == {recent.pk, waiting.pk, running.pk}
    assert old_done.pk not in left and old_failed.pk not in left


@pytest.mark.django_db
def test_the_pruner_prunes_at_most_once_in_its_interval(settings: Settings) -> None:
    settings.TASK_RESULTS_KEEP_DAYS = 14
    pruner = Pruner()
    queued(TaskResultStatus.SUCCESSFUL, days_ago=20)
    assert pruner() == 0  # just made: the worker pruned at start
    pruner.last -= task_results.PRUNE_EVERY_SECONDS
    assert pruner() == 1
    queued(TaskResultStatus.SUCCESSFUL, days_ago=20)
    assert pruner() == 0


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_prunes_at_start(settings: Settings) -> None:
    settings.TASK_RESULTS_KEEP_DAYS = 14
    old = queued(TaskResultStatus.SUCCESSFUL, days_ago=15)
    recent = queued(TaskResultStatus.SUCCESSFUL, days_ago=1)
    call_command("worker", "--batch", "--no-startup-delay", verbosity=0)
    assert set(DBTaskResult.objects.values_list("pk", flat=True)) == {recent.pk}
    assert not DBTaskResult.objects.filter(pk=old.pk).exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("every", [0.0, 3600.0], ids=["interval-passed", "within-interval"])
def test_the_worker_prunes_after_a_task_once_its_interval_has_passed(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, every: float
) -> None:
    settings.TASK_RESULTS_KEEP_DAYS = 0  # a task is old as soon as it has finished
    monkeypatch.setattr(task_results, "PRUNE_EVERY_SECONDS", every)
    task = queued(TaskResultStatus.READY)
    call_command("worker", "--batch", "--no-startup-delay", verbosity=0)
    if every:
        task.refresh_from_db()
        assert task.status == TaskResultStatus.SUCCESSFUL
    else:
        assert not DBTaskResult.objects.exists()  # pruned right after it finished
