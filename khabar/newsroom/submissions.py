"""The submissions inbox: the list, one submission with its files, its status, a draft.

Thin: the inbox is a selector limited to the editions the staff member covers, every act a
service that checks permission and writes the audit log. Files are read only through
`submission_file`, which streams them from the private storage after the same check.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from khabar.editions.selectors import edition_list
from khabar.newsroom.access import newsroom_view
from khabar.submissions import selectors, services
from khabar.submissions.models import Submission, SubmissionFile
from khabar.submissions.storage import private_storage

INBOX_ROWS = 100
# Whatever a file holds, opened on its own it runs nothing and loads nothing.
FILE_POLICY = "default-src 'none'; img-src 'self'; media-src 'self'; sandbox"


@newsroom_view
def submission_inbox(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    status = status if status in Submission.Status.values else ""
    editions = edition_list()
    edition = next((e for e in editions if e.code == request.GET.get("edition")), None)
    rows = selectors.submission_inbox(actor=request.user, status=status or None, edition=edition)
    return render(
        request,
        "newsroom/submissions/inbox.html",
        {
            "submissions": list(rows[:INBOX_ROWS]),
            "total": rows.count(),
            "statuses": Submission.Status.choices,
            "status": status,
            "editions": editions,
            "edition": edition,
        },
    )


def _submission(request: HttpRequest, pk: int) -> Submission:
    found = selectors.inbox_queryset(actor=request.user).filter(pk=pk).first()
    if found is None:
        raise Http404("no such submission")
    return found


@newsroom_view
def submission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _submission(request, pk)
    return render(
        request,
        "newsroom/submissions/detail.html",
        {
            "submission": submission,
            "files": list(submission.files.all()),
            "statuses": Submission.Status.choices,
        },
    )


@require_POST
@newsroom_view
def submission_status(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _submission(request, pk)
    services.submission_set_status(
        actor=request.user, submission=submission, status=request.POST.get("status", "")
    )
    messages.success(request, _("The submission is marked “%s”.") % submission.get_status_display())
    return HttpResponseRedirect(reverse("newsroom:submission", args=[submission.pk]))


@require_POST
@newsroom_view
def submission_draft(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _submission(request, pk)
    article = services.submission_make_draft(actor=request.user, submission=submission)
    messages.success(request, _("A draft is made from the submission; edit it here."))
    return HttpResponseRedirect(reverse("newsroom:article_editor", args=[article.pk]))


@newsroom_view
def submission_file(request: HttpRequest, pk: int) -> FileResponse:
    """A submitted file, for staff who may see its submission, never cached.

    Shown in the page only when it is a photo Khabar encoded again (`?inline`); anything
    else is a download, its type the one found in its content, never sniffed.
    """
    file = selectors.submission_file_for(actor=request.user, pk=pk)
    if file is None:
        raise Http404("no such file")
    inline = "inline" in request.GET and file.kind == SubmissionFile.Kind.PHOTO
    response = FileResponse(
        private_storage().open(file.stored_name),
        as_attachment=not inline,
        filename=file.display_name,
        content_type=file.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = FILE_POLICY
    response["Cache-Control"] = "private, no-store"
    return response
