"""The article page of the sample, its redirects, and what unknown URLs answer."""

from __future__ import annotations

import datetime
import json
import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from khabar.articles import limits, services, workflow
from khabar.articles.models import Article, ArticleKeyword, Keyword, keyword_key
from khabar.calendars import ARAB_PATTERN
from khabar.core import links, surrogate
from khabar.core.actors import IMPORTER
from khabar.editions.models import Edition, Section
from khabar.photos.services import photo_create, photo_render
from khabar.photos.tests.images import MakePhoto
from khabar.web import metadata
from khabar.web.tests.conftest import MakeArticle, count_queries, jpeg
from khabar.web.urls_for import article_url

CANONICAL = "/ar/news/14027/" + "أكد-امين-المجلس-الاعلی-للامن-القومي-الايراني-علی-شمخاني"


@pytest.fixture
def canonical(sample_article: Article) -> str:
    return article_url(sample_article)


def test_sample_article_shows_code_and_date_as_the_edition_does(
    client: Client, canonical: str
) -> None:
    response = client.get(canonical)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "۱۴۰۲۷" in html
    assert "۱۹ دی ۱۳۹۵ - ۱۸:۵۶" in html
    assert '<time datetime="2017-01-08T15:26:00+00:00">' in html
    assert "أكد امين المجلس الاعلى" in html


def test_an_edition_with_a_date_pattern_shows_weekday_and_eras(
    client: Client, canonical: str, edition_ar: Edition
) -> None:
    Edition.objects.filter(pk=edition_ar.pk).update(
        calendar="hijri",
        secondary_calendar="gregorian",
        date_pattern=ARAB_PATTERN,
    )
    html = client.get(canonical).content.decode()
    assert "الأحد ۱۰ ربيع الآخر ۱۴۳۸ هـ - ۸ يناير ۲۰۱۷ م - ۱۸:۵۶" in html


def test_keywords_link_to_their_keyword_pages(client: Client, canonical: str) -> None:
    html = client.get(canonical).content.decode()
    for name in ("شمخاني", "السورية", "تجهيزهم"):
        assert f">{name}</a>" in html
    assert 'href="/ar/tag/%D8%B4%D9%85%D8%AE%D8%A7%D9%86%D9%8A/"' in html


def test_invitation_to_send_materials_also_names_the_newsroom_email(
    client: Client, canonical: str, sample_article: Article
) -> None:
    edition = sample_article.edition
    edition.newsroom_email = "news-ar@khabar.example"
    edition.save()
    html = client.get(canonical).content.decode()
    assert 'href="mailto:news-ar@khabar.example"' in html


@pytest.mark.parametrize(
    "path",
    [
        "/ar/14027",
        "/ar/۱۴۰۲۷",
        "/ar/news/14027",
        "/ar/news/14027/",
        "/ar/news/۱۴۰۲۷",
        "/ar/news/١٤٠٢٧/old-slug",
        "/ar/news/14027/old-slug",
    ],
)
def test_short_links_and_any_digits_redirect_permanently_to_the_canonical_url(
    client: Client, canonical: str, path: str
) -> None:
    response = client.get(path)
    assert response.status_code == 301
    assert response["Location"] == canonical


@pytest.mark.parametrize(
    "path",
    [
        "/ar/news/99999",
        "/ar/99999",
        "/ar/news/1234567890123",
        "/ar/news/12ab",
        "/ar/news/-1",
        "/xx/news/14027",
        "/ar/tag/لا-يوجد/",
    ],
)
def test_unknown_addresses_are_a_404_page_not_an_error(
    client: Client, sample_article: Article, path: str
) -> None:
    response = client.get(path)
    assert response.status_code == 404


def test_404_page_speaks_the_language_of_the_edition(
    client: Client, sample_article: Article
) -> None:
    html = client.get("/ar/news/99999").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "الصفحة غير موجودة" in html


