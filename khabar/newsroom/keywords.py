"""Keywords of the editions a person covers as an editor: find one, rename it.

A keyword is found however it was typed (ي/ی, ك/ک), by the same key that makes those
spellings one keyword; khabar.articles.services.keyword_rename decides who may rename
and which names are usable.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from khabar.articles import newsroom_selectors as selectors
from khabar.articles import services
from khabar.articles.models import Keyword
from khabar.editions.models import Edition
from khabar.editions.selectors import edition_get, edition_list
from khabar.newsroom.access import newsroom_view
from khabar.staff import permissions

PAGE_SIZE = 50
# Longer than any keyword (limits.KEYWORD_NAME_MAX): nobody types that into a keyword field.
AUTOCOMPLETE_PREFIX_MAX = 100


class KeywordForm(forms.Form):
    # No length limit or requirement here: the service says what a usable name is.
    name = forms.CharField(label=gettext_lazy("Name"), required=False)


def _editions_covered(user: Any) -> list[Edition]:
    editions = edition_list()
    covered = [e for e in editions if permissions.can_manage_keywords(user, edition_id=e.pk)]
    if not covered and editions:
        # Nothing to manage here: the permission's own refusal says why.
        permissions.require_manage_keywords(user, edition_id=editions[0].pk)
    return covered


def _keyword_or_404(user: Any, keyword_id: int) -> Keyword:
    keyword = selectors.keyword_get(keyword_id=keyword_id)
    if keyword is None:
        raise Http404
    permissions.require_manage_keywords(user, edition_id=keyword.edition_id)
    return keyword


@newsroom_view
def keyword_list(request: HttpRequest) -> HttpResponse:
    editions = _editions_covered(request.user)
    if not editions:
        raise Http404
    edition = next((e for e in editions if e.code == request.GET.get("edition")), editions[0])
    text = request.GET.get("q", "").strip()
    page = Paginator(selectors.keyword_search(edition=edition, text=text), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {"editions": editions, "edition": edition, "q": text, "page": page}
    return render(request, "newsroom/keywords/list.html", context)


@newsroom_view
def keyword_edit(request: HttpRequest, keyword_id: int) -> HttpResponse:
    keyword = _keyword_or_404(request.user, keyword_id)
    form = KeywordForm(request.POST or None, initial={"name": keyword.name})
    if request.method == "POST" and form.is_valid():
        old_name = keyword.name
        try:
            services.keyword_rename(
                actor=request.user, keyword=keyword, name=form.cleaned_data["name"]
            )
        except ValidationError as error:
            form.add_error("name", error)
        else:
            messages.success(
                request,
                _("Keyword %(old)s is now %(new)s.") % {"old": old_name, "new": keyword.name},
            )
            query = urlencode({"edition": keyword.edition.code, "q": keyword.name})
            return redirect(f"{reverse('newsroom:keywords')}?{query}")
    status = 400 if form.errors else 200
    context = {"keyword": keyword, "form": form}
    return render(request, "newsroom/keywords/edit.html", context, status=status)


def _json_error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


@newsroom_view
def keyword_autocomplete(request: HttpRequest) -> JsonResponse:
    """The edition's keywords that start with what was typed (`q`), as JSON, for the
    keyword field of the editor; for anyone who works in the edition."""
    prefix = request.GET.get("q", "")
    if not prefix.strip():
        return _json_error(_("Type the first letters of a keyword."), 400)
    if len(prefix) > AUTOCOMPLETE_PREFIX_MAX:
        return _json_error(
            _("Type at most %(limit)s characters.") % {"limit": AUTOCOMPLETE_PREFIX_MAX}, 400
        )
    if any(char < " " or "\x7f" <= char <= "\x9f" for char in prefix):
        return _json_error(_("A keyword cannot hold control characters."), 400)
    edition = edition_get(code=request.GET.get("edition", ""))
    if edition is None:
        return _json_error(_("There is no such edition."), 404)
    scope = permissions.scope_of(request.user)
    if scope is None or not scope.covers_edition(edition.pk):
        return _json_error(_("You do not work in this edition."), 403)
    found = selectors.keyword_autocomplete(edition=edition, prefix=prefix)
    return JsonResponse({"keywords": [{"id": k.pk, "name": k.name, "uses": k.uses} for k in found]})
