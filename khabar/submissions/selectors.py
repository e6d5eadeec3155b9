"""Reading submissions: the inbox of a staff member, limited to the editions they cover."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from khabar.core.actors import Actor
from khabar.editions.models import Edition
from khabar.submissions.models import Submission, SubmissionFile
from khabar.submissions.permissions import inbox_scope


def inbox_queryset(*, actor: Actor) -> QuerySet[Submission]:
    """Every submission the actor may see (none for those without an inbox)."""
    scope = inbox_scope(actor)
    if scope is None:
        return Submission.objects.none()
    rows = Submission.objects.select_related("edition", "handled_by", "article")
    return rows if scope.is_admin else rows.filter(edition_id__in=scope.edition_ids)


def submission_inbox(
    *, actor: Actor, status: str | None = None, edition: Edition | None = None
) -> QuerySet[Submission]:
    """The actor's inbox, newest first, with each submission's count of files."""
    rows = inbox_queryset(actor=actor).annotate(file_count=Count("files"))
    if status:
        rows = rows.filter(status=status)
    if edition is not None:
        rows = rows.filter(edition=edition)
    return rows


def new_count(*, actor: Actor) -> int | None:
    """Submissions not yet looked at, for the newsroom's menu; None without an inbox."""
    if inbox_scope(actor) is None:
        return None
    return inbox_queryset(actor=actor).filter(status=Submission.Status.NEW).count()


def submission_file_for(*, actor: Actor, pk: int) -> SubmissionFile | None:
    """A file, when the actor may see its submission."""
    return (
        SubmissionFile.objects.select_related("submission")
        .filter(pk=pk, submission__in=inbox_queryset(actor=actor))
        .first()
    )
