"""The submissions inbox: who sees it, files through staff-only links, status, drafts."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.http import FileResponse
from django.test import Client
from PIL import Image

from khabar.articles.models import Article
from khabar.audit.models import AuditEntry
from khabar.editions.models import Edition
from khabar.photos.services import photo_original
from khabar.submissions import services
from khabar.submissions.models import Submission
from khabar.submissions.tests.conftest import (  # noqa: F401  (private_root: autouse)
    jpeg_with_gps,
    png,
    private_root,
    upload,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def submission(edition_ar: Edition) -> Submission:
    return services.submission_create(
        edition=edition_ar,
        client_hash="c" * 64,
        name="سامي",
        contact="+98 912 345 6789",
        text="حريق في السوق\n\nشاهدت النار عند الظهر.",
        files=[upload("fire.jpg", jpeg_with_gps()), upload("second.png", png())],
        form_age=60.0,
    ).submission


def signed_in(client: Client, user: Any) -> Client:
    client.force_login(user)
    return client


def test_an_editor_sees_the_inbox_of_their_edition(
    client: Client, newsroom: Any, submission: Submission
) -> None:
    html = signed_in(client, newsroom.editor).get("/newsroom/submissions/").content.decode()
    assert str(submission.reference) in html
    assert 'href="/newsroom/submissions/"' in html  # in the menu, with the count of new ones


@pytest.mark.parametrize("who", ["reporter", "section_editor"])
def test_reporters_and_section_editors_have_no_inbox(
    client: Client, newsroom: Any, submission: Submission, who: str
) -> None:
    staff = signed_in(client, getattr(newsroom, who))
    assert str(submission.reference) not in staff.get("/newsroom/submissions/").content.decode()
    assert staff.get(f"/newsroom/submissions/{submission.pk}/").status_code == 404
    file = submission.files.first()
    assert file is not None
    assert staff.get(f"/newsroom/submissions/files/{file.pk}").status_code == 404


def test_the_status_filter_lists_only_that_status(
    client: Client, newsroom: Any, submission: Submission
) -> None:
    staff = signed_in(client, newsroom.editor)
    assert (
        str(submission.reference)
        not in staff.get("/newsroom/submissions/?status=used").content.decode()
    )
    assert (
        str(submission.reference) in staff.get("/newsroom/submissions/?status=new").content.decode()
    )


def test_a_file_is_streamed_to_staff_as_a_download_typed_from_its_content(
    client: Client, newsroom: Any, submission: Submission
) -> None:
    file = submission.files.get(display_name="second.png")
    response = signed_in(client, newsroom.editor).get(f"/newsroom/submissions/files/{file.pk}")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "no-store" in response["Cache-Control"]


def test_a_cleaned_photo_is_shown_inline_without_its_gps(
    client: Client, newsroom: Any, submission: Submission
) -> None:
    file = submission.files.get(display_name="fire.jpg")
    response = signed_in(client, newsroom.editor).get(
        f"/newsroom/submissions/files/{file.pk}?inline=1"
    )
    assert response["Content-Disposition"].startswith("inline;")
    assert isinstance(response, FileResponse)
    with Image.open(io.BytesIO(b"".join(response.streaming_content))) as image:
        assert not image.getexif()


def test_a_file_asks_for_sign_in_when_signed_out(client: Client, submission: Submission) -> None:
    file = submission.files.get(display_name="fire.jpg")
    response = client.get(f"/newsroom/submissions/files/{file.pk}?inline=1")
    assert response.status_code == 302 and "/newsroom/login/" in response["Location"]


def test_a_status_change_records_the_editor_and_an_audit_entry(
    client: Client, newsroom: Any, submission: Submission
) -> None:
    signed_in(client, newsroom.editor).post(
        f"/newsroom/submissions/{submission.pk}/status", {"status": "in_progress"}
    )
    submission.refresh_from_db()
    assert submission.status == Submission.Status.IN_PROGRESS
    assert submission.handled_by == newsroom.editor
    entry = AuditEntry.objects.get(action=AuditEntry.Action.SUBMISSION_STATUS)
    assert entry.data == {"status": ["new", "in_progress"]} and entry.actor == newsroom.editor


def test_a_reporter_cannot_change_a_status_by_crafted_post(
    client: Client, newsroom: Any, submission: Submission
) -> None:
    signed_in(client, newsroom.reporter).post(
        f"/newsroom/submissions/{submission.pk}/status", {"status": "discarded"}
    )
    submission.refresh_from_db()
    assert submission.status == Submission.Status.NEW


def test_a_submission_becomes_a_draft_with_its_first_photo_and_no_source_named(
    client: Client, newsroom: Any, submission: Submission
) -> None:
    response = signed_in(client, newsroom.editor).post(
        f"/newsroom/submissions/{submission.pk}/draft"
    )
    article = Article.objects.get()
    assert response["Location"] == f"/newsroom/articles/{article.pk}/"
    assert article.status == Article.Status.DRAFT and article.author == newsroom.editor
    assert article.headline == "حريق في السوق" and article.headline_needs_review
    assert "<p>شاهدت النار عند الظهر.</p>" in article.body
    assert "سامي" not in article.body and "912" not in article.body
    # Into the media library, described by the draft's headline until an editor does better.
    assert article.photo and (article.photo.width, article.photo.height) == (40, 20)
    assert article.photo.alt == "حريق في السوق"
    with Image.open(io.BytesIO(photo_original(photo=article.photo))) as image:
        assert not image.getexif()
    submission.refresh_from_db()
    assert submission.status == Submission.Status.USED and submission.article == article
    assert AuditEntry.objects.filter(action=AuditEntry.Action.SUBMISSION_DRAFT).exists()
