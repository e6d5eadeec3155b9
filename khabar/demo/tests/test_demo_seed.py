import datetime
import html
import io
import re

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import RequestFactory
from django.utils import timezone
from django.utils.html import strip_tags

from khabar.articles.models import Article, Keyword, keyword_key
from khabar.demo.banks import edition_banks
from khabar.demo.services import SAMPLE_CODE
from khabar.demo.tests.scripts import looks_like
from khabar.editions.models import Edition, Section


def _seed(articles: int = 30) -> str:
    out = io.StringIO()
    call_command("demo_seed", articles=articles, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def _generated(code: str):
    return Article.objects.filter(edition__code=code).exclude(code=SAMPLE_CODE).filter(author=None)


@pytest.mark.django_db
def test_seeding_creates_articles_across_three_editions_and_the_sample():
    _seed(30)
    counts = {code: _generated(code).count() for code in ("fa", "ar", "en")}
    assert counts == {"fa": 10, "ar": 10, "en": 10}
    sample = Article.objects.get(edition__code="ar", code=SAMPLE_CODE)
    assert sample.is_public
    assert "شمخاني" in sample.lead
    # The edition's own codes continue after the imported legacy one.
    assert _generated("ar").order_by("code").first().code > SAMPLE_CODE


@pytest.mark.django_db
def test_seeded_articles_are_published_news_in_sections_over_three_months():
    _seed(30)
    now = timezone.now()
    articles = (
        Article.objects.exclude(code=SAMPLE_CODE)
        .filter(author=None)
        .select_related("edition", "section")
    )
    for article in articles:
        assert article.is_public
        assert article.section is not None and article.published_at is not None
        assert article.section.edition_id == article.edition_id
        assert now - article.published_at <= datetime.timedelta(days=90)
        assert 2 <= article.keywords.count() <= 5
        assert 3 <= article.body.count("<p>") <= 6
    for code in ("fa", "ar", "en"):
        newest = _generated(code).latest("published_at")
        assert now - newest.published_at < datetime.timedelta(hours=1)
        assert _generated(code).filter(is_breaking=True).exists()


@pytest.mark.django_db
def test_each_article_is_written_in_its_editions_script():
    _seed(30)
    for article in (
        Article.objects.exclude(code=SAMPLE_CODE).filter(author=None).select_related("edition")
    ):
        body = html.unescape(strip_tags(article.body))
        fields = (
            article.overline,
            article.headline,
            article.lead,
            body,
            article.byline,
            article.source,
        )
        text = "\n".join(fields)
        assert looks_like(text, article.edition.code), (article.edition.code, text)


@pytest.mark.django_db
def test_editions_get_sections_and_a_newsroom_email():
    _seed(3)
    for edition in Edition.objects.filter(code__in=("fa", "ar", "en")):
        assert edition.newsroom_email == f"news-{edition.code}@khabar.example"
        sections = Section.objects.filter(edition=edition)
        assert 5 <= sections.count() <= 7
        assert sections.filter(slug="politics").exists()
    assert Section.objects.get(edition__code="ar", slug="sport").name == "رياضة"


@pytest.mark.django_db
def test_an_admins_newsroom_email_is_kept():
    Edition.objects.filter(code="fa").update(newsroom_email="desk@example.org")
    _seed(3)
    assert Edition.objects.get(code="fa").newsroom_email == "desk@example.org"


@pytest.mark.django_db
def test_running_twice_adds_nothing():
    _seed(30)
    before = (Article.objects.count(), Keyword.objects.count(), Section.objects.count())
    second = _seed(30)
    after = (Article.objects.count(), Keyword.objects.count(), Section.objects.count())
    assert after == before
    assert "skipped" in second


def sign_in(*, username: str, password: str) -> User | None:
    """Authenticate as the login form does (the throttle needs the request)."""
    request = RequestFactory().post("/newsroom/admin/login/")
    user = authenticate(request, username=username, password=password)
    assert user is None or isinstance(user, User)
    return user


def passwords(output: str) -> dict[str, str]:
    return dict(re.findall(r"^\s{4}(\w+)\s+(\S+)\s", output, re.M))


@pytest.mark.django_db
def test_output_gives_the_urls_and_one_account_per_role_that_can_sign_in():
    from khabar.staff.permissions import scope_of

    output = _seed(3)
    assert "http://127.0.0.1:8000/" in output
    assert "/ar/news/14027" in output
    assert "/newsroom/admin/" in output
    accounts = passwords(output)
    assert set(accounts) == {"admin", "editor_ar", "editor_fa", "reporter_ar"}
    roles = {}
    for username, password in accounts.items():
        user = sign_in(username=username, password=password)
        assert user is not None and user.is_staff, username
        scope = scope_of(user)
        assert scope is not None, username
        roles[username] = (scope.role, len(scope.edition_ids), len(scope.section_ids))
    assert roles == {
        "admin": ("admin", 0, 0),
        "editor_ar": ("editor", 1, 0),
        "editor_fa": ("editor", 1, 1),
        "reporter_ar": ("reporter", 1, 0),
    }


@pytest.mark.django_db
def test_each_run_gives_every_account_a_new_password():
    first = passwords(_seed(3))["editor_ar"]
    second = passwords(_seed(3))["editor_ar"]
    assert first != second
    assert sign_in(username="editor_ar", password=first) is None
    assert sign_in(username="editor_ar", password=second) is not None


@pytest.mark.django_db
def test_the_demo_has_an_article_in_every_state_of_the_workflow():
    from django.utils import timezone

    _seed(3)
    _seed(3)  # the second run adds none
    newsroom = Article.objects.filter(author__isnull=False)
    states = sorted(newsroom.values_list("status", flat=True))
    assert states == ["draft", "draft", "draft", "in_review", "published", "scheduled"]
    scheduled = newsroom.get(status="scheduled")
    assert scheduled.published_at is not None
    soon = timezone.now() + datetime.timedelta(minutes=5)
    assert timezone.now() < scheduled.published_at <= soon
    live = newsroom.get(status="published")
    assert live.pending_revision is not None
    assert live.lead == "النص المنشور الذي يراه القراء."


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["ar", "fa"])
def test_keywords_typed_with_mixed_letters_are_one_keyword(code):
    _seed(30)
    spellings = edition_banks()[code].mixed_spellings[0].spellings
    keywords = Keyword.objects.filter(edition__code=code, key=keyword_key(spellings[0]))
    assert keywords.count() == 1
    assert keywords.get().articles.count() >= len(spellings)


@pytest.mark.django_db
def test_generated_articles_get_the_demos_own_photos_through_the_library(client):
    from django_tasks_db.models import DBTaskResult

    from khabar.photos.models import Photo
    from khabar.photos.tasks import photo_render_task

    _seed(30)
    assert Photo.objects.count() == 24  # eight an edition
    for article in Article.objects.exclude(code=SAMPLE_CODE).filter(author=None):
        photo = article.photo
        assert photo is not None and photo.alt and photo.caption and photo.credit
    persian = Photo.objects.filter(articles__edition__code="fa").distinct()
    assert {photo.credit for photo in persian} == {"عکس: خبر (نمایشی)"}
    # The worker makes the renditions; then homes and article pages show them.
    for task in DBTaskResult.objects.filter(task_path=photo_render_task.module_path):
        photo_render_task.call(*task.args_kwargs["args"])
    for code in ("fa", "ar", "en"):
        home = client.get(f"/{code}/").content.decode()
        assert home.count("/card-480.webp") >= 1
        article = _generated(code).latest("published_at")
        page = client.get(f"/{code}/news/{article.code}", follow=True).content.decode()
        assert f'alt="{article.photo.alt}"' in html.unescape(page)
        assert "/full-960.webp" in page
