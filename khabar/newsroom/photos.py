"""The media library's pages: the grid with search, uploads, a photo's description and
focal point, its private original, choosing an article's main photo from it, and the
body editor's picker (JSON) for photos inside the text.

Uploads work without JavaScript as one multi-file form (all or none, the typed text kept
when a file is refused); khabar/newsroom/static/newsroom/photos.js sends each file on its
own with a progress bar and reads the JSON answer (`Accept: application/json`).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from khabar.articles import services as article_services
from khabar.newsroom.access import newsroom_view
from khabar.newsroom.articles import article_visible
from khabar.newsroom.forms import errors_onto
from khabar.newsroom.photo_forms import (
    ArticlePhotoForm,
    PhotoEditForm,
    PhotoPickForm,
    PhotoUploadForm,
)
from khabar.photos import services
from khabar.photos.models import BODY_WIDTH, Photo
from khabar.photos.selectors import photos_insertable, photos_search
from khabar.photos.storage import originals_storage
from khabar.staff import permissions

PER_PAGE = 24
# An original is shown as an image or downloaded, never run: no script, no frame.
ORIGINAL_POLICY = "default-src 'none'; img-src 'self'; sandbox"


def _photo(pk: int) -> Photo:
    photo = Photo.objects.filter(pk=pk).first()
    if photo is None:
        raise Http404("no such photo")
    return photo


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


@newsroom_view
@require_GET
def photo_library(request: HttpRequest) -> HttpResponse:
    """The grid, newest first; `?for=<article>` offers each photo as its main photo."""
    query = request.GET.get("q", "")
    article = None
    if request.GET.get("for", "").isdigit():
        article = article_visible(request, int(request.GET["for"]))
    page = Paginator(photos_search(query=query), PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "newsroom/photos/library.html",
        {"page": page, "photos": page.object_list, "query": query, "article": article},
    )


@newsroom_view
@require_GET
def photo_pick(request: HttpRequest) -> HttpResponse:
    """A page of the photos an article's body can show, for the body editor's picker.

    `?q=` searches alt text, caption and credit, `?page=` counts from 1; a query longer
    than alt text can be or a page that is not a whole number from 1 answers 400 with
    the form's errors. `next` is the following page's number, or null on the last.
    """
    form = PhotoPickForm(request.GET)
    if not form.is_valid():
        return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    page = form.cleaned_data["page"] or 1
    start = (page - 1) * PER_PAGE
    # One row past the page says whether another follows, without counting the library.
    found = list(photos_insertable(query=form.cleaned_data["q"])[start : start + PER_PAGE + 1])
    photos = []
    for photo in found[:PER_PAGE]:
        shown = photo.rendition_best("full", BODY_WIDTH)
        thumb = photo.rendition_best("full", 0)
        assert shown is not None and thumb is not None  # noqa: S101 - ready photos only
        photos.append(
            {
                "id": photo.pk,
                "alt": photo.alt,
                "caption": photo.caption,
                "credit": photo.credit,
                "src": shown.url,
                "width": shown.width,
                "height": shown.height,
                "thumb": thumb.url,
            }
        )
    return JsonResponse({"photos": photos, "next": page + 1 if len(found) > PER_PAGE else None})


@newsroom_view
@require_http_methods(["GET", "POST"])
def photo_upload(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return render(request, "newsroom/photos/upload.html", {"form": PhotoUploadForm()})
    form = PhotoUploadForm(request.POST, request.FILES)
    photos: list[Photo] = []
    if form.is_valid():
        uploads = [(each.name or "", each.read()) for each in form.cleaned_data["files"]]
        try:
            photos = services.photos_upload(
                actor=request.user,
                files=uploads,
                alt=form.cleaned_data["alt"],
                caption=form.cleaned_data["caption"],
                credit=form.cleaned_data["credit"],
            )
        except ValidationError as error:
            if hasattr(error, "error_dict") and "original" in error.error_dict:
                error.error_dict["files"] = error.error_dict.pop("original")
            errors_onto(form, error)
    if not photos:
        if _wants_json(request):
            return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
        return render(request, "newsroom/photos/upload.html", {"form": form}, status=400)
    if _wants_json(request):
        return JsonResponse(
            {
                "photos": [
                    {"id": photo.pk, "edit_url": reverse("newsroom:photo", args=[photo.pk])}
                    for photo in photos
                ]
            },
            status=201,
        )
    messages.success(
        request,
        ngettext(
            "%(count)s photo uploaded; its renditions are being made.",
            "%(count)s photos uploaded; their renditions are being made.",
            len(photos),
        )
        % {"count": len(photos)},
    )
    if len(photos) == 1:
        return redirect("newsroom:photo", pk=photos[0].pk)
    return redirect("newsroom:photos")


@newsroom_view
@require_http_methods(["GET", "POST"])
def photo_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """A photo's page: its description and focal point as a form for those who may change
    them (khabar.staff.permissions.can_edit_photo), as text for everyone else; their POST
    is refused (403, saying why) before the form is read."""
    photo = _photo(pk)
    if request.method != "POST":
        initial = {name: getattr(photo, name) for name in PhotoEditForm.base_fields}
        return _edit_render(request, photo, PhotoEditForm(initial=initial))
    permissions.require_edit_photo(request.user, uploaded_by_id=photo.uploaded_by_id)
    form = PhotoEditForm(request.POST)
    if not form.is_valid():
        return _edit_render(request, photo, form, status=400)
    try:
        services.photo_update(actor=request.user, photo=photo, **form.cleaned_data)
    except ValidationError as error:
        errors_onto(form, error)
        photo.refresh_from_db()
        return _edit_render(request, photo, form, status=400)
    messages.success(request, _("The photo is saved."))
    return redirect("newsroom:photo", pk=photo.pk)


def _edit_render(
    request: HttpRequest, photo: Photo, form: PhotoEditForm, status: int = 200
) -> HttpResponse:
    context: dict[str, Any] = {
        "photo": photo,
        "form": form,
        "used_by": photo.articles.all()[:20],
        "can_edit": permissions.can_edit_photo(request.user, uploaded_by_id=photo.uploaded_by_id),
    }
    return render(request, "newsroom/photos/edit.html", context, status=status)


@never_cache
@require_GET
def photo_original(request: HttpRequest, pk: int) -> FileResponse:
    """The original as uploaded, camera metadata and all: staff only, never cached.

    Anyone else gets a plain 404 (not the sign-in page), so the URL says nothing of
    whether the photo exists.
    """
    if permissions.scope_of(request.user) is None:
        raise Http404("no such photo")
    photo = _photo(pk)
    response = FileResponse(
        originals_storage().open(photo.original_name), content_type=photo.original_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = ORIGINAL_POLICY
    response["Cache-Control"] = "private, no-store"
    return response


@newsroom_view
@require_POST
def article_photo(request: HttpRequest, pk: int) -> HttpResponse:
    """Make a library photo the article's main photo, or (empty) take it off."""
    article = article_visible(request, pk)
    form = ArticlePhotoForm(request.POST)
    if not form.is_valid():
        raise Http404("no such photo")
    photo_id = form.cleaned_data["photo"]
    photo = _photo(photo_id) if photo_id else None
    try:
        article_services.article_set_photo(actor=request.user, article=article, photo=photo)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(f"{reverse('newsroom:photos')}?for={article.pk}")
    messages.success(
        request, _("The main photo is chosen.") if photo else _("The main photo is taken off.")
    )
    return redirect("newsroom:article_editor", pk=article.pk)
