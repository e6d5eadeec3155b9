"""Comment moderation: the queue, actions on many comments at once, edit, reply, close.

Thin: the queue is a selector, every act a service that checks the moderator's scope and
refuses (403 with its reason) what lies outside it.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from khabar.articles.models import Article
from khabar.comments import selectors, services
from khabar.comments.models import Comment
from khabar.editions.selectors import edition_list
from khabar.newsroom.access import newsroom_view
from khabar.text import parse_int

QUEUE_ROWS = 100
AGES = (1, 6, 24, 72)  # "older than" filters, in hours
ACTIONS = {
    "approve": services.comment_approve,
    "reject": services.comment_reject,
    "spam": services.comment_mark_spam,
}


def _number(value: str | None) -> int | None:
    try:
        return parse_int(value) if value else None
    except ValueError:
        return None


@newsroom_view
def comment_queue(request: HttpRequest) -> HttpResponse:
    statuses = Comment.Status.values
    status = request.GET.get("status", Comment.Status.PENDING)
    status = status if status in statuses else Comment.Status.PENDING
    editions = edition_list()
    edition = next((e for e in editions if e.code == request.GET.get("edition")), None)
    article_code = _number(request.GET.get("article"))
    older = _number(request.GET.get("older"))
    queue = selectors.moderation_queue(
        actor=request.user,
        status=status,
        edition=edition,
        article_code=article_code,
        older_than_hours=older if older in AGES else None,
    )
    return render(
        request,
        "newsroom/comments/queue.html",
        {
            "comments": list(queue[:QUEUE_ROWS]),
            "total": queue.count(),
            "statuses": Comment.Status.choices,
            "status": status,
            "editions": editions,
            "edition": edition,
            "article_code": article_code or "",
            "ages": AGES,
            "older": older,
            "pending": selectors.pending_count(actor=request.user),
            "next": request.get_full_path(),
        },
    )


def _back(request: HttpRequest) -> HttpResponseRedirect:
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("newsroom:comments")
    return HttpResponseRedirect(target)


@require_POST
@newsroom_view
def comment_act(request: HttpRequest) -> HttpResponse:
    """One action on the ticked comments: approve, reject, spam, or block their senders."""
    ids = [int(value) for value in request.POST.getlist("comment") if value.isdigit()]
    chosen = selectors.comments_by_ids(ids=ids)
    action = request.POST.get("action", "")
    if not chosen:
        messages.warning(request, _("Tick at least one comment."))
    elif action == "block":
        services.comment_block_sender(actor=request.user, comments=chosen)
        messages.success(request, _("The senders are blocked and their comments marked spam."))
    elif action in ACTIONS:
        changed = ACTIONS[action](actor=request.user, comments=chosen)
        count = len(changed)
        messages.success(
            request,
            ngettext("%(count)d comment changed.", "%(count)d comments changed.", count)
            % {"count": count},
        )
    return _back(request)


@newsroom_view
def comment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit a comment's text (the change is recorded) or reply as the newsroom."""
    # Only comments the moderator covers: the page shows the sender's email.
    comment = selectors.moderation_queryset(actor=request.user).filter(pk=pk).first()
    if comment is None:
        raise Http404("no such comment")
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        try:
            if "reply" in request.POST:
                services.comment_reply(
                    actor=request.user, comment=comment, body=request.POST["reply"]
                )
                messages.success(request, _("Your reply is published under the comment."))
            else:
                services.comment_edit(
                    actor=request.user, comment=comment, body=request.POST.get("body", "")
                )
                messages.success(request, _("The comment is corrected; the change is recorded."))
            return HttpResponseRedirect(reverse("newsroom:comment", args=[comment.pk]))
        except ValidationError as error:
            errors = error.message_dict
    return render(
        request,
        "newsroom/comments/detail.html",
        {"comment": comment, "edits": comment.edits.all(), "errors": errors},
    )


@require_POST
@newsroom_view
def article_comments_close(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article.objects.select_related("edition"), pk=pk)
    services.comments_close(actor=request.user, article=article)
    messages.success(request, _("Comments on this article are closed."))
    return _back(request)
