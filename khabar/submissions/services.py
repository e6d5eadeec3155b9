"""Every write to submissions goes through these functions."""

from __future__ import annotations

import datetime
import functools
import hashlib
import hmac
import logging
import re
import secrets
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from khabar.articles.models import Article
from khabar.articles.services import article_create, article_set_photo
from khabar.audit.models import AuditEntry
from khabar.audit.services import audit_record
from khabar.core.actors import Actor, System, actor_user
from khabar.core.counters import window_count
from khabar.core.readers import reader_name_clean, reader_name_error, reader_text_clean
from khabar.editions.models import Edition
from khabar.photos.services import photo_create
from khabar.submissions import contents, limits, permissions
from khabar.submissions.models import Submission, SubmissionFile
from khabar.submissions.storage import private_storage
from khabar.text import excerpt, to_latin_digits

log = logging.getLogger(__name__)

# Who deletes submissions past their edition's retention period.
RETENTION = System("retention")
HONEYPOT = "honeypot"
TOO_FAST = "too_fast"
RATE = "rate"
_PHONE = re.compile(r"\+?[0-9 ()./-]+")
HEADLINE_MAX = 120


class SubmissionRefused(Exception):
    """Kept out as abuse. `reason` is for logs and tests only: the sender is told the same
    thing whatever it was, so a bot learns nothing of which rule to get round."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason

    @property
    def message(self) -> str:
        return _(
            "Your submission could not be accepted. Wait a while and try again, or write "
            "to the newsroom's email address."
        )


@dataclass(frozen=True, slots=True)
class Received:
    submission: Submission
    created: bool  # False: the same form was already stored (double click, reload)


def contact_clean(value: str) -> str:
    """An email address, or a phone number with ASCII digits; ValueError for neither.

    Loose on purpose: a phone is digits with the usual separators (any digit script, an
    optional +), as many digits as real numbers have; an email is whatever Django accepts.
    """
    value = to_latin_digits(value)
    if "@" in value:
        if len(value) > limits.CONTACT_MAX:
            raise ValueError("too long")
        try:
            validate_email(value)
        except ValidationError:
            raise ValueError("not an email") from None
        return value
    digits = sum(character.isdigit() for character in value)
    if not _PHONE.fullmatch(value) or not (
        limits.PHONE_DIGITS_MIN <= digits <= limits.PHONE_DIGITS_MAX
    ):
        raise ValueError("not a phone")
    return value


def submission_fields_clean(*, name: str, contact: str, text: str) -> tuple[str, str, str]:
    """The fields as stored; ValidationError per field, saying what to change."""
    errors: dict[str, ValidationError] = {}
    name = reader_name_clean(name)
    contact = reader_name_clean(contact)
    text = reader_text_clean(text)
    if not text:
        errors["text"] = ValidationError(_("Write what you are sending us."))
    elif len(text) > limits.TEXT_MAX:
        errors["text"] = ValidationError(
            _("The text is at most %(limit)s characters long; this one has %(count)s."),
            params={"limit": limits.TEXT_MAX, "count": len(text)},
        )
    if name_error := reader_name_error(name, limit=limits.NAME_MAX):
        errors["name"] = name_error
    if contact:
        try:
            contact = contact_clean(contact)
        except ValueError:
            errors["contact"] = ValidationError(
                _(
                    "Write an email address (name@example.com) or a phone number "
                    "(+98 912 345 6789), or leave it empty."
                )
            )
    if errors:
        raise ValidationError(errors)
    return name, contact, text


def _files_check(files: Sequence[File]) -> None:
    """Refuse too many files or too many bytes, before any is read."""
    if len(files) > settings.SUBMISSIONS_FILES_MAX:
        raise ValidationError(
            {
                "files": _("Send at most %(limit)s files at once; you chose %(count)s.")
                % {"limit": settings.SUBMISSIONS_FILES_MAX, "count": len(files)}
            }
        )
    if sum(upload.size or 0 for upload in files) > settings.SUBMISSIONS_TOTAL_BYTES_MAX:
        raise ValidationError(
            {
                "files": _("All files together may be at most %(limit)s.")
                % {"limit": filesizeformat(settings.SUBMISSIONS_TOTAL_BYTES_MAX)}
            }
        )


def _files_prepare(files: Sequence[File]) -> list[contents.Prepared]:
    prepared: list[contents.Prepared] = []
    errors: list[ValidationError] = []
    for upload in files:
        try:
            prepared.append(
                contents.file_prepare(
                    upload,
                    max_bytes=settings.SUBMISSIONS_FILE_BYTES_MAX,
                    accept_video=settings.SUBMISSIONS_ACCEPT_VIDEO,
                    accept_pdf=settings.SUBMISSIONS_ACCEPT_PDF,
                )
            )
        except ValidationError as error:
            errors.append(error)
    if errors:
        raise ValidationError({"files": errors})
    return prepared


def rate_exceeded(client_hash: str, *, now: float) -> bool:
    """Count this attempt in the hour; True once the hour holds more than the limit.

    Counted in Django's cache, so in Redis shared by every app process when there is one.
    An hour the cache cannot count (Redis unreachable) does not refuse: the newsroom reviews
    every submission anyway.
    """
    count = window_count(f"submissions:rate:{int(now // 3600)}:{client_hash}", 3600)
    return count is not None and count > settings.SUBMISSIONS_RATE_PER_HOUR


def _key(*parts: object) -> str:
    message = "\x1f".join(str(part) for part in parts).encode()
    secret = f"khabar.submissions.key:{settings.SECRET_KEY}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


def _reference_allocate() -> int:
    while True:
        reference = 10_000_000 + secrets.randbelow(90_000_000)  # eight digits
        if not Submission.objects.filter(reference=reference).exists():
            return reference


def submission_create(
    *,
    edition: Edition,
    client_hash: str,
    name: str,
    contact: str,
    text: str,
    files: Sequence[File] = (),
    form_age: float,
    form_token: str = "",
    honeypot: str = "",
) -> Received:
    """Take a reader's submission, with its files, into the edition's inbox, once.

    Everything is checked before anything is written; files are written into the private
    storage inside the transaction and removed again if it does not commit, so when this
    returns, the submission and all its files are stored. The same form sent again (the
    same token, fields and files) finds the first one. Raises ValidationError for fields
    and files to correct (each file's message names it), or SubmissionRefused.
    """
    name, contact, text = submission_fields_clean(name=name, contact=contact, text=text)
    _files_check(files)
    reason = _abuse_reason(client_hash=client_hash, form_age=form_age, honeypot=honeypot)
    if reason is not None:
        log.info("submission refused for edition %s: %s", edition.code, reason)
        raise SubmissionRefused(reason)
    prepared = _files_prepare(files)
    submission_key = _key(
        edition.pk, form_token, name, contact, text, *(item.sha256 for item in prepared)
    )
    existing = Submission.objects.filter(submission_key=submission_key).first()
    if existing is not None:
        return Received(existing, created=False)
    storage = private_storage()
    written: list[str] = []
    now = timezone.now()
    try:
        with transaction.atomic():
            submission = Submission.objects.create(
                edition=edition,
                reference=_reference_allocate(),
                name=name,
                contact=contact,
                text=text,
                client_hash=client_hash,
                submission_key=submission_key,
                created_at=now,
                updated_at=now,
            )
            for position, item in enumerate(prepared):
                stored = storage.save(
                    f"{now:%Y/%m}/{uuid.uuid4().hex}{item.extension}", item.content
                )
                written.append(stored)
                SubmissionFile.objects.create(
                    submission=submission,
                    position=position,
                    stored_name=stored,
                    display_name=item.display_name,
                    kind=item.kind,
                    content_type=item.content_type,
                    size=item.size,
                    sha256=item.sha256,
                    width=item.width,
                    height=item.height,
                )
    except BaseException as error:
        for stored in written:
            storage.delete(stored)
        if isinstance(error, IntegrityError):
            # The same form, sent at the same instant, committed first.
            found = Submission.objects.filter(submission_key=submission_key).first()
            if found is not None:
                return Received(found, created=False)
        raise
    return Received(submission, created=True)


def _abuse_reason(*, client_hash: str, form_age: float, honeypot: str) -> str | None:
    # Before any file is decoded: a bot costs no more than these checks.
    if honeypot.strip():
        return HONEYPOT
    if form_age < limits.FILL_SECONDS_MIN:
        return TOO_FAST
    if rate_exceeded(client_hash, now=time.time()):
        return RATE
    return None


# --- The newsroom --------------------------------------------------------------------------


@transaction.atomic
def submission_set_status(*, actor: Actor, submission: Submission, status: str) -> Submission:
    """Mark a submission new, in progress, used or discarded; the editor is recorded."""
    permissions.require_handle(actor, edition_id=submission.edition_id)
    if status not in Submission.Status.values:
        raise ValidationError(_("Choose one of the statuses."))
    if status == submission.status:
        return submission
    before = submission.status
    submission.status = status
    submission.handled_by = actor_user(actor)
    submission.updated_at = timezone.now()
    submission.save(update_fields=["status", "handled_by", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditEntry.Action.SUBMISSION_STATUS,
        target=submission,
        edition_code=submission.edition.code,
        data={"status": [before, status]},
    )
    return submission


def _paragraphs_html(text: str) -> str:
    paragraphs = [" ".join(part.split()) for part in re.split(r"\n\s*\n|\n", text)]
    return "".join(f"<p>{escape(part)}</p>" for part in paragraphs if part)


@transaction.atomic
def submission_make_draft(*, actor: Actor, submission: Submission) -> Article:
    """A draft article from the submission: its text as the body, its first photo as the
    article's photo; the submission is marked used and linked to the draft.

    The headline is the text's first line, flagged for review. The sender's name and
    contact stay in the submission: a source is never named by the draft itself.
    """
    permissions.require_handle(actor, edition_id=submission.edition_id)
    first_line = submission.text.strip().splitlines()[0]
    article = article_create(
        actor=actor,
        edition=submission.edition,
        headline=excerpt(first_line, max_chars=HEADLINE_MAX),
        headline_needs_review=True,
        body=_paragraphs_html(submission.text),
    )
    photo = submission.files.filter(kind=SubmissionFile.Kind.PHOTO).first()
    if photo is not None:
        with private_storage().open(photo.stored_name) as stored:
            data = stored.read()
        # Into the media library; its alt text is the draft's headline until an editor
        # describes it (what the old main photo took when it had no caption).
        library_photo = photo_create(actor=actor, data=data, alt=article.headline)
        article = article_set_photo(actor=actor, article=article, photo=library_photo)
    submission.article = article
    submission.status = Submission.Status.USED
    submission.handled_by = actor_user(actor)
    submission.updated_at = timezone.now()
    submission.save(update_fields=["article", "status", "handled_by", "updated_at"])
    audit_record(
        actor=actor,
        action=AuditEntry.Action.SUBMISSION_DRAFT,
        target=submission,
        edition_code=submission.edition.code,
        data={"article": article.pk, "code": article.code},
    )
    return article


# --- Retention -----------------------------------------------------------------------------


def submissions_purge(*, now: datetime.datetime | None = None) -> int:
    """Delete the submissions older than their edition's retention period, files included,
    each deletion in the audit log. Returns how many were deleted.

    Files are removed once the rows' deletion has committed: a crash in between leaves an
    orphan file to delete next time by hand, never a row whose file is gone.
    """
    now = now or timezone.now()
    deleted = 0
    for edition in Edition.objects.all():
        cutoff = now - datetime.timedelta(days=edition.submissions_keep_days)
        expired = Submission.objects.filter(edition=edition, created_at__lt=cutoff)
        for submission in expired.prefetch_related("files").iterator(chunk_size=100):
            with transaction.atomic():
                _submission_delete(submission=submission, edition=edition)
            deleted += 1
    return deleted


def _submission_delete(*, submission: Submission, edition: Edition) -> None:
    names = [file.stored_name for file in submission.files.all()]
    audit_record(
        actor=RETENTION,
        action=AuditEntry.Action.SUBMISSION_DELETE,
        target=submission,
        edition_code=edition.code,
        data={"received": submission.created_at.isoformat(), "files": len(names)},
    )
    submission.delete()
    transaction.on_commit(functools.partial(_files_delete, names))


def _files_delete(names: list[str]) -> None:
    storage = private_storage()
    for name in names:
        storage.delete(name)
