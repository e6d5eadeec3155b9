"""A reader's submission as `submission_create` takes it: every bad input a test."""

from __future__ import annotations

import io
import logging
import time
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from PIL import Image

from khabar.core.tests.redis_switch import RedisSwitch
from khabar.submissions import services
from khabar.submissions.models import Submission, SubmissionFile
from khabar.submissions.storage import private_storage
from khabar.submissions.tests.conftest import (
    BODY_SERIAL,
    GPS_IFD,
    Send,
    jpeg_with_gps,
    png,
    png_claiming,
    upload,
)

pytestmark = pytest.mark.django_db


def stored_bytes(file: SubmissionFile) -> bytes:
    with private_storage().open(file.stored_name) as stored:
        return stored.read()


def field_errors(error: pytest.ExceptionInfo[ValidationError], field: str) -> list[str]:
    return error.value.message_dict[field]


def test_a_submission_is_stored_with_its_files_and_a_reference(send: Send) -> None:
    received = send(files=[upload("a.jpg", jpeg_with_gps()), upload("b.png", png())])
    submission = received.submission
    assert received.created
    assert 10_000_000 <= submission.reference < 100_000_000
    assert submission.status == Submission.Status.NEW
    assert [f.content_type for f in submission.files.all()] == ["image/jpeg", "image/png"]
    for file in submission.files.all():
        assert file.size == len(stored_bytes(file))
        assert len(file.sha256) == 64


@pytest.mark.parametrize("field", ["name", "text"])
def test_script_and_html_are_kept_as_plain_text_never_markup(send: Send, field: str) -> None:
    payload = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    submission = send(**{field: payload}).submission
    assert getattr(submission, field) == payload  # stored as typed; escaped wherever shown


def test_script_in_the_contact_is_not_a_contact(send: Send) -> None:
    with pytest.raises(ValidationError) as error:
        send(contact="<script>alert(1)</script>")
    assert field_errors(error, "contact")


def test_text_of_only_whitespace_is_refused(send: Send) -> None:
    with pytest.raises(ValidationError) as error:
        send(text=" \n\t\u200f ")
    assert field_errors(error, "text") == ["Write what you are sending us."]


@pytest.mark.parametrize("contact", ["sami@", "12", "call me", "+98 912 345 67 89 00 11 22"])
def test_an_invalid_contact_is_refused_saying_what_to_write(send: Send, contact: str) -> None:
    with pytest.raises(ValidationError) as error:
        send(contact=contact)
    assert "email address" in field_errors(error, "contact")[0]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("sami@example.com", "sami@example.com"),
        ("+۹۸ ۹۱۲ ۳۴۵ ۶۷۸۹", "+98 912 345 6789"),
        ("(021) 8888-1234", "(021) 8888-1234"),
        ("", ""),
    ],
)
def test_an_email_or_a_phone_in_any_digits_is_a_contact(
    send: Send, typed: str, stored: str
) -> None:
    assert send(contact=typed).submission.contact == stored


def test_nul_bytes_and_bidi_overrides_are_removed(send: Send) -> None:
    submission = send(name="سا\x00مي\u202e", text="خبر\x00 عاجل").submission
    assert submission.name == "سامي"
    assert submission.text == "خبر عاجل"


def test_text_longer_than_the_limit_is_refused(send: Send) -> None:
    with pytest.raises(ValidationError) as error:
        send(text="ا" * 10_001)
    assert "10000" in field_errors(error, "text")[0]


def test_an_empty_file_is_refused_by_name(send: Send) -> None:
    with pytest.raises(ValidationError) as error:
        send(files=[upload("empty.jpg", b"")])
    assert field_errors(error, "files") == ["“empty.jpg”: the file is empty."]
    assert not Submission.objects.exists()


