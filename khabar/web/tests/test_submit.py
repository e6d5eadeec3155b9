"""The submission form at /{ed}/submit: its page, its checks and its receipt."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest
from django.test import Client

from khabar.editions.models import Edition
from khabar.submissions import tokens
from khabar.submissions.models import Submission
from khabar.submissions.storage import private_storage
from khabar.submissions.tests.conftest import (  # noqa: F401  (private_root: autouse)
    jpeg_with_gps,
    png,
    private_root,
    upload,
)
from khabar.text import to_digits

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as TestResponse

pytestmark = pytest.mark.django_db
URL = "/ar/submit"
Post = Callable[..., "TestResponse"]


@pytest.fixture
def post(client: Client, edition_ar: Edition) -> Post:
    def send(**fields: Any) -> TestResponse:
        data: dict[str, Any] = {
            "form": tokens.token_issue(edition_id=edition_ar.pk, now=time.time() - 60),
            "name": "سامي",
            "contact": "sami@example.com",
            "text": "رأيت حريقا في السوق",
        }
        headers = {"Sec-Fetch-Site": fields.pop("fetch_site", "same-origin")}
        data.update(fields)
        return client.post(URL, data, headers=headers)

    return send


def test_the_form_page_is_in_the_editions_language_with_its_newsroom_email(
    client: Client, edition_ar: Edition
) -> None:
    edition_ar.newsroom_email = "news-ar@khabar.example"
    edition_ar.save()
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="ar" dir="rtl">' in html
    assert 'enctype="multipart/form-data"' in html and 'type="file" name="files" multiple' in html
    assert 'href="mailto:news-ar@khabar.example"' in html
    assert "/static/khabar/submit.js" in html and "<script>" not in html


def test_a_submission_is_received_with_a_reference_in_the_editions_digits(
    post: Post, edition_ar: Edition
) -> None:
    response = post(files=[upload("a.jpg", jpeg_with_gps()), upload("b.png", png())])
    submission = Submission.objects.get()
    html = response.content.decode()
    assert response.status_code == 200
    assert to_digits(str(submission.reference), edition_ar.digits) in html
    assert "no-cache" in response["Cache-Control"]
    assert submission.files.count() == 2


def test_the_reference_number_opens_nothing(client: Client, post: Post) -> None:
    post()
    reference = Submission.objects.get().reference
    for path in (f"/ar/submit/{reference}", f"/ar/{reference}", f"/ar/submit?ref={reference}"):
        assert str(reference) not in client.get(path).content.decode()


def test_script_typed_in_the_fields_comes_back_escaped(post: Post) -> None:
    response = post(name="<script>alert(1)</script>", contact="<b>x</b>", text="")
    html = response.content.decode()
    assert response.status_code == 400
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert "<b>x</b>" not in html


def test_a_form_without_a_token_or_with_a_forged_one_is_refused(post: Post) -> None:
    assert post(form="").status_code == 403
    assert post(form="WyIxIiwxXQ:forged:signature").status_code == 403
    assert not Submission.objects.exists()


def test_a_token_for_another_edition_is_refused(post: Post, edition_fa: Edition) -> None:
    assert post(form=tokens.token_issue(edition_id=edition_fa.pk)).status_code == 403


def test_a_post_from_another_site_is_refused(post: Post, client: Client) -> None:
    assert post(fetch_site="cross-site").status_code == 403
    assert not Submission.objects.exists()


def test_an_expired_form_comes_back_with_the_text_kept(post: Post, edition_ar: Edition) -> None:
    old = tokens.token_issue(edition_id=edition_ar.pk, now=time.time() - 2 * 24 * 3600)
    response = post(form=old)
    assert response.status_code == 400
    assert "رأيت حريقا في السوق" in response.content.decode()


def test_a_bad_file_brings_the_form_back_naming_it(post: Post) -> None:
    response = post(files=[upload("page.jpg", b"<html><script>alert(1)</script></html>")])
    html = response.content.decode()
    assert response.status_code == 400
    assert "page.jpg" in html and "<script>alert(1)" not in html
    assert not Submission.objects.exists()


def test_an_upload_larger_than_allowed_is_refused_before_it_is_read(
    post: Post, settings: Any
) -> None:
    settings.SUBMISSIONS_TOTAL_BYTES_MAX = 1000
    response = post(files=[upload("a.png", png(size=(600, 600)) + b"\x00" * 2_000_000)])
    assert response.status_code == 413
    assert not Submission.objects.exists()


def test_the_honeypot_refuses_without_saying_why(post: Post) -> None:
    response = post(website="http://spam.example")
    assert response.status_code == 400
    assert "honeypot" not in response.content.decode()
    assert not Submission.objects.exists()


def test_stored_files_have_no_public_url_and_lie_outside_the_media_root(
    post: Post, client: Client, settings: Any
) -> None:
    post(files=[upload("a.png", png())])
    file = Submission.objects.get().files.get()
    with pytest.raises(NotImplementedError):
        private_storage().url(file.stored_name)
    path = private_storage().path(file.stored_name)
    assert not path.startswith(str(settings.MEDIA_ROOT))
    for guess in (f"/media/{file.stored_name}", f"/static/{file.stored_name}"):
        assert client.get(guess).status_code == 404


def test_the_form_and_its_errors_read_in_the_editions_language(post: Post, client: Client) -> None:
    assert "أرسلوا إلى غرفة الأخبار" in client.get(URL).content.decode()
    html = post(files=[upload("a.jpg", b"")]).content.decode()
    assert "«a.jpg»: الملف فارغ." in html


def test_the_form_page_runs_a_fixed_few_queries(
    client: Client, edition_ar: Edition, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(2):
        assert client.get(URL).status_code == 200
