"""The article page's parts written in Python (khabar.web.article_html) print what the
templates they replaced printed, byte for byte, for articles of every shape; the page around
them (khabar.web.shell) is what its template prints."""

# ruff: noqa: E501 - the templates as they were, a line of the file each

from __future__ import annotations

import copy
import datetime
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import engines
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.utils import translation

from khabar.articles import services, workflow
from khabar.articles.models import Article, Correction
from khabar.articles.selectors import article_get_for_page
from khabar.comments.models import Comment
from khabar.core.actors import IMPORTER
from khabar.editions.models import Edition, Section
from khabar.photos.tests.images import MakePhoto
from khabar.web import article_html, article_page, comments, shell, urls_for
from khabar.web.tests.conftest import MakeArticle, jpeg

# The templates as they were: web/_article_body.html,
BODY_TEMPLATE = (
    '{% load i18n khabar photos %}  {% if article.overline %}<p class="overline">{{ article.overline }}</p>{% endif %}\n'
    '  <h1 class="headline">{% if article.is_breaking %}<span class="badge">{% translate "Breaking" %}</span> {% endif %}{{ article.headline }}</h1>\n'
    '  {% if article.lead %}<p class="lead">{{ article.lead }}</p>{% endif %}\n'
    '  <dl class="article-meta">\n'
    '    <div><dt>{% translate "News code" %}:</dt> <dd class="news-code">{{ article.code|edition_digits:edition }}</dd></div>\n'
    '    <div><dt>{% translate "Publication date" %}:</dt> <dd><time datetime="{{ article.published_at|iso8601 }}">{{ article.published_at|edition_datetime:edition }}</time></dd></div>\n'
    '    {% if modified_at %}<div class="updated"><dt>{% translate "Updated" %}:</dt> <dd><time datetime="{{ modified_at|iso8601 }}">{{ modified_at|edition_datetime:edition }}</time></dd></div>{% endif %}\n'
    '    {% if article.section %}<div><dt>{% translate "Section" %}:</dt> <dd>{{ article.section.name }}</dd></div>{% endif %}\n'
    "  </dl>\n"
    "  {% if photo %}\n"
    '  <figure class="photo">\n'
    '    <img src="{{ photo.src }}"{% if photo.srcset %} srcset="{{ photo.srcset }}" sizes="(min-width: 48rem) 45rem, 100vw"{% endif %}{% if photo.width %} width="{{ photo.width }}" height="{{ photo.height }}"{% endif %} alt="{{ photo.alt }}">\n'
    '    {% if photo.caption or photo.credit %}<figcaption>{{ photo.caption }}{% if photo.credit %} <span class="credit">{% translate "Photo" %}: {{ photo.credit }}</span>{% endif %}</figcaption>{% endif %}\n'
    "  </figure>\n"
    "  {% endif %}\n"
    '  <div class="body">{{ article.body|body_photos|safe }}</div>\n'
    '  {% if article.byline or article.source %}<p class="byline">{% if article.byline %}<span class="author">{{ article.byline }}</span>{% endif %}{% if article.byline and article.source %} - {% endif %}{% if article.source %}<span class="source">{% translate "Source" %}: {{ article.source }}</span>{% endif %}</p>{% endif %}\n'
    "  {% if corrections %}\n"
    '  <section class="corrections" aria-labelledby="corrections-title">\n'
    '    <h2 id="corrections-title">{% translate "Corrections" %}</h2>\n'
    '    <ol>{% for correction in corrections %}<li><strong>{{ correction.get_kind_display }}</strong> <time datetime="{{ correction.created_at|iso8601 }}">{{ correction.created_at|edition_datetime:edition }}</time>: {{ correction.text }}</li>{% endfor %}</ol>\n'
    "  </section>\n"
    "  {% endif %}\n"
)
# article.html after the article's text, up to the end of <article>,
AFTER_BODY_TEMPLATE = (
    "  {% if keywords %}\n"
    '  <nav class="keywords" aria-labelledby="keywords-title">\n'
    '    <h2 id="keywords-title">{% translate "Keywords" %}:</h2>\n'
    '    <ul>{% for keyword, url in keyword_links %}<li><a href="{{ url }}" rel="tag">{{ keyword.name }}</a></li>{% endfor %}</ul>\n'
    "  </nav>\n"
    "  {% endif %}\n"
    "  {% if share_links or print_url %}\n"
    '  <div class="article-tools">\n'
    '    {% if share_links %}<section class="share" aria-labelledby="share-title">\n'
    '      <h2 id="share-title">{% translate "Share" %}</h2>\n'
    '      <ul>{% for link in share_links %}<li class="share-{{ link.network }}"><a href="{{ link.url }}" rel="noopener noreferrer nofollow">{{ link.label }}</a></li>{% endfor %}</ul>\n'
    "    </section>{% endif %}\n"
    '    {% if print_url %}<a class="print-link" href="{{ print_url }}" rel="nofollow">{% translate "Print" %}</a>{% endif %}\n'
    '    {% if comment_count is not None %}<a class="comments-link" href="#comments">{% blocktranslate trimmed count counter=comment_count with shown=comment_count|edition_digits:edition %}{{ shown }} comment{% plural %}{{ shown }} comments{% endblocktranslate %}</a>{% endif %}\n'
    "  </div>\n"
    "  {% endif %}\n"
    "  {% if translations %}\n"
    '  <nav class="translations" aria-labelledby="translations-title">\n'
    '    <h2 id="translations-title">{% translate "In other languages" %}</h2>\n'
    '    <ul>{% for translation in translations %}<li><a href="{{ translation.url }}" hreflang="{{ translation.edition.language }}" lang="{{ translation.edition.language }}" dir="{{ translation.edition.direction }}">{{ translation.article.headline }}</a> <span lang="{{ translation.edition.language }}" dir="{{ translation.edition.direction }}">({{ translation.edition.name }})</span></li>{% endfor %}</ul>\n'
    "  </nav>\n"
    "  {% endif %}\n"
    '  <aside class="send-us">\n'
    '    <p><a href="{{ submit_url }}">{% translate "Send us your materials and photos." %}</a></p>\n'
    '    {% if edition.newsroom_email %}<p>{% translate "Or write to the newsroom:" %} <a href="mailto:{{ edition.newsroom_email }}" dir="ltr">{{ edition.newsroom_email }}</a></p>{% endif %}\n'
    "  </aside>\n"
)
# web/comments/_comments.html, with web/comments/_comment.html in place of its includes,
COMMENTS_TEMPLATE = (
    '{% load i18n khabar %}<section class="comments" id="comments" aria-labelledby="comments-title">\n'
    '  <h2 id="comments-title">{% translate "Comments" %} <span class="comment-count">({{ comment_count|edition_digits:edition }})</span></h2>\n'
    "  {% if comment_threads %}\n"
    '  <ol class="comment-list">\n'
    "    {% for thread in comment_threads %}\n"
    '    <li class="comment" id="comment-{{ thread.comment.pk }}">\n'
    '      {% with comment=thread.comment %}<p class="comment-meta">\n'
    '  <span class="comment-author">{% if comment.is_newsroom %}<strong class="badge">{% translate "Newsroom" %}</strong>{% elif comment.name %}{{ comment.name }}{% else %}{% translate "Anonymous" %}{% endif %}</span>\n'
    '  <time datetime="{{ comment.created_at|iso8601 }}">{{ comment.created_at|edition_datetime:edition }}</time>\n'
    "</p>\n"
    '<div class="comment-body" dir="auto">{{ comment.body|linebreaksbr }}</div>\n'
    "{% endwith %}\n"
    "      {% if thread.replies %}\n"
    '      <ol class="comment-replies">\n'
    '        {% for reply in thread.replies %}<li class="comment{% if reply.is_newsroom %} comment-newsroom{% endif %}" id="comment-{{ reply.pk }}">{% with comment=reply %}<p class="comment-meta">\n'
    '  <span class="comment-author">{% if comment.is_newsroom %}<strong class="badge">{% translate "Newsroom" %}</strong>{% elif comment.name %}{{ comment.name }}{% else %}{% translate "Anonymous" %}{% endif %}</span>\n'
    '  <time datetime="{{ comment.created_at|iso8601 }}">{{ comment.created_at|edition_datetime:edition }}</time>\n'
    "</p>\n"
    '<div class="comment-body" dir="auto">{{ comment.body|linebreaksbr }}</div>\n'
    "{% endwith %}</li>{% endfor %}\n"
    "      </ol>\n"
    "      {% endif %}\n"
    "      {% if comment_form %}\n"
    '      <details class="comment-reply">\n'
    '        <summary>{% translate "Reply" %}</summary>\n'
    '        {% include "web/comments/_form.html" with form=comment_form reply_to=thread.comment.pk prefix="r" %}\n'
    "      </details>\n"
    "      {% endif %}\n"
    "    </li>\n"
    "    {% endfor %}\n"
    "  </ol>\n"
    "  {% endif %}\n"
    "  {% if comment_form %}\n"
    '  <h3>{% translate "Your comment" %}</h3>\n'
    '  {% include "web/comments/_form.html" with form=comment_form prefix="c" reply_to="" %}\n'
    "  {% else %}\n"
    '  <p class="comments-closed">{% translate "Comments on this article are closed." %}</p>\n'
    "  {% endif %}\n"
    "</section>\n"
)
# and article.html's related news.
RELATED_TEMPLATE = (
    "{% if related %}\n"
    '<section class="related" aria-labelledby="related-title">\n'
    '  <h2 id="related-title">{% translate "Related news" %}</h2>\n'
    '  {% include "web/_cards.html" with articles=related with_photos=False with_leads=False %}\n'
    "</section>\n"
    "{% endif %}\n"
)


