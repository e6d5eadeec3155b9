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
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from khabar.articles import newsroom_selectors as selectors
from khabar.articles import services
from khabar.articles.models import Keyword
from khabar.editions.models import Edition
from khabar.editions.selectors import edition_list
from khabar.newsroom.access import newsroom_view
from khabar.staff import permissions

PAGE_SIZE = 50


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