def test_a_path_in_a_file_name_is_kept_as_its_last_part_and_never_used_to_store(
    send: Send, private_root: Path
) -> None:
    file = upload("x.jpg", jpeg_with_gps())
    file.name = "../../etc/passwd"  # past Django's own basename, as a crafted caller could
    stored = send(files=[file]).submission.files.get()
    assert stored.display_name == "passwd"
    assert ".." not in stored.stored_name and "passwd" not in stored.stored_name
    assert (private_root / stored.stored_name).resolve().is_relative_to(private_root.resolve())


def test_a_jpg_that_is_html_is_refused_whatever_its_name_and_declared_type(send: Send) -> None:
    html = b"<!doctype html><html><script>alert(1)</script></html>"
    with pytest.raises(ValidationError) as error:
        send(files=[upload("photo.jpg", html, "image/jpeg")])
    message = field_errors(error, "files")[0]
    assert message.startswith("“photo.jpg”: this kind of file is not accepted")


def test_an_svg_with_script_is_refused(send: Send) -> None:
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    with pytest.raises(ValidationError) as error:
        send(files=[upload("logo.svg", svg, "image/svg+xml")])
    assert field_errors(error, "files")[0].startswith("“logo.svg”: this kind of file")


# Past twice Pillow's limit (its error), past the limit (its warning, made an error), past ours.
@pytest.mark.parametrize("size", [(30_000, 30_000), (10_000, 10_000), (10_000, 7_000)])
def test_a_png_claiming_huge_dimensions_is_refused_without_decoding(
    send: Send, size: tuple[int, int]
) -> None:
    bomb = png_claiming(*size)
    assert len(bomb) < 200
    with pytest.raises(ValidationError) as error:
        send(files=[upload("bomb.png", bomb, "image/png")])
    assert field_errors(error, "files") == [
        "“bomb.png”: the photo has more than 60 million pixels."
    ]


def test_a_truncated_photo_is_refused_as_damaged(send: Send) -> None:
    with pytest.raises(ValidationError) as error:
        send(files=[upload("cut.jpg", jpeg_with_gps()[:300])])
    assert "damaged" in field_errors(error, "files")[0]


def test_photos_lose_gps_serial_numbers_and_comments_and_stay_upright(send: Send) -> None:
    original = jpeg_with_gps(size=(40, 20), orientation=6)  # to be turned a quarter
    with Image.open(io.BytesIO(original)) as image:
        assert image.getexif().get_ifd(GPS_IFD)
    file = send(files=[upload("gps.jpg", original)]).submission.files.get()
    data = stored_bytes(file)
    with Image.open(io.BytesIO(data)) as image:
        assert not image.getexif()
        assert "exif" not in image.info and "comment" not in image.info
        assert not any(
            (isinstance(key, str) and key.startswith("xmp")) or key == "icc_profile"
            for key in image.info
        )
        assert image.size == (20, 40)
    assert b"SN-123456" not in data and b"Sami" not in data and b"Exif" not in data
    assert (file.width, file.height) == (20, 40)
    assert BODY_SERIAL  # the tag written by jpeg_with_gps, gone above


def test_too_many_files_are_refused_before_any_is_read(send: Send, settings: Any) -> None:
    settings.SUBMISSIONS_FILES_MAX = 2
    with pytest.raises(ValidationError) as error:
        send(files=[upload(f"{n}.png", png()) for n in range(3)])
    assert field_errors(error, "files") == ["Send at most 2 files at once; you chose 3."]


def test_a_file_over_the_size_limit_is_refused_by_name(send: Send, settings: Any) -> None:
    settings.SUBMISSIONS_FILE_BYTES_MAX = 100
    with pytest.raises(ValidationError) as error:
        send(files=[upload("big.jpg", jpeg_with_gps())])
    assert field_errors(error, "files")[0].startswith("“big.jpg”: the file is larger than")


def test_files_over_the_total_limit_are_refused(send: Send, settings: Any) -> None:
    settings.SUBMISSIONS_TOTAL_BYTES_MAX = len(png()) + 10
    with pytest.raises(ValidationError) as error:
        send(files=[upload("a.png", png()), upload("b.png", png())])
    assert field_errors(error, "files")[0].startswith("All files together may be at most")