def _rendered(template: str, context: dict[str, Any]) -> str:
    """`template` rendered with the libraries article.html loaded."""
    loaded = "{% load i18n khabar khabar_web %}" + template
    return engines["django"].from_string(loaded).render(context)


def _page_context(article: Article) -> dict[str, Any]:
    """What the article page puts in the context of its template."""
    edition = article.edition
    found = article_get_for_page(edition=edition, code=article.code)
    assert found is not None
    request = RequestFactory().get("/")
    return {
        "edition": edition,
        **article_page.article_context(request, edition, found),
        **comments.article_page_context(article=found, edition=edition),
    }


@pytest.fixture
def shapes(
    edition_ar: Edition,
    edition_fa: Edition,
    edition_en: Edition,
    make_article: MakeArticle,
    make_photo: MakePhoto,
) -> list[Article]:
    """Articles with and without each part the page shows, texts that need escaping."""
    tricky = "<b>&amp;</b> \"q\" 'a' & <"
    edition_en.newsroom_email = "news@khabar.example"
    edition_en.save()
    section = Section.objects.create(edition=edition_fa, slug="s", name=f"بخش {tricky}")
    bare = make_article(edition_ar, f"خبر {tricky}")
    full = make_article(
        edition_fa,
        f"تیتر {tricky}",
        overline=f"روتیتر {tricky}",
        lead=f"لید {tricky}",
        byline=f"خبرنگار {tricky}",
        source=f"منبع {tricky}",
        body="<p>متن &amp; خبر</p>",
        keywords=["کلیدواژه", tricky, "100%"],
        section=section,
        is_breaking=True,
    )
    make_article(edition_fa, "مرتبط", keywords=["کلیدواژه"], section=section)
    byline_only = make_article(edition_en, "Byline only", byline="Reporter", keywords=["one"])
    source_only = make_article(edition_en, "Source only", source="Agency")
    photo = make_photo(jpeg(2000, 1000), alt=f"Alt {tricky}", caption=f"Cap {tricky}")
    services.article_set_photo(actor=IMPORTER, article=full, photo=photo)
    credited = make_photo(jpeg(800, 600), alt="Portrait", credit=f"Credit {tricky}")
    services.article_set_photo(actor=IMPORTER, article=byline_only, photo=credited)
    services.correction_add(actor=IMPORTER, article=full, text=f"اصلاح {tricky}")
    services.correction_add(
        actor=IMPORTER, article=full, text="یادداشت", kind=Correction.Kind.EDITORS_NOTE
    )
    later = full.created_at + datetime.timedelta(hours=3)
    Article.objects.filter(pk=full.pk).update(updated_at=later)
    services.translations_link(actor=IMPORTER, articles=[bare, full, source_only])
    for number, article in enumerate((full, byline_only)):
        top = Comment.objects.create(
            article=article,
            name=f"خواننده {tricky}" if number == 0 else "",
            body=f"خط یک\nخط {tricky}",
            status=Comment.Status.APPROVED,
            submission_key=f"top-{number}",
            body_key=f"top-{number}",
        )
        for reply, newsroom in ((1, True), (2, False)):
            Comment.objects.create(
                article=article,
                parent=top,
                name="" if newsroom else "Reader",
                body=f"پاسخ {reply}",
                is_newsroom=newsroom,
                status=Comment.Status.APPROVED,
                submission_key=f"reply-{number}-{reply}",
                body_key=f"reply-{number}-{reply}",
            )
    Article.objects.filter(pk=byline_only.pk).update(comments_open=False)
    return [
        Article.objects.select_related("edition").get(pk=article.pk)
        for article in (bare, full, byline_only, source_only)
    ]


