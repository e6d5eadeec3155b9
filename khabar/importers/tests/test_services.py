from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from khabar.articles.models import Article, Keyword
from khabar.articles.selectors import article_get_by_code
from khabar.articles.services import article_update, code_allocate
from khabar.core.actors import IMPORTER
from khabar.editions.models import Edition
from khabar.importers.services import Outcome, article_import_file, article_import_text

DATA = Path(__file__).parent / "data"
SAMPLE_PATH = DATA / "sample_ar_14027.txt"
SAMPLE = SAMPLE_PATH.read_text(encoding="utf-8")
PERSIAN_PATH = DATA / "persian_12345.txt"


@pytest.fixture
def ar() -> Edition:
    return Edition.objects.get(code="ar")


@pytest.fixture
def fa() -> Edition:
    return Edition.objects.get(code="fa")


def keyword_names(article: Article) -> list[str]:
    return [link.keyword.name for link in article.ordered_keywords]


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.django_db
def test_the_sample_page_becomes_a_published_article(ar: Edition) -> None:
    result = article_import_file(edition=ar, path=SAMPLE_PATH)

    assert (result.outcome, result.code, result.name) == ("created", 14027, str(SAMPLE_PATH))
    article = article_get_by_code(edition=ar, code=14027)
    assert article is not None
    assert article.status == Article.Status.PUBLISHED
    assert article.published_at == datetime.datetime(2017, 1, 8, 15, 26, tzinfo=datetime.UTC)
    assert keyword_names(article) == ["شمخاني", "السورية", "تجهيزهم"]
    assert article.lead.startswith("أكد امين")
    assert article.body.count("<p>") == 9
    assert "bultannews@gmail.com" not in article.body
    assert "الاسم" not in article.body
    assert article.headline == "أكد امين المجلس الاعلى للامن القومي الايراني علي شمخاني"
    assert article.headline_needs_review is True


@pytest.mark.django_db
def test_importing_the_same_page_twice_writes_nothing_the_second_time(
    ar: Edition, django_capture_on_commit_callbacks
) -> None:
    article_import_file(edition=ar, path=SAMPLE_PATH)
    before = Article.objects.get(edition=ar, code=14027)

    with django_capture_on_commit_callbacks() as callbacks:
        result = article_import_file(edition=ar, path=SAMPLE_PATH)

    assert (result.outcome, result.code) == ("unchanged", 14027)
    assert Article.objects.count() == 1
    assert Article.objects.get(pk=before.pk).updated_at == before.updated_at
    assert callbacks == []  # no domain event either


@pytest.mark.django_db
def test_the_same_code_with_other_content_is_a_conflict_and_left_alone(ar: Edition) -> None:
    article_import_text(edition=ar, text=SAMPLE, name="first")
    changed = SAMPLE.replace("أكد امين", "قال امين")

    result = article_import_text(edition=ar, text=changed, name="second")

    assert result.outcome == "conflict"
    assert "exists with different content" in result.message
    assert "re-run with --update to overwrite" in result.message
    assert "lead" in result.message
    assert Article.objects.get(edition=ar, code=14027).lead.startswith("أكد امين")


@pytest.mark.django_db
def test_update_overwrites_an_article_whose_page_changed(ar: Edition) -> None:
    article_import_text(edition=ar, text=SAMPLE, name="first")
    changed = SAMPLE.replace("أكد امين", "قال امين").replace("تجهيزهم", "دمشق")

    result = article_import_text(edition=ar, text=changed, name="second", update=True)

    assert result.outcome == "updated"
    article = article_get_by_code(edition=ar, code=14027)
    assert article is not None
    assert article.lead.startswith("قال امين")
    assert article.headline.startswith("قال امين")
    assert keyword_names(article) == ["شمخاني", "السورية", "دمشق"]
    assert article_import_text(edition=ar, text=changed, name="third").outcome == "unchanged"


@pytest.mark.django_db
def test_update_moves_the_publication_date_when_the_page_date_changed(ar: Edition) -> None:
    article_import_text(edition=ar, text=SAMPLE, name="first")
    changed = SAMPLE.replace("۱۸:۵۶", "۱۹:۵۶")

    assert article_import_text(edition=ar, text=changed, name="x").outcome == "conflict"
    result = article_import_text(edition=ar, text=changed, name="x", update=True)

    assert result.outcome == "updated"
    article = Article.objects.get(edition=ar, code=14027)
    assert article.published_at == datetime.datetime(2017, 1, 8, 16, 26, tzinfo=datetime.UTC)


