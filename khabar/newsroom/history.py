"""An article's revisions: the list, a diff between any two, and restoring one.

The diff is khabar.articles.revisions' data (field, lines marked - + or space), written
out by the template with autoescaping like any text: markup saved in a revision is shown,
never run.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from khabar.articles import services
from khabar.articles.models import Article, ArticleRevision
from khabar.articles.newsroom_selectors import article_revision_pair, article_revisions
from khabar.articles.revisions import revisions_diff
from khabar.core.fields import concrete_field
from khabar.newsroom.access import newsroom_view
from khabar.newsroom.articles import article_visible
from khabar.newsroom.forms import RestoreForm
from khabar.staff import permissions
from khabar.text import parse_int


def field_label(name: str) -> str:
    if name == "keywords":
        return _("keywords")
    return str(concrete_field(Article, name).verbose_name)


def _list_render(
    request: HttpRequest, article: Article, *, status: int = 200, error: str = ""
) -> HttpResponse:
    rows = [
        (revision, [field_label(name) for name in revision.changed_fields])
        for revision in article_revisions(article=article)
    ]
    return render(
        request,
        "newsroom/articles/revisions.html",
        {
            "article": article,
            "edition": article.edition,
            "rows": rows,
            "can_restore": permissions.can_edit(request.user, article),
            "error": error,
        },
        status=status,
    )


@newsroom_view
@require_GET
def revision_list(request: HttpRequest, pk: int) -> HttpResponse:
    return _list_render(request, article_visible(request, pk))


def _numbers(request: HttpRequest) -> tuple[int, int] | None:
    try:
        return parse_int(request.GET["from"], max_digits=9), parse_int(
            request.GET["to"], max_digits=9
        )
    except (KeyError, ValueError):
        return None


@newsroom_view
@require_GET
def revision_diff(request: HttpRequest, pk: int) -> HttpResponse:
    article = article_visible(request, pk)
    numbers = _numbers(request)
    found: dict[int, ArticleRevision] = (
        article_revision_pair(article=article, numbers=numbers) if numbers else {}
    )
    if numbers is None or any(number not in found for number in numbers):
        return _list_render(
            request,
            article,
            status=400 if numbers is None else 404,
            error=_("Choose two revisions of this article to compare."),
        )
    older, newer = (found[number] for number in numbers)
    context: dict[str, Any] = {
        "article": article,
        "edition": article.edition,
        "older": older,
        "newer": newer,
        "diffs": [(field_label(diff.field), diff.lines) for diff in revisions_diff(older, newer)],
    }
    return render(request, "newsroom/articles/diff.html", context)


@newsroom_view
@require_POST
def revision_restore(request: HttpRequest, pk: int) -> HttpResponse:
    article = article_visible(request, pk)
    form = RestoreForm(request.POST)
    if not form.is_valid():
        return _list_render(request, article, status=400, error=_("Choose a revision to restore."))
    number = form.cleaned_data["number"]
    try:
        revision = services.article_revision_restore(
            actor=request.user,
            article=article,
            number=number,
            base_revision=form.cleaned_data["base_revision"],
        )
    except services.StaleEdit as stale:
        return _list_render(request, article, status=409, error=" ".join(stale.messages))
    except ValidationError as error:
        return _list_render(request, article, status=400, error=" ".join(error.messages))
    if revision is None:
        messages.info(
            request, _("Revision %(number)s is the current text already.") % {"number": number}
        )
    else:
        messages.success(
            request,
            _("Revision %(number)s restored as revision %(new)s.")
            % {"number": number, "new": revision.number},
        )
    return redirect("newsroom:article_editor", pk=article.pk)
