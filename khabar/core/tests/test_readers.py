"""The plumbing of readers' forms, shared by comments and submissions."""

from __future__ import annotations

import datetime
import time

import pytest

from khabar.comments import clients as comment_clients
from khabar.comments import tokens as comment_tokens
from khabar.core import readers
from khabar.submissions import clients as submission_clients
from khabar.submissions import tokens as submission_tokens


def test_one_apps_form_token_is_refused_by_the_other_for_the_same_number() -> None:
    issued = time.time() - 60
    comment = comment_tokens.token_issue(article_id=7, now=issued)
    submission = submission_tokens.token_issue(edition_id=7, now=issued)
    assert comment_tokens.token_age(comment, article_id=7) == pytest.approx(60, abs=2)
    assert submission_tokens.token_age(submission, edition_id=7) == pytest.approx(60, abs=2)
    with pytest.raises(readers.FormTokenRefused):
        submission_tokens.token_age(comment, edition_id=7)
    with pytest.raises(readers.FormTokenRefused):
        comment_tokens.token_age(submission, article_id=7)


@pytest.mark.parametrize("value", ["", "forged", "a:b:c"])
def test_a_missing_or_forged_token_is_refused(value: str) -> None:
    with pytest.raises(readers.FormTokenRefused):
        readers.form_token_age(value, salt="x", subject_id=1, max_age=10)


def test_a_token_older_than_its_form_may_be_is_expired() -> None:
    old = readers.form_token_issue(salt="x", subject_id=1, now=time.time() - 11)
    with pytest.raises(readers.FormTokenExpired):
        readers.form_token_age(old, salt="x", subject_id=1, max_age=10)


def test_the_apps_hashes_of_one_address_cannot_be_linked() -> None:
    now = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    comment = comment_clients.client_from_address("203.0.113.9", now=now).client_hash
    submission = submission_clients.client_hash("203.0.113.9", now=now)
    assert comment != submission
    assert submission == submission_clients.client_hash("203.0.113.9", now=now)


def test_text_is_cleaned_of_nul_and_spoofing_and_names_are_one_line() -> None:
    assert readers.reader_text_clean(" a\x00b\u202e ") == "ab"
    assert readers.reader_name_clean(" سامی \n  رضایی ") == "سامی رضایی"
    assert readers.reader_text_clean("می\u200cخواهم") == "می\u200cخواهم"  # ZWNJ stays
    assert readers.reader_name_error("x" * 81, limit=80) is not None
    assert readers.reader_name_error("x" * 80, limit=80) is None
