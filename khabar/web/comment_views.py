"""Readers' comments on the public site: what the article page shows, and the form's POST.

The form sits in article pages that the page cache hands to every reader, so it cannot
carry Django's per-visitor CSRF token. Its POST is exempt from that check and makes its own
instead (see khabar.comments.tokens for why it is enough here):

- the browser must say the POST comes from this site's pages: `Sec-Fetch-Site:
  same-origin`, else an `Origin` of this site, else a `Referer` of this site; a request
  with none of them (an old browser) goes on to the next check;
- the form's signed token must be genuine, for this article, and under a day old.

A comment taken is answered with a 303 to the article's "received" page, sent only once
`comment_post` has committed it: that answer is the acknowledgement, so nothing the reader
was told is received can be lost. The "received" page says the same to every reader of
the article, so the page cache keeps it, and the POST itself renders nothing. A refusal
(a field to correct, an expired form, spam) is answered in the POST itself, never cached,
with the form and its text kept.
"""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import urlsplit

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from khabar.articles.models import Article
from khabar.comments import limits, selectors, services, tokens
from khabar.comments.clients import client_from_address
from khabar.comments.models import Comment
from khabar.editions.models import Edition
from khabar.web import urls_for
from khabar.web.comments import FORM_FIELDS, HONEYPOT_FIELD, comment_form, comment_received_url
from khabar.web.methods import accepts_methods
from khabar.web.views import edition_view, render_page


def _own_origins(request: HttpRequest) -> set[str]:
    origins = {f"{request.scheme}://{request.get_host()}", *settings.CSRF_TRUSTED_ORIGINS}
    site = urlsplit(settings.SITE_URL)
    origins.add(f"{site.scheme}://{site.netloc}")
    return origins


def is_same_site_post(request: HttpRequest) -> bool:
    """Whether the browser says the form was sent from one of this site's pages."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site == "same-origin"
    origin = request.headers.get("Origin")
    if origin is not None:
        return origin in _own_origins(request)
    referer = request.headers.get("Referer")
    if referer is not None:
        parts = urlsplit(referer)
        return f"{parts.scheme}://{parts.netloc}" in _own_origins(request)
    return True


def _readable_article(edition: Edition, code: int) -> Article:
    article = selectors.article_for_comment(edition=edition, code=code)
    if article is None:
        raise Http404("no such article")
    return article


def _answer(
    request: HttpRequest,
    edition: Edition,
    article: Article,
    *,
    status: int,
    title: str,
    message: str,
    form: dict[str, Any] | None = None,
) -> HttpResponse:
    return render_page(
        request,
        edition,
        "web/comments/answer.html",
        {
            "article": article,
            "article_url": urls_for.article_url(article, edition),
            "title": title,
            "message": message,
            "comment_form": form,
        },
        articles=[article],  # its headline is in the link back
        status=status,
    )


@csrf_exempt  # the form is in shared, cached pages; see the module's note for what replaces it
@accepts_methods("POST")
@never_cache
@edition_view
def article_comment(request: HttpRequest, edition: Edition, code: int) -> HttpResponse:
    article = _readable_article(edition, code)
    if request.method != "POST":
        return HttpResponseRedirect(urls_for.article_url(article, edition))
    data = request.POST
    values = {name: data.get(name, "") for name in FORM_FIELDS}
    # A form shown again has been written already: its token counts as filled in.
    again = tokens.token_issue(article_id=article.pk, now=time.time() - limits.FILL_SECONDS_MIN)

    if not is_same_site_post(request):
        return _refused_forgery(request, edition, article)
    try:
        form_age = tokens.token_age(data.get("form", ""), article_id=article.pk)
    except tokens.TokenRefused:
        return _refused_forgery(request, edition, article)
    except tokens.TokenExpired:
        return _answer(
            request,
            edition,
            article,
            status=400,
            title=_("This form has expired"),
            message=_("The page was open for a long time. Your text is below: send it again."),
            form=comment_form(article, edition, values=values, token=again),
        )

    parent = _parent(article, data.get("reply_to", ""))
    try:
        services.comment_post(
            article=article,
            client=client_from_address(get_client_ip_address(request)),
            name=values["name"],
            email=values["email"],
            body=values["body"],
            parent=parent,
            form_age=form_age,
            honeypot=data.get(HONEYPOT_FIELD, ""),
        )
    except ValidationError as error:
        return _answer(
            request,
            edition,
            article,
            status=400,
            title=_("Please correct your comment"),
            message="",
            form=comment_form(
                article,
                edition,
                values=values,
                token=again,
                errors=error.message_dict,
                reply_to=parent.pk if parent else "",
            ),
        )
    except services.CommentsClosed as closed:
        return _answer(request, edition, article, status=403, title=closed.message, message="")
    except services.CommentRefused as refusal:
        return _answer(
            request, edition, article, status=400, title=_("Not sent"), message=refusal.message
        )
    # Committed: only now may the reader be told it is received (see the module's note).
    return HttpResponseRedirect(comment_received_url(article, edition), status=303)


@edition_view
def article_comment_received(request: HttpRequest, edition: Edition, code: int) -> HttpResponse:
    """What a reader sees once their comment is taken; the same for all, so cached."""
    return _answer(
        request,
        edition,
        _readable_article(edition, code),
        status=200,
        title=_("Comment received"),
        message=_(
            "Thank you. Your comment has been received and is waiting for moderation; "
            "it will appear under the article once an editor approves it."
        ),
    )


def _parent(article: Article, value: str) -> Comment | None:
    if not value.isdigit():
        return None
    return Comment.objects.approved().filter(pk=int(value), article_id=article.pk).first()


def _refused_forgery(request: HttpRequest, edition: Edition, article: Article) -> HttpResponse:
    return _answer(
        request,
        edition,
        article,
        status=403,
        title=_("Not sent"),
        message=_(
            "This form did not come from this site's article page. Open the article and "
            "write your comment there."
        ),
    )