@pytest.mark.django_db
def test_a_headline_an_editor_reviewed_survives_a_reimport(ar: Edition) -> None:
    article_import_text(edition=ar, text=SAMPLE, name="first")
    article = Article.objects.get(edition=ar, code=14027)
    article_update(
        actor=IMPORTER, article=article, headline="شمخاني في دمشق", headline_needs_review=False
    )

    assert article_import_text(edition=ar, text=SAMPLE, name="again").outcome == "unchanged"
    changed = SAMPLE.replace("أكد امين", "قال امين")
    article_import_text(edition=ar, text=changed, name="changed", update=True)

    article.refresh_from_db()
    assert article.headline == "شمخاني في دمشق"
    assert article.headline_needs_review is False
    assert article.lead.startswith("قال امين")


@pytest.mark.django_db
def test_a_keyword_spelled_with_persian_yeh_is_the_same_keyword(ar: Edition) -> None:
    article_import_text(edition=ar, text=SAMPLE, name="first")
    second = (
        SAMPLE.replace("۱۴۰۲۷", "۱۴۰۲۸")
        .replace("أكد امين", "قال امين")
        .replace("الكلمات الرئيسة: شمخاني ، السورية ، تجهيزهم", "الكلمات الرئيسة: السوریة")
    )

    assert article_import_text(edition=ar, text=second, name="second").outcome == "created"

    keyword = Keyword.objects.get(edition=ar, name="السورية")
    assert Keyword.objects.filter(edition=ar).count() == 3
    assert set(keyword.articles.values_list("code", flat=True)) == {14027, 14028}


@pytest.mark.django_db
def test_new_codes_continue_after_the_highest_imported_code(ar: Edition) -> None:
    article_import_file(edition=ar, path=SAMPLE_PATH)

    assert code_allocate(edition=ar) >= 14028


@pytest.mark.django_db
def test_a_persian_page_is_imported_with_its_own_headline_into_a_persian_edition(
    fa: Edition,
) -> None:
    result = article_import_file(edition=fa, path=PERSIAN_PATH)

    assert (result.outcome, result.code) == ("created", 12345)
    article = article_get_by_code(edition=fa, code=12345)
    assert article is not None
    assert article.headline == "بارش برف در تهران و البرز"
    assert article.headline_needs_review is False
    assert article.overline == "هواشناسی"
    assert article.published_at == datetime.datetime(2024, 4, 8, 6, 0, tzinfo=datetime.UTC)
    assert keyword_names(article) == ["تهران", "برف", "هواشناسی"]
    assert "news@example.com" not in article.body
    assert "علی رضایی" in article.body  # the Persian edition stores ي as ی
    # ...and still recognises the page as unchanged the second time.
    assert article_import_file(edition=fa, path=PERSIAN_PATH).outcome == "unchanged"


@pytest.mark.django_db
def test_a_utf8_bom_is_accepted(ar: Edition, tmp_path: Path) -> None:
    path = write(tmp_path, "bom.txt", b"\xef\xbb\xbf" + SAMPLE.encode())

    assert article_import_file(edition=ar, path=path).outcome == "created"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        (SAMPLE.replace("رمز الخبر: ۱۴۰۲۷\n", "").encode(), "no news code line"),
        (
            SAMPLE.replace("۱۹ دی ۱۳۹۵", "۱۹ فلان ۱۳۹۵").encode(),
            "unreadable publication date: could not read a date",
        ),
        (SAMPLE.replace("۱۹ دی", "۳۲ دی").encode(), "unreadable publication date"),
        (SAMPLE.split("أكد امين")[0].encode(), "empty body"),
        (SAMPLE.encode("cp1256", errors="ignore"), "not UTF-8 text"),
        (SAMPLE.encode("utf-16"), "not UTF-8 text (it is UTF-16)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        (SAMPLE.encode() + b"\x01\x02\x03", "binary file"),
    ],
    ids=["no-code", "bad-month", "bad-day", "empty-body", "cp1256", "utf16", "png", "controls"],
)
def test_a_broken_file_fails_with_a_clear_message_and_writes_nothing(
    ar: Edition, tmp_path: Path, data: bytes, message: str
) -> None:
    path = write(tmp_path, "broken.txt", data)

    result = article_import_file(edition=ar, path=path)

    assert result.outcome == Outcome.FAILED
    assert message in result.message
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_a_missing_file_fails_with_a_clear_message(ar: Edition, tmp_path: Path) -> None:
    result = article_import_file(edition=ar, path=tmp_path / "nope.txt")

    assert result.outcome == "failed"
    assert "cannot read" in result.message


@pytest.mark.django_db
def test_a_headline_too_long_for_the_field_fails_without_undoing_other_pages(
    ar: Edition,
) -> None:
    article_import_text(edition=ar, text=SAMPLE, name="good")
    too_long = SAMPLE.replace("۱۴۰۲۷", "۱").replace(
        "تأريخ النشر", "العنوان: " + "ا" * 400 + "\nتأريخ النشر"
    )

    result = article_import_text(edition=ar, text=too_long, name="bad")

    assert result.outcome == "failed"
    assert result.message.startswith("headline: ")
    assert result.code == 1
    assert list(Article.objects.values_list("code", flat=True)) == [14027]
