"""Submissions are deleted, files and all, after their edition's retention period."""

from __future__ import annotations

import datetime
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.core.checks import run_checks
from django.core.management import call_command
from django.utils import timezone

from khabar.audit.models import AuditEntry
from khabar.editions.models import Edition
from khabar.submissions.models import Submission
from khabar.submissions.tests.conftest import Send, png, upload

pytestmark = pytest.mark.django_db


def files_in(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()]


def test_submissions_past_retention_are_deleted_with_their_files_and_audited(
    send: Send, edition_ar: Edition, private_root: Path, django_capture_on_commit_callbacks: Any
) -> None:
    edition_ar.submissions_keep_days = 30
    edition_ar.save()
    with time_machine.travel(timezone.now() - datetime.timedelta(days=31)):
        old = send(text="old", files=[upload("a.png", png())]).submission
    kept = send(text="new", files=[upload("b.png", png())]).submission
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):  # files go once the rows have
        call_command("submissions_purge", stdout=out)
    assert out.getvalue().strip() == "1 submissions deleted."
    assert list(Submission.objects.all()) == [kept]
    assert [path.name for path in files_in(private_root)] == [
        Path(kept.files.get().stored_name).name
    ]
    entry = AuditEntry.objects.get(action=AuditEntry.Action.SUBMISSION_DELETE)
    assert entry.target_id == str(old.pk) and entry.actor_name == "[retention]"
    assert entry.data["files"] == 1


def test_each_edition_keeps_submissions_for_its_own_period(
    send: Send, edition_ar: Edition, edition_fa: Edition
) -> None:
    edition_fa.submissions_keep_days = 365
    edition_fa.save()
    with time_machine.travel(timezone.now() - datetime.timedelta(days=100)):
        send(text="ar")
        send(text="fa", edition=edition_fa)
    call_command("submissions_purge", stdout=StringIO())
    assert list(Submission.objects.values_list("text", flat=True)) == ["fa"]


def test_a_submissions_root_inside_the_media_root_stops_the_start(settings: Any) -> None:
    settings.SUBMISSIONS_ROOT = str(Path(settings.MEDIA_ROOT) / "private")
    assert [error.id for error in run_checks()] == ["submissions.E001"]
