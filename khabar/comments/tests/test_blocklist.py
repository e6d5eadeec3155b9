"""Blocked words match whole words through the text normaliser, whatever the spelling."""

from __future__ import annotations

import pytest

from khabar.comments import services, spam
from khabar.comments.tests.conftest import Post
from khabar.core.actors import System

pytestmark = pytest.mark.django_db

BLOCKER = System("tests")

# (blocked word, comment text, whether it is a hit)
CASES = [
    ("كلب", "أنت كلب", True),
    ("كلب", "أنت كَلْبٌ", True),  # harakat
    ("كلب", "أنت كـــلب", True),  # tatweel
    ("كلب", "أنت ک\u200cل\u200cب", True),  # ZWNJ between the letters, Persian kaf
    ("كلب", "أنت \ufedb\ufee0\ufe8f", True),  # presentation forms (ﻛﻠﺐ)
    ("كلب", "أنت كلب!", True),  # punctuation is not part of a word
    ("كلب", "الكلبة تنبح", False),  # inside a longer word
    ("كلب", "كلبي", False),
    ("سيء", "رجل سیء جدا", True),  # Persian yeh for Arabic yeh
    ("احمق", "يا أحمق", True),  # alef with hamza
    ("ديوانه", "دیوانة", True),  # teh marbuta, Persian yeh
    ("خر", "خرما خوشمزه است", False),  # a Persian word that starts with it
    ("خر", "تو خری", False),
    ("spam", "Buy SPAM now", True),
    ("spam", "spammer", False),
    ("کلاه برداری", "این کلاه‌برداری است", False),  # a phrase is its words, in order
    ("کلاه برداری", "این کلاه  بَرداری است", True),
    ("کلاه برداری", "برداری کلاه", False),
]


@pytest.mark.parametrize(("word", "text", "hit"), CASES)
def test_blocked_words_match_whole_words_through_the_normaliser(
    post: Post, word: str, text: str, hit: bool
) -> None:
    services.blocked_word_add(actor=BLOCKER, word=word)
    if hit:
        with pytest.raises(services.CommentRefused) as refusal:
            post(body=text)
        assert refusal.value.reason == spam.BLOCKED_WORD
    else:
        assert post(body=text).created


def test_a_blocked_word_in_the_name_is_refused_too(post: Post) -> None:
    services.blocked_word_add(actor=BLOCKER, word="casino")
    with pytest.raises(services.CommentRefused):
        post(name="Best CASINO")


def test_a_blocked_word_typed_with_harakat_is_stored_by_its_key(post: Post) -> None:
    blocked = services.blocked_word_add(actor=BLOCKER, word="  كَلْب ")
    assert (blocked.word, blocked.key) == ("كَلْب", "کلب")
    with pytest.raises(services.CommentRefused):
        post(body="كلب")
