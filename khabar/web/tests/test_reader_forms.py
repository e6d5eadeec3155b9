"""Comments and submissions share the readers' form plumbing (khabar.core.readers), each
with its own salt and purpose: one app's token or hash means nothing to the other."""

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


def test_the_apps_hashes_of_one_address_cannot_be_linked() -> None:
    now = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    comment = comment_clients.client_from_address("203.0.113.9", now=now).client_hash
    submission = submission_clients.client_hash("203.0.113.9", now=now)
    assert comment != submission
    assert submission == submission_clients.client_hash("203.0.113.9", now=now)