def test_the_article_itself_is_what_the_template_printed(shapes: list[Article]) -> None:
    for article in shapes:
        context = _page_context(article)
        with translation.override(article.edition.language):
            written = article_html.body_html(
                article=context["article"],
                edition=article.edition,
                photo=context["photo"],
                modified_at=context["modified_at"],
                corrections=context["corrections"],
            )
            assert written == _rendered(BODY_TEMPLATE, context), article.headline


def test_keywords_share_links_translations_and_invitation_are_what_the_template_printed(
    shapes: list[Article],
) -> None:
    for article in shapes:
        context = _page_context(article)
        with translation.override(article.edition.language):
            written = article_html.page_html(edition=article.edition, context=context)
            assert written["after_body_html"] == _rendered(AFTER_BODY_TEMPLATE, context)


def test_a_preview_without_comments_share_or_print_links_is_what_the_template_printed(
    shapes: list[Article],
) -> None:
    for article in shapes:
        context = _page_context(article)
        for name in ("comment_threads", "comment_count", "comments_open", "comment_form"):
            del context[name]
        context.update(share_links=[], print_url="")  # as khabar.web.previews shows it
        with translation.override(article.edition.language):
            written = article_html.page_html(edition=article.edition, context=context)
            assert written["after_body_html"] == _rendered(AFTER_BODY_TEMPLATE, context)
            assert written["comments_html"] == ""


