"""The newsroom's article pages: the list, a new article, and the editor.

The editor page shows what the staff member may do to the article — the buttons come from
khabar.staff.permissions' `can_*` and the workflow's transitions — and every button posts
to one service (khabar.newsroom.actions). A refusal is the service's to make and word.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from khabar.articles import revisions, services, workflow
from khabar.articles.locks import LockHeld, article_lock, lock_get
from khabar.articles.models import Article
from khabar.articles.newsroom_selectors import (
    newsroom_article,
    newsroom_articles,
    preview_links_open,
)
from khabar.core import links
from khabar.editions.models import Edition, Section
from khabar.newsroom.access import newsroom_view
from khabar.newsroom.article_rows import ROW_FIELDS, article_rows_html
from khabar.newsroom.forms import (
    ArticleEditForm,
    ArticleFilterForm,
    ArticleNewForm,
    BreakingForm,
    CorrectionForm,
    PreviewLinkForm,
    ScheduleForm,
    TakeDownForm,
    errors_onto,
    keywords_join,
    schedule_example,
)
from khabar.newsroom.paging import CappedPaginator
from khabar.newsroom.schedule_grid import schedule_months, weekday_names
from khabar.newsroom.widgets import fields_html
from khabar.staff import permissions
from khabar.staff.permissions import Scope

Status = Article.Status
PER_PAGE = 25


def editions_of(scope: Scope) -> QuerySet[Edition]:
    """The editions a staff member writes in: every one for an admin."""
    editions = Edition.objects.order_by("position", "code")
    return editions if scope.is_admin else editions.filter(pk__in=scope.edition_ids)


def sections_of(scope: Scope) -> QuerySet[Section]:
    """The sections a staff member may filter by: their editions', or their own sections."""
    sections = Section.objects.select_related("edition").order_by(
        "edition__position", "edition__code", "position", "name"
    )
    if scope.section_ids:
        return sections.filter(pk__in=scope.section_ids)
    return sections if scope.is_admin else sections.filter(edition__in=scope.edition_ids)


def authors_of(scope: Scope) -> QuerySet[Any]:
    """Who may have written an article: the accounts with a newsroom role, and superusers."""
    return (
        get_user_model()
        .objects.filter(Q(staff_role__isnull=False) | Q(is_superuser=True))
        .order_by("username")
    )


def _pk(instance: Any) -> int | None:
    return instance.pk if instance is not None else None


@dataclass(frozen=True, slots=True)
class Offers:
    """What the editor page offers this staff member on this article."""

    edit: bool
    submit: bool
    return_to_draft: bool
    publish: bool
    schedule: bool
    unpublish: bool
    take_down: bool
    delete: bool
    breaking: bool
    update: bool  # publish or schedule the pending update
    correct: bool
    preview: bool


def offers_for(user: Any, article: Article) -> Offers:
    editable = permissions.can_edit(user, article)
    publisher = permissions.can_publish(user, article)
    status = article.status
    # A reporter may withdraw their own submission (workflow.article_return_to_draft).
    own_submission = status == Status.IN_REVIEW and article.author_id == user.pk
    return Offers(
        edit=editable,
        submit=permissions.can_submit(user, article)
        and workflow.transition_allowed(article, Status.IN_REVIEW),
        return_to_draft=(publisher or own_submission)
        and workflow.transition_allowed(article, Status.DRAFT),
        publish=publisher and workflow.transition_allowed(article, Status.PUBLISHED),
        schedule=publisher and workflow.transition_allowed(article, Status.SCHEDULED),
        unpublish=publisher and workflow.transition_allowed(article, Status.UNPUBLISHED),
        take_down=publisher
        and status in {Status.PUBLISHED, Status.UNPUBLISHED}
        and article.taken_down_at is None,
        delete=editable and status in {Status.DRAFT, Status.IN_REVIEW},
        breaking=publisher and status == Status.PUBLISHED,
        update=publisher and status == Status.PUBLISHED and article.pending_revision_id is not None,
        correct=publisher and status == Status.PUBLISHED,
        preview=editable or publisher,
    )