def test_a_draft_is_a_404_like_an_unknown_code(client: Client, edition_ar) -> None:
    draft = services.article_create(actor=IMPORTER, edition=edition_ar, headline="مسودة")
    assert client.get(f"/ar/news/{draft.code}").status_code == 404
    assert client.get(f"/ar/{draft.code}").status_code == 404


def test_an_article_scheduled_for_later_is_not_shown_before_its_time(
    client: Client, edition_ar
) -> None:
    import datetime

    from django.utils import timezone

    article = services.article_create(actor=IMPORTER, edition=edition_ar, headline="خبر قادم")
    workflow.article_publish(
        actor=IMPORTER, article=article, at=timezone.now() + datetime.timedelta(hours=1)
    )
    assert client.get(f"/ar/news/{article.code}").status_code == 404


def test_an_article_taken_down_answers_410_gone(
    client: Client, canonical: str, sample_article
) -> None:
    workflow.article_unpublish(actor=IMPORTER, article=sample_article)
    response = client.get(canonical)
    assert response.status_code == 410
    assert '<html lang="ar" dir="rtl">' in response.content.decode()


def test_article_page_runs_a_fixed_small_number_of_queries(client: Client, canonical: str) -> None:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(canonical).status_code == 200
    # editions, article (and whether it has corrections: it has none), its keywords, related
    # by keyword, section navigation, the breaking bar, approved comments
    assert len(queries) == 7


