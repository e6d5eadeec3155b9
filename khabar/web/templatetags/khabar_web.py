"""Links to the public pages, for templates: `{{ article|article_url:edition }}`.

Thin wrappers over khabar.web.urls_for, which builds every public URL.
"""

from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.template import Context
from django.utils.safestring import SafeString

from khabar.articles.models import Article, Keyword
from khabar.core import links
from khabar.editions.models import Edition, Section
from khabar.web import cards, chrome, comments, urls_for

register = template.Library()


@register.filter
def article_url(article: Article, edition: Edition | None = None) -> str:
    return urls_for.article_url(article, edition)


@register.filter
def keyword_url(keyword: Keyword, edition: Edition | None = None) -> str:
    return urls_for.keyword_url(keyword, edition)


@register.filter
def section_url(section: Section, edition: Edition | None = None) -> str:
    return urls_for.section_url(section, edition)


@register.filter
def home_url(edition: Edition) -> str:
    return urls_for.home_url(edition)


@register.simple_tag
def static_url(name: str) -> str:
    """`{% static %}` remembered per process (khabar.core.links.static_url)."""
    return links.static_url(name)


@register.simple_tag(takes_context=True)
def site_header(context: Context) -> SafeString:
    """base.html's header, from the page's edition, editions, sections and section."""
    return chrome.header_html(
        edition=context.get("edition"),
        editions=context.get("editions") or (),
        sections=context.get("sections") or (),
        current=context.get("section"),
    )


@register.simple_tag(takes_context=True)
def site_footer(context: Context) -> SafeString:
    """base.html's footer, from the page's edition and the links of chrome.FOOTER_URLS."""
    return chrome.footer_html(
        edition=context.get("edition"),
        urls={name: context.get(name) for name in chrome.FOOTER_URLS},
    )


@register.simple_tag(takes_context=True)
def article_cards(
    context: Context, articles: Iterable[Article], *, with_photos: bool, with_leads: bool
) -> SafeString:
    """`_cards.html`'s cards of `articles`, in the page's edition (khabar.web.cards)."""
    return cards.cards_html(
        articles=articles,
        edition=context["edition"],
        with_photos=bool(with_photos),
        with_leads=bool(with_leads),
    )


@register.simple_tag(takes_context=True)
def comment_form_fields(
    context: Context, form: dict[str, object], prefix: str, reply_to: object
) -> SafeString:
    """`_form.html`'s fields after the token, for the page's edition (khabar.web.comments)."""
    return comments.form_fields_html(
        form=form, prefix=prefix, reply_to=reply_to, edition=context["edition"]
    )
