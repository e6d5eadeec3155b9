"""The reader submission form, `/{ed}/submit`, and its receipt.

The form may come from the page cache like any edition page, so its POST is exempt from
Django's per-visitor CSRF check and makes the comment form's instead (khabar.web.
comment_views): the browser must say the POST comes from this site, and the form's
signed token must be genuine, for this edition, and under a day old. The form works
without JavaScript; `submit.js` only shows the upload's progress where scripts run.

The receipt is rendered after `submission_create` has committed the submission and its
files, and is never cached. Its reference number opens nothing: it is for the sender to
quote when they write to the newsroom.
"""

from __future__ import annotations

import time
from typing import Any

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from khabar.editions.models import Edition
from khabar.submissions import contents, limits, services, tokens
from khabar.submissions.clients import client_hash
from khabar.web import urls_for
from khabar.web.comment_views import is_same_site_post
from khabar.web.methods import accepts_methods
from khabar.web.views import edition_view, render_page

HONEYPOT_FIELD = "website"
FIELDS = ("name", "contact", "text")
# Room for the text fields and the multipart framing around the files.
REQUEST_MARGIN_BYTES = 1024 * 1024


def submit_form(
    edition: Edition,
    *,
    values: dict[str, str] | None = None,
    errors: dict[str, list[str]] | None = None,
    token: str | None = None,
) -> dict[str, Any]:
    return {
        "action": urls_for.submit_url(edition),
        "token": token or tokens.token_issue(edition_id=edition.pk),
        "honeypot": HONEYPOT_FIELD,
        "values": values or {},
        "errors": errors or {},
        "name_max": limits.NAME_MAX,
        "contact_max": limits.CONTACT_MAX,
        "text_max": limits.TEXT_MAX,
        "files_max": settings.SUBMISSIONS_FILES_MAX,
        "file_bytes_max": settings.SUBMISSIONS_FILE_BYTES_MAX,
        "total_bytes_max": settings.SUBMISSIONS_TOTAL_BYTES_MAX,
        "accept": ",".join(_accept_types()),
        "accepted": contents.accepted_kinds_text(
            accept_video=settings.SUBMISSIONS_ACCEPT_VIDEO,
            accept_pdf=settings.SUBMISSIONS_ACCEPT_PDF,
        ),
    }


def _accept_types() -> list[str]:
    """The file picker's hint; the server decides from the content whatever it says."""
    types = ["image/jpeg", "image/png", "image/webp", "image/gif"]
    if settings.SUBMISSIONS_ACCEPT_VIDEO:
        types += ["video/mp4", "video/webm"]
    if settings.SUBMISSIONS_ACCEPT_PDF:
        types.append("application/pdf")
    return types


def _page(
    request: HttpRequest,
    edition: Edition,
    *,
    status: int = 200,
    form: dict[str, Any] | None = None,
    title: str = "",
    message: str = "",
    reference: int | None = None,
) -> HttpResponse:
    return render_page(
        request,
        edition,
        "web/submit/submit.html",
        {
            "title": title or _("Send us your materials"),
            "message": message,
            "submit_form": form,
            "reference": reference,
        },
        status=status,
    )


@csrf_exempt  # the form may be in a shared, cached page; see the module's note
@accepts_methods("POST")
@edition_view
def submit(request: HttpRequest, edition: Edition) -> HttpResponse:
    if request.method != "POST":
        return _page(request, edition, form=submit_form(edition))
    return _submit_post(request, edition)


@never_cache
def _submit_post(request: HttpRequest, edition: Edition) -> HttpResponse:
    if not is_same_site_post(request):
        return _refused_forgery(request, edition)
    # Refused before Django reads the body: an upload this large is not kept, not even in a
    # temporary file.
    length = request.META.get("CONTENT_LENGTH") or "0"
    if not length.isdigit() or int(length) > (
        settings.SUBMISSIONS_TOTAL_BYTES_MAX + REQUEST_MARGIN_BYTES
    ):
        return _page(
            request,
            edition,
            status=413,
            title=_("Not sent"),
            message=_("The files are too large together. Send fewer or smaller files."),
            form=submit_form(edition),
        )
    data = request.POST
    values = {name: data.get(name, "") for name in FIELDS}
    # A form shown again has been filled in already: its token counts as such.
    again = tokens.token_issue(edition_id=edition.pk, now=time.time() - limits.FILL_SECONDS_MIN)
    try:
        age = tokens.token_age(data.get("form", ""), edition_id=edition.pk)
    except tokens.TokenRefused:
        return _refused_forgery(request, edition)
    except tokens.TokenExpired:
        return _page(
            request,
            edition,
            status=400,
            title=_("This form has expired"),
            message=_(
                "The page was open for a long time. Your text is below: choose your files "
                "again and send it."
            ),
            form=submit_form(edition, values=values, token=again),
        )
    try:
        received = services.submission_create(
            edition=edition,
            client_hash=client_hash(get_client_ip_address(request)),
            files=request.FILES.getlist("files"),
            form_age=age,
            form_token=data.get("form", ""),
            honeypot=data.get(HONEYPOT_FIELD, ""),
            **values,
        )
    except ValidationError as error:
        return _page(
            request,
            edition,
            status=400,
            title=_("Please correct your submission"),
            message=_("Nothing was sent yet. Files have to be chosen again."),
            form=submit_form(edition, values=values, errors=error.message_dict, token=again),
        )
    except services.SubmissionRefused as refusal:
        return _page(request, edition, status=400, title=_("Not sent"), message=refusal.message)
    return _page(
        request,
        edition,
        title=_("Received"),
        message=_("Thank you. Your submission and its files have reached the newsroom."),
        reference=received.submission.reference,
    )


def _refused_forgery(request: HttpRequest, edition: Edition) -> HttpResponse:
    return _page(
        request,
        edition,
        status=403,
        title=_("Not sent"),
        message=_(
            "This form did not come from this site's submission page. Open the page and "
            "send your materials from there."
        ),
    )