def test_comments_are_what_the_template_printed(shapes: list[Article]) -> None:
    for article in shapes:
        context = _page_context(article)
        with translation.override(article.edition.language):
            written = article_html.page_html(edition=article.edition, context=context)
            assert written["comments_html"] == _rendered(COMMENTS_TEMPLATE, context)


def test_related_news_are_what_the_template_printed(shapes: list[Article]) -> None:
    for article in shapes:
        context = _page_context(article)
        with translation.override(article.edition.language):
            written = article_html.page_html(edition=article.edition, context=context)
            # The template's block ended with a line break the page's template now prints.
            assert written["related_html"] + "\n" == _rendered(RELATED_TEMPLATE, context)


def test_the_whole_page_is_what_its_template_prints_with_and_without_a_breaking_bar(
    shapes: list[Article], client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A breaking alert in the Persian edition, with a headline that needs escaping.
    workflow.article_breaking_set(actor=IMPORTER, article=shapes[1])
    pages: list[tuple[str, str, dict[str, Any]]] = []
    shell_html = shell.article_page_html

    def both(context: dict[str, Any]) -> str:
        # The template as the page rendered it before: through `render`, with the request's
        # context processors.
        request = RequestFactory().get("/")
        request.user = AnonymousUser()
        html = shell_html(context)
        pages.append((html, render_to_string(shell.TEMPLATE, context, request=request), context))
        return html

    monkeypatch.setattr(shell, "article_page_html", both)
    for article in shapes:
        response = client.get(urls_for.article_url(article))
        assert response.status_code == 200
        assert response.content.decode() == pages[-1][0]
    assert len(pages) == len(shapes)
    for shelled, rendered, _context in pages:
        assert shelled == rendered
    assert ['class="breaking-bar"' in html for html, *_ in pages] == [False, True, False, False]


def test_the_page_shows_a_change_around_the_article_at_once(
    shapes: list[Article], client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    contexts: list[dict[str, Any]] = []
    shell_html = shell.article_page_html

    def keep(context: dict[str, Any]) -> str:
        contexts.append(context)
        return shell_html(context)

    monkeypatch.setattr(shell, "article_page_html", keep)
    client.get(urls_for.article_url(shapes[0]))
    context = contexts[0]
    with translation.override("ar"):
        before = shell_html(context)
        renamed = copy.copy(context["edition"])
        renamed.name = "اسم جديد"
        breaking = copy.copy(shapes[0])
        breaking.headline = "عاجل جديد"
        after = shell_html({**context, "edition": renamed, "breaking": breaking})
    assert "اسم جديد" not in before and "عاجل جديد" not in before
    assert "<title>" in after and "اسم جديد</title>" in after
    assert 'class="breaking-bar"' in after and "عاجل جديد" in after