def article_visible(request: HttpRequest, pk: int) -> Article:
    """The article, if the staff member works on it; 404 or the rules' refusal otherwise.

    Whoever may edit or publish it sees it, and its author at any stage (a reporter follows
    their submitted story without being able to change it).
    """
    article = newsroom_article(pk=pk)
    if article is None:
        raise Http404("no such article")
    user = request.user
    if not (
        permissions.can_edit(user, article)
        or permissions.can_publish(user, article)
        or (article.author_id == user.pk and permissions.scope_of(user) is not None)
    ):
        permissions.require_edit(user, article)
    return article


@newsroom_view
@require_GET
def article_list(request: HttpRequest) -> HttpResponse:
    scope, user_id = permissions.scope_of(request.user), request.user.pk
    assert scope is not None and user_id is not None  # noqa: S101 - newsroom_view let only staff in
    editions = editions_of(scope)
    filters = ArticleFilterForm(
        request.GET,
        editions=editions,
        sections=sections_of(scope),
        authors=authors_of(scope),
    )
    # A bad filter is said beside its field; the valid ones still apply.
    filters.is_valid()
    chosen: dict[str, Any] = filters.cleaned_data
    order, descending = filters.ordering()
    queryset = newsroom_articles(
        scope=scope,
        user_id=user_id,
        edition_id=_pk(chosen.get("edition")),
        section_id=_pk(chosen.get("section")),
        author_id=_pk(chosen.get("author")),
        status=chosen.get("status") or None,
        published_from=chosen.get("date_from"),
        published_to=chosen.get("date_to"),
        order=order,
        descending=descending,
    ).only(*ROW_FIELDS)
    page = CappedPaginator(queryset, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "newsroom/articles/list.html",
        {
            "filters": filters,
            "filter_fields": fields_html(form=filters),
            "page": page,
            "rows": article_rows_html(
                articles=page.object_list, list_url=reverse("newsroom:article_list")
            ),
        },
    )


@newsroom_view
@require_http_methods(["GET", "POST"])
def article_new(request: HttpRequest) -> HttpResponse:
    scope = permissions.scope_of(request.user)
    assert scope is not None  # noqa: S101 - newsroom_view let only staff in
    editions = editions_of(scope)
    if request.method != "POST":
        return _new_render(request, ArticleNewForm(editions=editions))
    form = ArticleNewForm(request.POST, editions=editions)
    if not form.is_valid():
        return _new_render(request, form, status=400)
    fields = form.service_fields()
    try:
        article = services.article_create(
            actor=request.user, edition=form.cleaned_data["edition"], **fields
        )
    except PermissionDenied as refusal:
        # Said beside the form, so what was typed is not lost to a 403 page.
        form.add_error(None, str(refusal))
        return _new_render(request, form, status=403)
    except ValidationError as error:
        errors_onto(form, error)
        return _new_render(request, form, status=400)
    messages.success(
        request, _("Article created with news code %(code)s.") % {"code": article.code}
    )
    return redirect("newsroom:article_editor", pk=article.pk)


def _new_render(request: HttpRequest, form: ArticleNewForm, status: int = 200) -> HttpResponse:
    context = {"form": form, "media_url": settings.MEDIA_URL}
    return render(request, "newsroom/articles/new.html", context, status=status)


@newsroom_view
@require_http_methods(["GET", "POST"])
def article_editor(request: HttpRequest, pk: int) -> HttpResponse:
    article = article_visible(request, pk)
    if request.method == "POST":
        return _save(request, article)
    if permissions.can_edit(request.user, article):
        # Held by someone else: the page says who, since when, and offers to take over.
        with contextlib.suppress(LockHeld):
            article_lock(actor=request.user, article=article)
    return editor_render(request, article)


@newsroom_view
def article_editor_expired(request: HttpRequest, pk: int) -> HttpResponse:
    """A save refused by the CSRF check (the page outlived its token, or the editor signed
    in again in another tab): the editor again with what they typed and a fresh token,
    nothing saved. Only for a POST from this site's own pages (config.csrf checks the
    Origin), so another site cannot fill an editor's form for them."""
    article = article_visible(request, pk)
    form = ArticleEditForm(request.POST, edition=article.edition)
    form.is_valid()
    message = _("The form had expired, so nothing was saved. What you typed is below: save again.")
    return editor_render(request, article, form=form, error=message, status=403)