def test_an_edition_page_reads_what_its_urls_depend_on_once(
    client: Client, canonical: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A dozen URLs a page (its own, print, comments, keywords, related cards, submit), and
    # reading the URLconf, script prefix and language for each cost more than building them.
    reads = []
    read = links._read_context

    def counted() -> links.URLContext:
        reads.append(1)
        return read()

    monkeypatch.setattr(links, "_read_context", counted)
    response = client.get(canonical)
    assert response.status_code == 200
    assert len(reads) == 1
    assert f'href="{links.keyword_paths("ar", ["شمخاني"])[0]}"'.encode() in response.content


def test_once_the_editions_are_in_the_process_a_page_checks_them_with_one_query(
    client: Client, canonical: str, settings: Any
) -> None:
    settings.PAGECACHE_ENABLED = False  # two renders of the same page
    client.get(canonical)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(canonical).status_code == 200
    # The editions' generation instead of the editions and the section navigation.
    assert len(queries) == 6


def test_a_section_added_anywhere_shows_on_the_next_page(
    client: Client, canonical: str, edition_ar: Edition, settings: Any
) -> None:
    """However it is written (here a bare insert and update, as another process or a script
    would, with no event reaching this process), the next page rendered shows it."""
    settings.PAGECACHE_ENABLED = False  # the page's own render, not the page cache's copy
    assert "قسم جديد" not in client.get(canonical).content.decode()
    section = Section.objects.create(edition=edition_ar, slug="new", name="قسم جديد")
    assert "قسم جديد" in client.get(canonical).content.decode()
    Section.objects.filter(pk=section.pk).update(name="قسم آخر")
    assert "قسم آخر" in client.get(canonical).content.decode()


# --- The complete page: metadata, photo, related, share, translations ---------------------


def _json_ld(html: str) -> dict:
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(found) == 1
    return json.loads(found[0])


def _meta(html: str, name: str) -> list[str]:
    return re.findall(rf'<meta (?:property|name)="{re.escape(name)}" content="([^"]*)">', html)


def test_article_page_is_tagged_with_the_article_its_keywords_and_edition(
    client: Client, canonical: str, sample_article: Article
) -> None:
    response = client.get(canonical)
    keyword_ids = [link.keyword_id for link in sample_article.articlekeyword_set.all()]
    assert surrogate.keys_of(response) >= {
        surrogate.article_key(sample_article.pk),
        surrogate.edition_key("ar"),
        *(surrogate.keyword_key(pk) for pk in keyword_ids),
    }
    assert surrogate.article_shown(response) == sample_article.pk


def test_json_ld_news_article_has_iso_dates_with_ascii_digits(
    client: Client, canonical: str, sample_article: Article
) -> None:
    data = _json_ld(client.get(canonical).content.decode())
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == sample_article.headline
    assert data["datePublished"] == "2017-01-08T15:26:00+00:00"
    assert data["dateModified"] == "2017-01-08T15:26:00+00:00"
    assert data["inLanguage"] == "ar"
    assert data["keywords"] == ["شمخاني", "السورية", "تجهيزهم"]
    assert data["publisher"]["@type"] == "Organization"
    assert data["publisher"]["name"] == "خبر العربي"
    assert data["mainEntityOfPage"]["@id"] == "http://testserver" + canonical
    assert data["author"] == {"@type": "Organization", "name": "خبر العربي"}


def test_json_ld_names_byline_as_person_and_section(
    client: Client, edition_ar: Edition, section_politics: Section, make_article: MakeArticle
) -> None:
    article = make_article(edition_ar, "عنوان", byline="مراسلنا", section=section_politics)
    data = _json_ld(client.get(article_url(article)).content.decode())
    assert data["author"] == {"@type": "Person", "name": "مراسلنا"}
    assert data["articleSection"] == "سياسة"


def test_a_headline_cannot_close_the_json_ld_script(
    client: Client, edition_en: Edition, make_article: MakeArticle
) -> None:
    headline = "Break </script><script>alert(1)</script> & <!-- out"
    article = make_article(edition_en, headline)
    html = client.get(article_url(article)).content.decode()
    assert "<script>alert(1)" not in html
    assert _json_ld(html)["headline"] == headline


@given(text=st.text())
def test_json_ld_text_reads_back_as_its_data_with_nothing_that_ends_a_script(text: str) -> None:
    """Any headline (Arabic, `</script>`, `<!--`, `&`, line separators): the script's text
    is JSON of the same data, and holds no `<`, `>` or `&` an HTML parser would act on."""
    data = {"headline": text, "keywords": [text, "ي/ی ك/ک"]}
    script = metadata.json_ld_script(data)
    assert json.loads(script) == data
    assert not {"<", ">", "&"} & set(script)


def test_open_graph_and_twitter_tags_describe_the_article(
    client: Client, canonical: str, sample_article: Article
) -> None:
    html = client.get(canonical).content.decode()
    absolute = "http://testserver" + canonical
    assert f'<link rel="canonical" href="{absolute}">' in html
    assert _meta(html, "og:type") == ["article"]
    assert _meta(html, "og:title") == [sample_article.headline]
    assert _meta(html, "og:description") == [sample_article.lead]
    assert _meta(html, "og:url") == [absolute]
    assert _meta(html, "og:locale") == ["ar_AR"]
    assert _meta(html, "article:published_time") == ["2017-01-08T15:26:00+00:00"]
    assert _meta(html, "twitter:card") == ["summary"]


def test_main_photo_is_responsive_with_caption_credit_and_absolute_og_image(
    client: Client, edition_en: Edition, make_article: MakeArticle, make_photo: MakePhoto
) -> None:
    article = make_article(edition_en, "Photo story")
    photo = make_photo(
        jpeg(2000, 1000), alt="A crowded street", caption="A street in Tehran", credit="Agency"
    )
    services.article_set_photo(actor=IMPORTER, article=article, photo=photo)
    html = client.get(article_url(article)).content.decode()
    img = re.search(r'<figure class="photo">\s*<img ([^>]*)>', html)
    assert img is not None
    attributes = img.group(1)
    assert 'width="1440" height="720"' in attributes  # the widest public rendition
    assert 'alt="A crowded street"' in attributes
    found = re.search(r'srcset="([^"]*)"', attributes)
    assert found is not None
    srcset = found.group(1)
    assert [part.split()[-1] for part in srcset.split(", ")] == ["480w", "960w", "1440w"]
    assert all(".webp" in part for part in srcset.split(", "))
    assert 'sizes="' in attributes
    assert "A street in Tehran" in html and "Agency" in html
    [og_image] = _meta(html, "og:image")
    assert og_image.startswith("http://testserver/media/photos/")
    assert og_image.endswith("/og-1200.webp")
    assert _meta(html, "og:image:width") == ["1200"]
    assert _meta(html, "og:image:height") == ["630"]
    assert _meta(html, "og:image:alt") == ["A crowded street"]
    assert _meta(html, "twitter:card") == ["summary_large_image"]
    assert _json_ld(html)["image"] == [og_image]


def test_a_photo_the_worker_has_not_rendered_yet_is_left_out_until_it_has(
    client: Client, edition_en: Edition, make_article: MakeArticle
) -> None:
    article = make_article(edition_en, "Fresh photo")
    photo = photo_create(actor=IMPORTER, data=jpeg(300, 200), alt="A fresh photo")
    services.article_set_photo(actor=IMPORTER, article=article, photo=photo)
    html = client.get(article_url(article)).content.decode()
    assert 'class="photo"' not in html and _meta(html, "og:image") == []
    photo_render(photo_id=photo.pk)
    html = client.get(article_url(article)).content.decode()
    assert 'alt="A fresh photo"' in html


def test_update_time_shows_only_when_edited_well_after_publication(
    client: Client, canonical: str, sample_article: Article
) -> None:
    html = client.get(canonical).content.decode()
    assert 'class="updated"' not in html
    later = sample_article.created_at + datetime.timedelta(hours=2)
    Article.objects.filter(pk=sample_article.pk).update(updated_at=later)
    html = client.get(canonical).content.decode()
    assert 'class="updated"' in html
    assert f'<time datetime="{later.isoformat(timespec="seconds")}">' in html
    assert _json_ld(html)["dateModified"] == later.isoformat(timespec="seconds")


def test_correction_notes_show_under_the_article(
    client: Client, canonical: str, sample_article: Article
) -> None:
    services.correction_add(actor=IMPORTER, article=sample_article, text="صُحّح اسم المسؤول.")
    queries, response = count_queries(client, canonical)
    assert queries == 8  # the corrections are read: the one page that has them asks for them
    html = response.content.decode()
    assert 'class="corrections"' in html
    assert "صُحّح اسم المسؤول." in html


def test_related_articles_share_keywords_first_then_the_section_newest_first(
    client: Client, edition_ar: Edition, section_politics: Section, make_article: MakeArticle
) -> None:
    older_by_keyword = make_article(edition_ar, "قديم بكلمة", keywords=["شمخاني"])
    same_section = make_article(edition_ar, "من القسم", section=section_politics)
    newer_by_keyword = make_article(edition_ar, "جديد بكلمة", keywords=["السورية"])
    unrelated = make_article(edition_ar, "لا علاقة")
    draft = services.article_create(
        actor=IMPORTER, edition=edition_ar, headline="مسودة", keywords=["شمخاني"]
    )
    article = make_article(
        edition_ar, "الخبر", keywords=["شمخاني", "السورية"], section=section_politics
    )
    response = client.get(article_url(article))
    html = response.content.decode()
    related = html[html.index('class="related"') :]
    positions = [related.index(a.headline) for a in (newer_by_keyword, older_by_keyword)]
    positions.append(related.index(same_section.headline))
    assert positions == sorted(positions)
    assert unrelated.headline not in related
    assert draft.headline not in html
    assert related.count("الخبر<") == 0
    assert {
        surrogate.article_key(a.pk) for a in (newer_by_keyword, older_by_keyword, same_section)
    } <= surrogate.keys_of(response)
    assert surrogate.section_key(section_politics.pk) in surrogate.keys_of(response)


def test_article_page_query_count_does_not_grow_with_the_archive(
    client: Client, edition_ar: Edition, section_politics: Section, make_article: MakeArticle
) -> None:
    article = make_article(edition_ar, "الخبر", keywords=["ألف", "باء"], section=section_politics)
    services.correction_add(actor=IMPORTER, article=article, text="تصحيح")
    alone, response = count_queries(client, article_url(article))
    assert response.status_code == 200
    for number in range(49):
        make_article(edition_ar, f"خبر {number}", keywords=["ألف"], section=section_politics)
    crowded, response = count_queries(client, article_url(article))
    assert response.status_code == 200
    # One fewer: the keyword's articles now fill the related list, so the section's
    # newest are not asked for.
    assert crowded == alone - 1 <= 10


def test_share_links_are_plain_links_with_the_url_encoded(
    client: Client, edition_en: Edition, make_article: MakeArticle
) -> None:
    article = make_article(edition_en, "Share me & you")
    html = client.get(article_url(article)).content.decode()
    encoded = "http%3A%2F%2Ftestserver%2Fen%2Fnews%2F" + str(article.code)
    assert f'href="https://t.me/share/url?url={encoded}' in html
    assert 'href="https://wa.me/?text=Share%20me%20%26%20you%20http%3A%2F%2F' in html
    assert f'href="https://x.com/intent/post?url={encoded}' in html
    assert f'href="https://www.facebook.com/sharer/sharer.php?u={encoded}' in html
    assert 'href="mailto:?subject=Share%20me%20%26%20you&amp;body=' in html


def test_article_page_asks_no_other_host_for_anything(
    client: Client, edition_en: Edition, make_article: MakeArticle, make_photo: MakePhoto
) -> None:
    article = make_article(edition_en, "Self-hosted")
    services.article_set_photo(actor=IMPORTER, article=article, photo=make_photo(jpeg(600, 400)))
    html = client.get(article_url(article)).content.decode()
    assert "<iframe" not in html
    for url in re.findall(r'\s(?:src|srcset)="([^"]*)"', html):
        assert url.startswith("/"), url
    for tag in re.findall(r"<link [^>]*>", html):
        found = re.search(r'href="([^"]*)"', tag)
        assert found is not None, tag
        href = found.group(1)
        assert href.startswith(("/", "http://testserver/")), tag


def test_print_link_and_translations_with_hreflang(
    client: Client, sample_article: Article, edition_en: Edition, make_article: MakeArticle
) -> None:
    english = make_article(edition_en, "Shamkhani: the truce must not help terrorists")
    services.translations_link(actor=IMPORTER, articles=[sample_article, english])
    html = client.get(article_url(sample_article)).content.decode()
    assert f'href="/ar/news/{sample_article.code}/print"' in html
    english_url = "http://testserver" + article_url(english)
    assert f'<link rel="alternate" hreflang="en" href="{english_url}">' in html
    assert (
        f'<link rel="alternate" hreflang="ar" href="http://testserver{article_url(sample_article)}">'
        in html
    )
    assert (
        f'<a href="{english_url}" hreflang="en" lang="en" dir="ltr">{english.headline}</a>' in html
    )
    other_way = client.get(article_url(english)).content.decode()
    assert 'hreflang="ar"' in other_way and 'lang="ar" dir="rtl"' in other_way


def test_an_unpublished_translation_is_not_linked(
    client: Client, sample_article: Article, edition_en: Edition
) -> None:
    draft = services.article_create(actor=IMPORTER, edition=edition_en, headline="Not yet")
    services.translations_link(actor=IMPORTER, articles=[sample_article, draft])
    html = client.get(article_url(sample_article)).content.decode()
    assert 'hreflang="en" href' not in html


def test_invitation_links_to_the_editions_submission_form(client: Client, canonical: str) -> None:
    html = client.get(canonical).content.decode()
    assert 'href="/ar/submit"' in html


def test_article_page_sets_no_cookie_and_does_not_vary_on_cookies(
    client: Client, canonical: str
) -> None:
    response = client.get(canonical)
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")
    assert "csrfmiddlewaretoken" not in response.content.decode()


def test_an_article_headed_print_keeps_a_canonical_url_the_print_view_does_not_take(
    client: Client, edition_en: Edition, make_article: MakeArticle
) -> None:
    article = make_article(edition_en, "Print")
    assert article_url(article) == f"/en/news/{article.code}"
    assert client.get(article_url(article)).status_code == 200


def test_a_taken_down_article_is_gone_from_its_print_view_too(
    client: Client, sample_article: Article
) -> None:
    workflow.article_unpublish(actor=IMPORTER, article=sample_article)
    assert client.get(f"/ar/news/{sample_article.code}/print").status_code == 410


def test_scheduled_time_is_respected_by_the_clock(client: Client, edition_en: Edition) -> None:
    article = services.article_create(
        actor=IMPORTER,
        edition=edition_en,
        headline="Soon",
        published_at=timezone.now() + datetime.timedelta(minutes=5),
    )
    assert client.get(article_url(article)).status_code == 404


def test_an_article_stored_with_ten_thousand_keywords_has_a_working_page(
    client: Client, sample_article: Article
) -> None:
    """More keywords than the services allow, written before the cap or around it."""
    edition = sample_article.edition
    keywords = Keyword.objects.bulk_create(
        Keyword(edition=edition, name=f"كلمة {n}", key=keyword_key(f"كلمة {n}"))
        for n in range(10_000)
    )
    ArticleKeyword.objects.bulk_create(
        (
            ArticleKeyword(
                article=sample_article,
                keyword=keyword,
                position=3 + position,
                article_published_at=sample_article.published_at,
                article_code=sample_article.code,
            )
            for position, keyword in enumerate(keywords)
        ),
        batch_size=500,
    )
    response = client.get(article_url(sample_article))
    assert response.status_code == 200
    assert response.content.decode().count('rel="tag"') == limits.KEYWORDS_MAX


def test_meta_descriptions_are_the_start_of_a_long_lead_cut_at_a_word(
    client: Client, edition_ar: Edition, make_article: MakeArticle
) -> None:
    lead = " ".join(f"كلمة{n}" for n in range(150))  # about 1,000 characters
    article = make_article(edition_ar, "خبر", lead=lead)
    html = client.get(article_url(article)).content.decode()
    descriptions = [
        *_meta(html, "description"),
        *_meta(html, "og:description"),
        *_meta(html, "twitter:description"),
        _json_ld(html)["description"],
    ]
    assert len(descriptions) == 4
    assert len(set(descriptions)) == 1
    [description] = set(descriptions)
    assert len(description) <= 200
    assert description.endswith(" كلمة29…")  # the last whole word that fits
    assert lead.startswith(description.removesuffix("…"))
    assert f'<p class="lead">{lead}</p>' in html  # the page itself shows it all


def test_direction_overrides_in_a_headline_reach_neither_title_nor_heading_nor_meta(
    client: Client, edition_ar: Edition, make_article: MakeArticle
) -> None:
    article = make_article(edition_ar, "\u202eخبر\u202c \u2066عاجل\u2069", lead="\u202bلید\u202c")
    html = client.get(article_url(article)).content.decode()
    assert "<title>خبر عاجل - " in html
    assert _meta(html, "og:title") == ["خبر عاجل"]
    assert not {chr(cp) for cp in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]} & set(html)


@pytest.mark.parametrize("headline", ["Print", "amp", "Preview", "Comment"])
def test_a_headline_that_names_another_view_makes_no_slug_and_the_page_still_answers(
    client: Client, edition_en: Edition, headline: str
) -> None:
    """`/news/<code>/print`, `/preview`, `/comment`… are other views of the article: a
    headline slugified to one of them would make the article unreachable."""
    article = services.article_create(
        actor=IMPORTER,
        edition=edition_en,
        headline=headline,
        published_at=timezone.now() - datetime.timedelta(hours=1),
    )
    assert article.slug == ""
    response = client.get(article_url(article, edition_en))
    assert response.status_code == 200
    assert f'<h1 class="headline">{headline}</h1>' in response.content.decode()
