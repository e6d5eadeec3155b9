"""What the editor page's buttons do: each a POST calling one service, then back to the editor.

Success is said with a message on the editor page it redirects to. A service's refusal
comes back as that page again, with the service's message: 403 for a rule (the newsroom's
403 page), 400 for input the service cannot use (the form shown with its value kept), 409
for a move the article's state does not allow (a transition, a stale save). GET is 405; the
CSRF middleware refuses a POST without its token.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from khabar.articles import services, workflow
from khabar.articles.locks import article_lock, article_unlock, lock_get
from khabar.articles.models import Article, PreviewLink
from khabar.articles.newsroom_selectors import newsroom_article
from khabar.articles.previews import preview_link_create, preview_link_revoke
from khabar.core import links
from khabar.core.templatetags.khabar import edition_datetime
from khabar.newsroom.access import View, newsroom_view
from khabar.newsroom.articles import editor_render
from khabar.newsroom.forms import (
    BreakingForm,
    CorrectionForm,
    PreviewLinkForm,
    ScheduleForm,
    TakeDownForm,
)

Action = Callable[[HttpRequest, Article], HttpResponse]


def refused(request: HttpRequest, pk: int, error: ValidationError) -> HttpResponse:
    """The editor again, saying why: 400 for unusable input, 409 for the article's state.

    The article is read again: the refused service may have changed it in memory.
    """
    article = newsroom_article(pk=pk)
    if article is None:
        raise Http404("no such article")
    status = 400 if hasattr(error, "error_dict") else 409
    return editor_render(request, article, status=status, error=" ".join(error.messages))


def article_action(view: Action) -> View:
    """POST only, for staff; the article by id; a service's ValidationError shown on the
    editor page."""

    @newsroom_view
    @require_POST
    @functools.wraps(view)
    def wrapper(request: HttpRequest, pk: int) -> HttpResponse:
        article = newsroom_article(pk=pk)
        if article is None:
            raise Http404("no such article")
        try:
            return view(request, article)
        except ValidationError as error:
            return refused(request, pk, error)

    return wrapper


def done(request: HttpRequest, article: Article, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("newsroom:article_editor", pk=article.pk)


def _when(article: Article, at: datetime.datetime | None) -> str:
    return edition_datetime(at, article.edition)


# --- Review and publication ----------------------------------------------------------------


@article_action
def submit(request: HttpRequest, article: Article) -> HttpResponse:
    workflow.article_submit(actor=request.user, article=article)
    return done(request, article, _("Sent for review."))


@article_action
def return_to_draft(request: HttpRequest, article: Article) -> HttpResponse:
    workflow.article_return_to_draft(actor=request.user, article=article)
    return done(request, article, _("Returned to draft."))


@article_action
def publish(request: HttpRequest, article: Article) -> HttpResponse:
    workflow.article_publish(actor=request.user, article=article)
    return done(request, article, _("Published: readers see it now."))


def _scheduled(
    request: HttpRequest,
    article: Article,
    *,
    prefix: str,
    form_name: str,
    publish_now: str,
    schedule: Callable[[datetime.datetime], Article],
) -> HttpResponse | datetime.datetime:
    """The time the schedule form gives, or the page to show instead: the form with its
    error (400), or, for a time already past, the question of what to do (400)."""
    form = ScheduleForm(request.POST, edition=article.edition, prefix=prefix)
    if not form.is_valid():
        bound: dict[str, Any] = {form_name: form}
        return editor_render(request, article, status=400, **bound)
    at = form.cleaned_data["at"]
    try:
        schedule(at)
    except ValidationError as error:
        past = getattr(error, "error_dict", {}).get("at", [])
        if not any(problem.code == "past" for problem in past):
            raise
        return render(
            request,
            "newsroom/articles/schedule_past.html",
            {
                "article": article,
                "edition": article.edition,
                "message": " ".join(error.messages),
                "entered": form.data.get(form.add_prefix("at"), ""),
                "at": at,
                "form": form,
                "form_action": request.path,
                "publish_now_action": publish_now,
            },
            status=400,
        )
    return at


@article_action
def schedule(request: HttpRequest, article: Article) -> HttpResponse:
    outcome = _scheduled(
        request,
        article,
        prefix="",
        form_name="schedule_form",
        publish_now="newsroom:article_publish",
        schedule=lambda at: workflow.article_schedule(actor=request.user, article=article, at=at),
    )
    if isinstance(outcome, HttpResponse):
        return outcome
    return done(
        request,
        article,
        _("Scheduled: it goes out at %(when)s.") % {"when": _when(article, outcome)},
    )


@article_action
def unpublish(request: HttpRequest, article: Article) -> HttpResponse:
    workflow.article_unpublish(actor=request.user, article=article)
    return done(
        request, article, _("Unpublished: its address answers 410 Gone, and it left every list.")
    )


@article_action
def take_down(request: HttpRequest, article: Article) -> HttpResponse:
    form = TakeDownForm(request.POST)
    if not form.is_valid():
        return editor_render(request, article, status=400, take_down_form=form)
    try:
        workflow.article_take_down(
            actor=request.user, article=article, reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        return refused(request, article.pk, error)
    return done(
        request, article, _("Taken down: its address answers 410 Gone, and it left every list.")
    )


@article_action
def delete(request: HttpRequest, article: Article) -> HttpResponse:
    code = article.code
    workflow.article_delete(actor=request.user, article=article)
    messages.success(request, _("Draft %(code)s deleted.") % {"code": code})
    return redirect("newsroom:article_list")


# --- Breaking news, live updates, corrections ----------------------------------------------


@article_action
def breaking_set(request: HttpRequest, article: Article) -> HttpResponse:
    form = BreakingForm(request.POST)
    if not form.is_valid():
        return editor_render(request, article, status=400, breaking_form=form)
    article = workflow.article_breaking_set(
        actor=request.user,
        article=article,
        duration=datetime.timedelta(minutes=form.cleaned_data["minutes"]),
    )
    return done(
        request,
        article,
        _("Breaking news until %(when)s.") % {"when": _when(article, article.breaking_until)},
    )


@article_action
def breaking_clear(request: HttpRequest, article: Article) -> HttpResponse:
    workflow.article_breaking_clear(actor=request.user, article=article)
    return done(request, article, _("The breaking alert is cleared."))


@article_action
def update_publish(request: HttpRequest, article: Article) -> HttpResponse:
    workflow.article_update_publish(actor=request.user, article=article)
    return done(request, article, _("The update is live: readers see the new text now."))


@article_action
def update_schedule(request: HttpRequest, article: Article) -> HttpResponse:
    outcome = _scheduled(
        request,
        article,
        prefix="update",
        form_name="update_form",
        publish_now="newsroom:article_update_publish",
        schedule=lambda at: workflow.article_update_publish(
            actor=request.user, article=article, at=at
        ),
    )
    if isinstance(outcome, HttpResponse):
        return outcome
    return done(
        request,
        article,
        _("The update goes live at %(when)s.") % {"when": _when(article, outcome)},
    )


@article_action
def correction_add(request: HttpRequest, article: Article) -> HttpResponse:
    form = CorrectionForm(request.POST)
    if form.is_valid():
        try:
            services.correction_add(actor=request.user, article=article, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return done(request, article, _("The note is published under the article."))
    return editor_render(request, article, status=400, correction_form=form)


# --- Locks ----------------------------------------------------------------------------------


@article_action
def lock_take_over(request: HttpRequest, article: Article) -> HttpResponse:
    before = lock_get(article)
    article_lock(actor=request.user, article=article, take_over=True)
    if before is not None and before.holder_id != request.user.pk:
        messages.warning(
            request,
            _("You took the article over from %(name)s, who is told when they next open it.")
            % {"name": before.holder_name},
        )
    return redirect("newsroom:article_editor", pk=article.pk)


@article_action
def unlock(request: HttpRequest, article: Article) -> HttpResponse:
    article_unlock(actor=request.user, article=article)
    messages.info(request, _("You left the article; others can edit it without a warning."))
    return redirect("newsroom:article_list")


# --- Preview links --------------------------------------------------------------------------


@article_action
def preview_create(request: HttpRequest, article: Article) -> HttpResponse:
    form = PreviewLinkForm(request.POST)
    if not form.is_valid():
        return editor_render(request, article, status=400, preview_form=form)
    link, token = preview_link_create(
        actor=request.user,
        article=article,
        valid_for=datetime.timedelta(days=form.cleaned_data["days"]),
    )
    # The token exists only in this response: not in a message (kept in the session), nor
    # in a redirect (kept in the history).
    return render(
        request,
        "newsroom/articles/preview_link.html",
        {
            "article": article,
            "edition": article.edition,
            "link": link,
            "url": links.absolute_url(links.preview_link_path(token)),
        },
    )


@newsroom_view
@require_POST
def preview_revoke(request: HttpRequest, pk: int, link: int) -> HttpResponse:
    found = get_object_or_404(
        PreviewLink.objects.select_related("article__edition"), pk=link, article=pk
    )
    preview_link_revoke(actor=request.user, link=found)
    messages.success(request, _("The preview link is withdrawn: it opens nothing now."))
    return redirect("newsroom:article_editor", pk=pk)
