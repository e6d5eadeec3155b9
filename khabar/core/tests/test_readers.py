"""The plumbing of readers' forms, shared by comments and submissions (see also
khabar/web/tests/test_reader_forms.py, where both apps meet)."""

from __future__ import annotations

import time

import pytest

from khabar.core import readers


@pytest.mark.parametrize("value", ["", "forged", "a:b:c"])
def test_a_missing_or_forged_token_is_refused(value: str) -> None:
    with pytest.raises(readers.FormTokenRefused):
        readers.form_token_age(value, salt="x", subject_id=1, max_age=10)


def test_a_token_older_than_its_form_may_be_is_expired() -> None:
    old = readers.form_token_issue(salt="x", subject_id=1, now=time.time() - 11)
    with pytest.raises(readers.FormTokenExpired):
        readers.form_token_age(old, salt="x", subject_id=1, max_age=10)


def test_text_is_cleaned_of_nul_and_spoofing_and_names_are_one_line() -> None:
    assert readers.reader_text_clean(" a\x00b\u202e ") == "ab"
    assert readers.reader_name_clean(" سامی \n  رضایی ") == "سامی رضایی"
    assert readers.reader_text_clean("می\u200cخواهم") == "می\u200cخواهم"  # ZWNJ stays
    assert readers.reader_name_error("x" * 81, limit=80) is not None
    assert readers.reader_name_error("x" * 80, limit=80) is None
