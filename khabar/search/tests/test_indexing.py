"""The index follows the articles: only what readers may see is found, as it reads now."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from khabar.articles import services, workflow
from khabar.articles.bulk import BulkArticle, articles_bulk_create
from khabar.articles.models import Article
from khabar.core.actors import IMPORTER
from khabar.editions.models import Edition, Section
from khabar.search import documents
from khabar.search.backends import Filters, Order, backend, base
from khabar.search.models import SearchDocument, SearchName, SearchTerm
from khabar.search.tests.conftest import Find, MakeArticle
from khabar.text.analysis import query_parse

pytestmark = pytest.mark.django_db


def test_a_published_article_is_found_by_headline_overline_lead_body_and_keywords(
    edition_ar: Edition, make_article: MakeArticle, find: Find
) -> None:
    article = make_article(
        edition_ar,
        "شمخاني يلتقي مملوك",
        overline="دمشق",
        lead="الهدنة في سوريا",
        body="<p>قال <b>الرئيس</b></p><p>ترميم</p>",
        keywords=["تجهيزهم"],
    )
    for word in ("شمخاني", "دمشق", "الهدنة", "الرئيس", "ترميم", "تجهيزهم"):
        assert find(edition_ar, word) == [article.pk], word


def test_words_of_two_paragraphs_are_never_one_word(
    edition_ar: Edition, make_article: MakeArticle, find: Find
) -> None:
    article = make_article(edition_ar, body="<p>قال</p><p>ترميم</p>")
    assert find(edition_ar, "قالترميم") == []
    assert find(edition_ar, "ترميم") == [article.pk]


def test_an_article_of_another_edition_is_not_found(
    edition_ar: Edition, edition_fa: Edition, make_article: MakeArticle, find: Find
) -> None:
    make_article(edition_fa, "سوریه امروز")
    assert find(edition_ar, "سوريا") == []
    assert len(find(edition_fa, "سوريا")) == 0  # سوریه, not سوریا
    assert len(find(edition_fa, "سوریه")) == 1


def test_a_draft_is_never_found(edition_ar: Edition, newsroom: Any, find: Find) -> None:
    services.article_create(actor=newsroom.reporter, edition=edition_ar, headline="مسودة سرية")
    assert find(edition_ar, "سرية") == []
    assert not SearchDocument.objects.exists()


def test_a_scheduled_article_is_found_only_once_published(
    edition_ar: Edition, newsroom: Any, find: Find, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        article = services.article_create(
            actor=newsroom.editor, edition=edition_ar, headline="خبر مجدول"
        )
        at = timezone.now() + datetime.timedelta(hours=1)
        workflow.article_publish(actor=newsroom.editor, article=article, at=at)
    assert find(edition_ar, "مجدول") == []
    with time_machine.travel(at + datetime.timedelta(seconds=1), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            workflow.due_run()
        assert find(edition_ar, "مجدول") == [article.pk]


def test_an_article_dated_in_the_future_is_not_found_before_its_time(
    edition_ar: Edition, make_article: MakeArticle, find: Find
) -> None:
    make_article(edition_ar, "خبر قادم", published_at=timezone.now() + datetime.timedelta(days=1))
    assert find(edition_ar, "قادم") == []


def test_an_unpublished_article_leaves_the_index(
    edition_ar: Edition,
    newsroom: Any,
    make_article: MakeArticle,
    find: Find,
    django_capture_on_commit_callbacks: Any,
) -> None:
    article = make_article(edition_ar, "خبر مسحوب")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.article_unpublish(actor=newsroom.editor, article=article)
    assert find(edition_ar, "مسحوب") == []
    assert not SearchDocument.objects.filter(article=article).exists()


def test_a_taken_down_article_leaves_the_index(
    edition_ar: Edition,
    newsroom: Any,
    make_article: MakeArticle,
    find: Find,
    django_capture_on_commit_callbacks: Any,
) -> None:
    article = make_article(edition_ar, "خبر محذوف")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.article_take_down(actor=newsroom.editor, article=article, reason="قانوني")
    assert find(edition_ar, "محذوف") == []


def test_an_edit_is_found_by_its_new_words_and_not_its_removed_ones(
    edition_ar: Edition,
    newsroom: Any,
    make_article: MakeArticle,
    find: Find,
    django_capture_on_commit_callbacks: Any,
) -> None:
    article = make_article(edition_ar, "الرئيس في بغداد", lead="زيارة رسمية")
    with django_capture_on_commit_callbacks(execute=True):
        services.article_save(
            actor=newsroom.editor,
            article=article,
            base_revision=article.revision_number,
            headline="الرئيس في دمشق",
            lead="زيارة خاصة",
        )
        workflow.article_update_publish(
            actor=newsroom.editor, article=Article.objects.get(pk=article.pk)
        )
    assert find(edition_ar, "دمشق") == [article.pk]
    assert find(edition_ar, "خاصة") == [article.pk]
    assert find(edition_ar, "بغداد") == []
    assert find(edition_ar, "رسمية") == []


def test_a_renamed_keyword_finds_its_articles_by_the_new_name(
    edition_ar: Edition,
    make_article: MakeArticle,
    find: Find,
    django_capture_on_commit_callbacks: Any,
) -> None:
    article = make_article(edition_ar, "خبر", keywords=["طهران"])
    keyword = article.keywords.get()
    with django_capture_on_commit_callbacks(execute=True):
        services.keyword_rename(actor=IMPORTER, keyword=keyword, name="دمشق")
    assert find(edition_ar, "دمشق") == [article.pk]
    assert find(edition_ar, "طهران") == []


def test_reindex_indexes_an_archive_written_without_events(edition_ar: Edition, find: Find) -> None:
    articles_bulk_create(
        edition=edition_ar,
        items=[BulkArticle(headline=f"أرشيف {n}", published_at=timezone.now()) for n in range(3)],
    )
    assert find(edition_ar, "أرشيف") == []
    out = io.StringIO()
    call_command("reindex", stdout=out)
    assert "Indexed 3 articles." in out.getvalue()
    assert len(find(edition_ar, "أرشيف")) == 3


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_reindex_shows_a_progress_bar_on_a_terminal_only(edition_ar: Edition) -> None:
    articles_bulk_create(
        edition=edition_ar,
        items=[BulkArticle(headline=f"أرشيف {n}", published_at=timezone.now()) for n in range(3)],
    )
    terminal, pipe = _Terminal(), io.StringIO()
    call_command("reindex", stdout=terminal)
    call_command("reindex", stdout=pipe)
    assert "\r[" + "#" * 30 + "] 3/3" in terminal.getvalue()
    assert pipe.getvalue() == "Indexed 3 articles.\n"


def test_reindex_drops_documents_of_articles_no_longer_published(
    edition_ar: Edition, make_article: MakeArticle, find: Find
) -> None:
    article = make_article(edition_ar, "خبر قديم")
    Article.objects.filter(pk=article.pk).update(status=Article.Status.UNPUBLISHED)
    call_command("reindex", "--edition", "ar", stdout=io.StringIO())
    assert not SearchDocument.objects.filter(article=article).exists()


def _index() -> list[list[tuple[Any, ...]]]:
    return [
        list(SearchDocument.objects.order_by("article_id").values_list()),
        list(
            SearchTerm.objects.order_by("edition", "term").values_list("edition", "term", "display")
        ),
        list(
            SearchName.objects.order_by("document", "key").values_list("document", "edition", "key")
        ),
    ]


def test_a_rebuild_in_worker_processes_writes_the_index_one_process_writes(
    edition_ar: Edition, edition_fa: Edition, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(documents, "REBUILD_BATCH", 2)
    for edition, words in ((edition_ar, "البرلمان العراقي"), (edition_fa, "می\u200cروند کتاب")):
        articles_bulk_create(
            edition=edition,
            items=[
                BulkArticle(
                    headline=f"{words} {n}",
                    overline="عاجل",
                    lead=f"<p>{words}</p>",
                    body=f"<p>{words} {n}</p><p>قال محمد الأمين إن {words}.</p>",
                    keywords=[f"وسم {n % 2}", "ﷺ"],
                    published_at=timezone.now(),
                )
                for n in range(5)
            ],
        )
    assert documents.documents_rebuild(jobs=1) == 10
    alone = _index()
    SearchDocument.objects.all().delete()
    SearchTerm.objects.all().delete()
    assert documents.documents_rebuild(jobs=2) == 10
    assert _index() == alone
    assert len(alone[0]) == 10
    assert alone[2]  # the names too


def test_filters_narrow_by_section_keyword_and_dates(
    edition_ar: Edition, make_article: MakeArticle, find: Find
) -> None:
    politics = Section.objects.create(edition=edition_ar, slug="politics", name="سياسة")
    day = datetime.datetime(2017, 1, 8, 12, tzinfo=datetime.UTC)
    in_politics = make_article(edition_ar, "سوريا اليوم", section=politics, published_at=day)
    tagged = make_article(
        edition_ar, "سوريا غدا", keywords=["هدنة"], published_at=day + datetime.timedelta(days=3)
    )
    assert set(find(edition_ar, "سوريا")) == {in_politics.pk, tagged.pk}
    assert find(edition_ar, "سوريا", section_id=politics.pk) == [in_politics.pk]
    assert find(edition_ar, "سوريا", keyword_id=tagged.keywords.get().pk) == [tagged.pk]
    assert find(edition_ar, "سوريا", start=day + datetime.timedelta(days=1)) == [tagged.pk]
    assert find(edition_ar, "سوريا", end=day + datetime.timedelta(days=1)) == [in_politics.pk]


def test_the_exact_form_ranks_above_a_form_with_clitics(
    edition_ar: Edition, make_article: MakeArticle, find: Find
) -> None:
    with_clitic = make_article(edition_ar, "قرار بالبرلمان")
    exact = make_article(edition_ar, "قرار البرلمان")
    assert find(edition_ar, "البرلمان") == [exact.pk, with_clitic.pk]
    assert find(edition_ar, "بالبرلمان") == [with_clitic.pk, exact.pk]


def test_the_persian_word_as_typed_ranks_above_its_zwnj_part(
    edition_fa: Edition, make_article: MakeArticle, find: Find
) -> None:
    plural = make_article(edition_fa, "خانه‌ها")
    single = make_article(edition_fa, "خانه")
    assert find(edition_fa, "خانه") == [single.pk, plural.pk]


def test_recency_breaks_a_tie_in_relevance_and_date_order_is_newest_first(
    edition_ar: Edition, make_article: MakeArticle, find: Find
) -> None:
    now = timezone.now()
    old = make_article(edition_ar, "سوريا", published_at=now - datetime.timedelta(days=400))
    new = make_article(edition_ar, "سوريا", published_at=now - datetime.timedelta(days=1))
    assert find(edition_ar, "سوريا") == [new.pk, old.pk]
    assert find(edition_ar, "سوريا", order=Order.DATE) == [new.pk, old.pk]


def test_a_headline_match_ranks_above_a_body_match(
    edition_ar: Edition, make_article: MakeArticle, find: Find
) -> None:
    now = timezone.now()
    in_body = make_article(
        edition_ar, "خبر", lead="عن سوريا", published_at=now - datetime.timedelta(days=1)
    )
    in_headline = make_article(
        edition_ar, "سوريا", lead="خبر", published_at=now - datetime.timedelta(days=2)
    )
    assert find(edition_ar, "سوريا") == [in_headline.pk, in_body.pk]


def test_a_word_in_the_headline_and_the_text_ranks_above_one_in_the_headline_alone(
    edition_ar: Edition, make_article: MakeArticle, find: Find
) -> None:
    day = timezone.now() - datetime.timedelta(days=3)
    both = make_article(edition_ar, "سوريا", lead="عن سوريا", published_at=day)
    headline = make_article(edition_ar, "سوريا", lead="خبر", published_at=day)
    assert find(edition_ar, "سوريا") == [both.pk, headline.pk]


def test_ranking_is_the_same_among_the_newest_matches_as_among_all(
    edition_ar: Edition, make_article: MakeArticle, find: Find, monkeypatch: pytest.MonkeyPatch
) -> None:
    # With more matches than CANDIDATES, each word's fields are looked up within the newest
    # matches' range; with fewer, through the query's own matches: the same scores.
    day = timezone.now() - datetime.timedelta(days=3)
    in_body = make_article(edition_ar, "خبر", lead="البرلمان", published_at=day)
    as_typed = make_article(edition_ar, "البرلمان", published_at=day - datetime.timedelta(hours=2))
    with_clitic = make_article(
        edition_ar, "بالبرلمان", published_at=day - datetime.timedelta(hours=1)
    )
    assert find(edition_ar, "البرلمان") == [as_typed.pk, with_clitic.pk, in_body.pk]
    monkeypatch.setattr(base, "CANDIDATES", 2)
    assert find(edition_ar, "البرلمان") == [as_typed.pk, with_clitic.pk]


def test_ranking_reads_the_candidates_alone_not_how_common_a_word_is_elsewhere(
    edition_ar: Edition, make_article: MakeArticle, find: Find
) -> None:
    # Two candidates alike but for which word is in the headline. Articles holding one of
    # the words and not the other are not candidates; with bm25 they made that word common
    # and its headline worth less, and the order flipped.
    day = timezone.now() - datetime.timedelta(days=3)
    syria_first = make_article(edition_ar, "سوريا", lead="لبنان", published_at=day)
    lebanon_first = make_article(edition_ar, "لبنان", lead="سوريا", published_at=day)
    before = find(edition_ar, "سوريا لبنان")
    for n in range(30):
        make_article(edition_ar, "لبنان", published_at=day - datetime.timedelta(days=100 + n))
    assert find(edition_ar, "سوريا لبنان") == before
    assert set(before) == {syria_first.pk, lebanon_first.pk}


def test_only_the_newest_matches_are_ranked_and_the_rest_counted_as_more(
    edition_ar: Edition, make_article: MakeArticle, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(base, "CANDIDATES", 3)
    now = timezone.now()
    articles = [
        make_article(edition_ar, "سوريا", published_at=now - datetime.timedelta(days=5 - n))
        for n in range(5)
    ]
    parsed = query_parse("سوريا", language="ar")
    assert parsed.expression is not None
    filters = Filters(edition_id=edition_ar.pk, now=now)
    hits = backend().search(parsed.expression, filters, order=Order.RELEVANCE, offset=0, limit=10)
    assert hits.ids == [article.pk for article in reversed(articles[2:])]
    assert (hits.total, hits.more) == (3, True)
    past = backend().search(parsed.expression, filters, order=Order.DATE, offset=3, limit=10)
    assert past.ids == []