def test_every_bad_file_is_named_at_once(send: Send) -> None:
    with pytest.raises(ValidationError) as error:
        send(files=[upload("a.jpg", b""), upload("b.png", png()), upload("c.txt", b"hello")])
    messages = field_errors(error, "files")
    assert [message.split("”")[0] for message in messages] == ["“a.jpg", "“c.txt"]


def test_mp4_and_pdf_are_refused_unless_a_setting_allows_them(send: Send, settings: Any) -> None:
    mp4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 100
    pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
    with pytest.raises(ValidationError):
        send(files=[upload("v.mp4", mp4, "video/mp4")])
    with pytest.raises(ValidationError):
        send(files=[upload("d.pdf", pdf, "application/pdf")])
    settings.SUBMISSIONS_ACCEPT_VIDEO = settings.SUBMISSIONS_ACCEPT_PDF = True
    files = send(
        files=[upload("v.mp4", mp4, "video/mp4"), upload("d.pdf", pdf, "application/pdf")]
    ).submission.files.all()
    assert [(f.kind, f.content_type) for f in files] == [
        ("video", "video/mp4"),
        ("pdf", "application/pdf"),
    ]
    assert stored_bytes(files[0]) == mp4


def test_the_honeypot_the_too_fast_form_and_the_rate_limit_keep_abuse_out(
    send: Send, settings: Any
) -> None:
    with pytest.raises(services.SubmissionRefused) as refused:
        send(honeypot="http://spam.example")
    assert refused.value.reason == services.HONEYPOT
    with pytest.raises(services.SubmissionRefused) as refused:
        send(form_age=1.0)
    assert refused.value.reason == services.TOO_FAST
    settings.SUBMISSIONS_RATE_PER_HOUR = 2
    send(client_hash="b" * 64, text="one")
    send(client_hash="b" * 64, text="two")
    with pytest.raises(services.SubmissionRefused) as refused:
        send(client_hash="b" * 64, text="three")
    assert refused.value.reason == services.RATE
    assert Submission.objects.count() == 2


def test_the_same_form_sent_twice_is_stored_once(send: Send) -> None:
    first = send(form_token="t1", files=[upload("a.png", png())])
    again = send(form_token="t1", files=[upload("a.png", png())])
    assert not again.created and again.submission == first.submission
    assert Submission.objects.count() == 1 and SubmissionFile.objects.count() == 1


def test_files_written_before_a_failed_commit_are_removed(
    send: Send, private_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(**kwargs: Any) -> None:
        raise RuntimeError("the database went away")

    monkeypatch.setattr(SubmissionFile.objects, "create", fail)
    with pytest.raises(RuntimeError), transaction.atomic():
        send(files=[upload("a.png", png())])
    assert not Submission.objects.exists()
    assert not [path for path in private_root.rglob("*") if path.is_file()]


def test_submissions_are_received_while_the_cache_that_counts_them_is_down(
    send: Send, settings: Any, redis_switch: RedisSwitch, caplog: pytest.LogCaptureFixture
) -> None:
    # Uncounted rather than lost: the newsroom reviews every submission anyway.
    settings.SUBMISSIONS_RATE_PER_HOUR = 1
    redis_switch.set("refusing")
    with caplog.at_level(logging.WARNING, logger="khabar.core.counters"):
        send(client_hash="c" * 64, text="one")
        send(client_hash="c" * 64, text="two")
    assert "the cache is unreachable" in caplog.text
    assert Submission.objects.count() == 2
    redis_switch.set("up")
    time.sleep(settings.REDIS_RETRY_SECONDS)  # asked again only after the pause
    send(client_hash="d" * 64, text="three")
    with pytest.raises(services.SubmissionRefused) as refused:
        send(client_hash="d" * 64, text="four")
    assert refused.value.reason == services.RATE