def _save(request: HttpRequest, article: Article) -> HttpResponse:
    form = ArticleEditForm(request.POST, edition=article.edition)
    if not form.is_valid():
        return editor_render(request, article, form=form, status=400)
    fields = form.service_fields()
    base = form.cleaned_data["base_revision"]
    try:
        revision = services.article_save(
            actor=request.user, article=article, base_revision=base, **fields
        )
    except services.StaleEdit as stale:
        # The editor's text is kept. The next save is based on the latest revision: they
        # have been told what happened and can compare before saving over it.
        data = request.POST.copy()
        data["base_revision"] = str(stale.latest.number if stale.latest else base)
        kept = ArticleEditForm(data, edition=article.edition)
        kept.is_valid()
        fresh = newsroom_article(pk=article.pk) or article
        return editor_render(request, fresh, form=kept, stale=stale, status=409)
    except ValidationError as error:
        errors_onto(form, error)
        return editor_render(request, article, form=form, status=400)
    if revision is None:
        messages.info(request, _("Nothing changed, so nothing was saved."))
    elif article.status == Status.PUBLISHED:
        messages.success(
            request,
            _(
                "Saved as revision %(number)s, a pending update: readers still see the "
                "published text until an editor publishes the update."
            )
            % {"number": revision.number},
        )
    else:
        messages.success(request, _("Saved as revision %(number)s.") % {"number": revision.number})
    return redirect("newsroom:article_editor", pk=article.pk)


def _initial(article: Article) -> dict[str, Any]:
    content = revisions.current_content(article)
    initial = {name: content.get(name) for name in revisions.CONTENT_FIELDS}
    initial["keywords"] = keywords_join(content.get("keywords") or [], article.edition)
    initial["base_revision"] = article.revision_number
    return initial


def _schedule_picker(offers: Offers, edition: Edition) -> dict[str, Any]:
    if not (offers.schedule or offers.update):
        return {}
    return {
        "schedule_months": schedule_months(edition),
        "schedule_weekdays": weekday_names(edition),
        # A day picked with no time typed yet gets the example's time (an hour from now).
        "schedule_time": schedule_example(edition).split()[-1],
    }


def editor_render(
    request: HttpRequest,
    article: Article,
    *,
    status: int = 200,
    form: ArticleEditForm | None = None,
    stale: services.StaleEdit | None = None,
    error: str = "",
    **forms: Any,
) -> HttpResponse:
    """The editor page; an action that failed passes its bound form (value kept) or error."""
    user = request.user
    edition = article.edition
    offers = offers_for(user, article)
    if form is None:
        form = ArticleEditForm(initial=_initial(article), edition=edition)
    if not offers.edit:
        for field in form.fields.values():
            field.disabled = True
    lock = lock_get(article)
    context = {
        "article": article,
        "edition": edition,
        "offers": offers,
        "form": form,
        "stale": stale,
        "stale_message": " ".join(stale.messages) if stale else "",
        "error": error,
        "lock_by_other": lock if lock is not None and lock.holder_id != user.pk else None,
        "short_url": links.absolute_url(links.article_short_path(edition.code, article.code)),
        "public_url": links.absolute_url(
            links.article_path(edition.code, article.code, article.slug)
        )
        if article.is_public
        else "",
        "preview_url": links.article_preview_path(edition.code, article.code)
        if offers.preview
        else "",
        "preview_links": preview_links_open(article=article) if offers.preview else [],
        "corrections": list(article.corrections.all()),
        "schedule_form": ScheduleForm(edition=edition),
        "update_form": ScheduleForm(edition=edition, prefix="update"),
        "breaking_form": BreakingForm(),
        "take_down_form": TakeDownForm(),
        "correction_form": CorrectionForm(),
        "preview_form": PreviewLinkForm(),
        "media_url": settings.MEDIA_URL,
        **_schedule_picker(offers, edition),
        **forms,
    }
    return render(request, "newsroom/articles/editor.html", context, status=status)
