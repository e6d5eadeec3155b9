"""The article page's own HTML (`web/article.html`'s content and the print view's article),
written here rather than in templates.

Through the template engine, these parts (the article's header, byline, corrections,
keywords, share links, translations, comments and related news) cost an uncached page about
a third of its CPU: every `{% include %}`, `{% for %}` and variable is a few dozen Python
calls, for a few hundred bytes. Each value is escaped exactly as the template escaped it
(every value here is plain text, never already safe HTML, which `conditional_escape` would
leave alone: `escaping.escape` is the same function without the checks for lazy and safe
strings that cost it several calls each), and each part's output is the template's, byte for byte
(khabar/web/tests/test_article_html.py keeps the templates they replaced and compares).
What is the same for every article of an edition is rendered once per process
(khabar.web.fragments).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from django.template.defaultfilters import linebreaksbr
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_noop, ngettext

from khabar.articles.models import Article, Correction, Keyword
from khabar.comments.models import Comment
from khabar.comments.selectors import Thread
from khabar.core.templatetags.khabar import edition_datetime, edition_digits, iso8601
from khabar.editions.models import Edition
from khabar.photos.body import body_photos_current
from khabar.web import cards
from khabar.web.article_page import Photo
from khabar.web.comments import form_fields_html
from khabar.web.escaping import escape
from khabar.web.fragments import render_once
from khabar.web.labels import Label
from khabar.web.urls_for import ShareLink

# What the templates translated: the labels, in the active language when printed.
NEWS_CODE = Label(gettext_noop("News code"))
PUBLICATION_DATE = Label(gettext_noop("Publication date"))
UPDATED = Label(gettext_noop("Updated"))
SECTION = Label(gettext_noop("Section"))
SOURCE = Label(gettext_noop("Source"))
PHOTO = Label(gettext_noop("Photo"))
CORRECTIONS = Label(gettext_noop("Corrections"))
KEYWORDS = Label(gettext_noop("Keywords"))
IN_OTHER_LANGUAGES = Label(gettext_noop("In other languages"))
SHARE = Label(gettext_noop("Share"))
PRINT = Label(gettext_noop("Print"))
COMMENTS = Label(gettext_noop("Comments"))
YOUR_COMMENT = Label(gettext_noop("Your comment"))
COMMENTS_CLOSED = Label(gettext_noop("Comments on this article are closed."))
REPLY = Label(gettext_noop("Reply"))
NEWSROOM = Label(gettext_noop("Newsroom"))
ANONYMOUS = Label(gettext_noop("Anonymous"))
RELATED_NEWS = Label(gettext_noop("Related news"))


def _time(value: datetime.datetime | None, edition: Edition) -> str:
    """`<time datetime="{{ value|iso8601 }}">{{ value|edition_datetime:edition }}</time>`"""
    return (
        f'<time datetime="{escape(iso8601(value))}">'
        f"{escape(edition_datetime(value, edition))}</time>"
    )


def body_html(
    *,
    article: Article,
    edition: Edition,
    photo: Photo | None,
    modified_at: datetime.datetime | None,
    corrections: Sequence[Correction],
) -> SafeString:
    """The article itself, as the page and the print view show it: overline, headline, lead,
    code and dates, photo, text, byline and corrections."""
    parts = ["  "]
    if article.overline:
        parts.append(f'<p class="overline">{escape(article.overline)}</p>')
    badge = f'<span class="badge">{cards.BREAKING}</span> ' if article.is_breaking else ""
    parts.append(f'\n  <h1 class="headline">{badge}{escape(article.headline)}</h1>\n  ')
    if article.lead:
        parts.append(f'<p class="lead">{escape(article.lead)}</p>')
    parts.append(
        '\n  <dl class="article-meta">\n'
        f'    <div><dt>{NEWS_CODE}:</dt> <dd class="news-code">'
        f"{escape(edition_digits(article.code, edition))}</dd></div>\n"
        f"    <div><dt>{PUBLICATION_DATE}:</dt> "
        f"<dd>{_time(article.published_at, edition)}</dd></div>\n    "
    )
    if modified_at:
        parts.append(
            f'<div class="updated"><dt>{UPDATED}:</dt> <dd>{_time(modified_at, edition)}</dd></div>'
        )
    parts.append("\n    ")
    if article.section:
        parts.append(f"<div><dt>{SECTION}:</dt> <dd>{escape(article.section.name)}</dd></div>")
    parts.append("\n  </dl>\n  ")
    if photo:
        parts.append(_photo_html(photo))
    parts.append(f'\n  <div class="body">{body_photos_current(body=article.body)}</div>\n  ')
    if article.byline or article.source:
        parts.append('<p class="byline">')
        if article.byline:
            parts.append(f'<span class="author">{escape(article.byline)}</span>')
        if article.byline and article.source:
            parts.append(" - ")
        if article.source:
            parts.append(f'<span class="source">{SOURCE}: {escape(article.source)}</span>')
        parts.append("</p>")
    parts.append("\n  ")
    if corrections:
        parts.append(_corrections_html(corrections, edition))
    parts.append("\n")
    return mark_safe("".join(parts))  # noqa: S308 - every value escaped above


def _photo_html(photo: Photo) -> str:
    srcset = (
        f' srcset="{escape(photo.srcset)}" sizes="(min-width: 48rem) 45rem, 100vw"'
        if photo.srcset
        else ""
    )
    size = f' width="{photo.width}" height="{photo.height}"' if photo.width else ""
    caption = ""
    if photo.caption or photo.credit:
        credit = (
            f' <span class="credit">{PHOTO}: {escape(photo.credit)}</span>' if photo.credit else ""
        )
        caption = f"<figcaption>{escape(photo.caption)}{credit}</figcaption>"
    return (
        '\n  <figure class="photo">\n'
        f'    <img src="{escape(photo.src)}"{srcset}{size} alt="{escape(photo.alt)}">\n'
        f"    {caption}\n"
        "  </figure>\n  "
    )


def _corrections_html(corrections: Iterable[Correction], edition: Edition) -> str:
    items = "".join(
        f"<li><strong>{escape(correction.get_kind_display())}</strong> "
        f"{_time(correction.created_at, edition)}: {escape(correction.text)}</li>"
        for correction in corrections
    )
    return (
        '\n  <section class="corrections" aria-labelledby="corrections-title">\n'
        f'    <h2 id="corrections-title">{CORRECTIONS}</h2>\n'
        f"    <ol>{items}</ol>\n"
        "  </section>\n  "
    )


def after_body_html(
    *,
    edition: Edition,
    keyword_links: Iterable[tuple[Keyword, str]],
    share_links: Iterable[ShareLink],
    print_url: str,
    comment_count: int | None,
    translations: Iterable[dict[str, Any]],
    submit_url: str,
) -> SafeString:
    """What follows the article in its `<article>`: keywords, share and print links, the
    comment count, translations and the invitation to send material."""
    parts = ["  "]
    links = "".join(
        f'<li><a href="{escape(url)}" rel="tag">{escape(keyword.name)}</a></li>'
        for keyword, url in keyword_links
    )
    if links:
        parts.append(
            '\n  <nav class="keywords" aria-labelledby="keywords-title">\n'
            f'    <h2 id="keywords-title">{KEYWORDS}:</h2>\n'
            f"    <ul>{links}</ul>\n"
            "  </nav>\n  "
        )
    parts.append("\n  ")
    parts.append(_tools_html(share_links, print_url, comment_count, edition))
    parts.append("\n  ")
    shown = "".join(
        f'<li><a href="{escape(each["url"])}" hreflang="{language}" lang="{language}"'
        f' dir="{direction}">{escape(each["article"].headline)}</a>'
        f' <span lang="{language}" dir="{direction}">({escape(each["edition"].name)})</span></li>'
        for each in translations
        for language, direction in [
            (escape(each["edition"].language), escape(each["edition"].direction))
        ]
    )
    if shown:
        parts.append(
            '\n  <nav class="translations" aria-labelledby="translations-title">\n'
            f'    <h2 id="translations-title">{IN_OTHER_LANGUAGES}</h2>\n'
            f"    <ul>{shown}</ul>\n"
            "  </nav>\n  "
        )
    parts.append("\n")
    parts.append(
        render_once(
            "web/_send_us.html", submit_url=submit_url, newsroom_email=edition.newsroom_email
        )
    )
    return mark_safe("".join(parts))  # noqa: S308 - every value escaped above


def _tools_html(
    share_links: Iterable[ShareLink], print_url: str, comment_count: int | None, edition: Edition
) -> str:
    share = "".join(
        f'<li class="share-{escape(link.network)}"><a href="{escape(link.url)}"'
        f' rel="noopener noreferrer nofollow">{escape(link.label)}</a></li>'
        for link in share_links
    )
    if not share and not print_url:
        return ""
    parts = ['\n  <div class="article-tools">\n    ']
    if share:
        parts.append(
            '<section class="share" aria-labelledby="share-title">\n'
            f'      <h2 id="share-title">{SHARE}</h2>\n'
            f"      <ul>{share}</ul>\n"
            "    </section>"
        )
    parts.append("\n    ")
    if print_url:
        parts.append(f'<a class="print-link" href="{escape(print_url)}" rel="nofollow">{PRINT}</a>')
    parts.append("\n    ")
    if comment_count is not None:
        parts.append(
            '<a class="comments-link" href="#comments">'
            f"{_comment_count(comment_count, edition)}</a>"
        )
    parts.append("\n  </div>\n  ")
    return "".join(parts)


def _comment_count(count: int, edition: Edition) -> str:
    """`{% blocktranslate trimmed count … %}{{ shown }} comment…`: the number escaped, the
    message not."""
    message = ngettext("%(shown)s comment", "%(shown)s comments", count)
    return message % {"shown": escape(edition_digits(count, edition))}


def page_html(*, edition: Edition, context: dict[str, Any]) -> dict[str, SafeString]:
    """article.html's parts, from the article page's context (article_page.article_context
    and comments.article_page_context; a preview has no comments)."""
    count = context.get("comment_count")
    return {
        "body_html": body_html(
            article=context["article"],
            edition=edition,
            photo=context["photo"],
            modified_at=context["modified_at"],
            corrections=context["corrections"],
        ),
        "after_body_html": after_body_html(
            edition=edition,
            keyword_links=context["keyword_links"],
            share_links=context["share_links"],
            print_url=context["print_url"],
            comment_count=count,
            translations=context["translations"],
            submit_url=context["submit_url"],
        ),
        "comments_html": (
            comments_html(
                edition=edition,
                threads=context["comment_threads"],
                count=count,
                form=context["comment_form"],
            )
            if count is not None
            else SafeString("")
        ),
        "related_html": related_html(edition=edition, related=context["related"]),
    }


def comments_html(
    *,
    edition: Edition,
    threads: Iterable[Thread],
    count: int,
    form: dict[str, Any] | None,
) -> SafeString:
    """The comments section: approved threads with their replies, and the form (or a note
    that comments are closed)."""
    parts = [
        '<section class="comments" id="comments" aria-labelledby="comments-title">\n'
        f'  <h2 id="comments-title">{COMMENTS} <span class="comment-count">'
        f"({escape(edition_digits(count, edition))})</span></h2>\n  "
    ]
    shown = [_thread_html(thread, edition, form) for thread in threads]
    if shown:
        parts.append('\n  <ol class="comment-list">\n    ' + "".join(shown) + "\n  </ol>\n  ")
    parts.append("\n  ")
    if form:
        parts.append(
            f"\n  <h3>{YOUR_COMMENT}</h3>\n  "
            f"{_form_html(form, edition, prefix='c', reply_to='')}\n  "
        )
    else:
        parts.append(f'\n  <p class="comments-closed">{COMMENTS_CLOSED}</p>\n  ')
    parts.append("\n</section>\n")
    return mark_safe("".join(parts))  # noqa: S308 - every value escaped above


def _thread_html(thread: Thread, edition: Edition, form: dict[str, Any] | None) -> str:
    comment = thread.comment
    parts = [
        f'\n    <li class="comment" id="comment-{comment.pk}">\n'
        f"      {_comment_html(comment, edition)}\n      "
    ]
    if thread.replies:
        replies = "".join(
            f'<li class="comment{" comment-newsroom" if reply.is_newsroom else ""}"'
            f' id="comment-{reply.pk}">{_comment_html(reply, edition)}</li>'
            for reply in thread.replies
        )
        parts.append(
            f'\n      <ol class="comment-replies">\n        {replies}\n      </ol>\n      '
        )
    parts.append("\n      ")
    if form:
        parts.append(
            '\n      <details class="comment-reply">\n'
            f"        <summary>{REPLY}</summary>\n"
            f"        {_form_html(form, edition, prefix='r', reply_to=comment.pk)}\n"
            "      </details>\n      "
        )
    parts.append("\n    </li>\n    ")
    return "".join(parts)


def _comment_html(comment: Comment, edition: Edition) -> str:
    if comment.is_newsroom:
        author = f'<strong class="badge">{NEWSROOM}</strong>'
    elif comment.name:
        author = escape(comment.name)
    else:
        author = str(ANONYMOUS)
    return (
        '<p class="comment-meta">\n'
        f'  <span class="comment-author">{author}</span>\n'
        f"  {_time(comment.created_at, edition)}\n"
        "</p>\n"
        '<div class="comment-body" dir="auto">'
        f"{linebreaksbr(comment.body, autoescape=True)}</div>\n"
    )


def _form_html(form: dict[str, Any], edition: Edition, *, prefix: str, reply_to: object) -> str:
    """`web/comments/_form.html`, its fields rendered once per process (khabar.web.comments)."""
    return (
        f'<form class="comment-form" method="post" action="{escape(form["action"])}">\n'
        f'  <input type="hidden" name="form" value="{escape(form["token"])}">\n'
        f"  {form_fields_html(form=form, prefix=prefix, reply_to=reply_to, edition=edition)}"
    )


def related_html(*, edition: Edition, related: Sequence[Article]) -> SafeString:
    """Related news, as cards (khabar.web.cards), after a blank line; nothing when there
    is none."""
    if not related:
        return SafeString("")
    shown = cards.cards_html(articles=related, edition=edition, with_photos=False, with_leads=False)
    return mark_safe(  # noqa: S308 - the heading's text and the cards' escaped HTML
        '\n<section class="related" aria-labelledby="related-title">\n'
        f'  <h2 id="related-title">{RELATED_NEWS}</h2>\n'
        f'  <ol class="cards">\n{shown}\n</ol>\n\n'
        "</section>\n"
    )
