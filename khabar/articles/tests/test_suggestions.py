"""Keyword suggestions from an article's text: names first, each with its reason; never stop
words, pronoun-suffixed or inflected forms."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.utils import translation

from khabar.articles.models import Keyword, keyword_key
from khabar.articles.suggestions import (
    MAX_TEXT_NAMES,
    NAMED,
    Reason,
    _ranked,
    keyword_suggestions,
    text_names,
)
from khabar.editions.models import Edition
from khabar.text.normalize import normalize

SAMPLE = Path("/work/shared/samples/000_5cd371ff56f14329.txt")
SAMPLE_LEAD = (
    "أكد امين المجلس الاعلى للامن القومي الايراني علي شمخاني، أنه لا ينبغي ان تتحول الهدنة "
    "في سوريا الى فرصة لإعادة ترميم صفوف التنظيمات الارهابية وتمويلها وتجهيزها لمواصلة "
    "جرائمها. وقال الارهابيين وبعد تكبدهم هزائم ميدانية من اجل زيادة معنويات عناصرهم "
    "وتجهيزهم، ولدى لقائه مع اللواء علي مملوك اليوم في دمشق، بحث علي شمخاني مع اللواء علي "
    "مملوك تحرير مدينة حلب. وكان شمخاني وصل الى دمشق. وحدة تراب سوريا. محاربة الارهاب "
    "في سوريا ومدينة حلب."
)


def names(edition: Edition, headline: str, lead: str = "", body: str = "") -> list[str]:
    found = keyword_suggestions(edition=edition, headline=headline, lead=lead, body=body)
    return [s.name for s in found]


def test_people_and_places_of_the_sample_come_first(edition_ar: Edition) -> None:
    top = names(edition_ar, "شمخاني يلتقي مملوك في دمشق", SAMPLE_LEAD)[:5]
    assert {"علي شمخاني", "علي مملوك", "سوريا", "دمشق"} <= set(top)


def test_no_pronoun_suffixed_or_stop_word_is_suggested(edition_ar: Edition) -> None:
    keys = {normalize(name) for name in names(edition_ar, "تجهيزهمْ وتجهيزهم", SAMPLE_LEAD)}
    for word in ("تجهيزهم", "تجهيزها", "عناصرهم", "تكبدهم", "جرائمها", "في", "الى", "على"):
        assert normalize(word) not in keys
    assert not {k for k in keys if any(w in {"في", "الی", "ان"} for w in k.split())}


def test_the_sample_page_never_suggests_its_own_bad_keyword(edition_ar: Edition) -> None:
    if not SAMPLE.exists():
        pytest.skip("the shared sample pages are not on this machine")
    lines = SAMPLE.read_text().splitlines()
    found = names(edition_ar, "شمخاني يلتقي مملوك في دمشق", lines[2], "\n".join(lines[3:12]))
    assert "تجهيزهم" not in found and "تجهيزها" not in found
    assert {"علي شمخاني", "علي مملوك", "سوريا"} <= set(found[:5])


def test_persian_plural_and_pronoun_suffixes_are_not_suggested(edition_fa: Edition) -> None:
    text = "کتاب‌هایشان را بردند. کتاب‌هایشان گم شد. خانه‌اش در تهران است. خانه‌اش در تهران."
    found = {normalize(n) for n in names(edition_fa, "خبر", text)}
    assert normalize("کتاب‌هایشان") not in found and normalize("خانه‌اش") not in found
    assert "تهران" in found


def test_an_existing_keyword_found_in_the_text_says_so(edition_ar: Edition) -> None:
    Keyword.objects.create(edition=edition_ar, name="الهدنة", key=keyword_key("الهدنة"), uses=7)
    found = keyword_suggestions(edition=edition_ar, headline="خبر", lead=SAMPLE_LEAD)
    known = [s for s in found if s.reason == Reason.KNOWN]
    assert [s.name for s in known] == ["الهدنة"]
    with translation.override("en"):
        assert known[0].reason_text == "already a keyword, on 7 articles"
    with translation.override("fa"):
        assert known[0].reason_text == "کلیدواژه‌ای موجود، روی 7 مقاله"


def test_keywords_the_article_has_are_not_suggested_again(edition_ar: Edition) -> None:
    found = keyword_suggestions(
        edition=edition_ar, headline="خبر", lead=SAMPLE_LEAD, exclude=["سوریا"]
    )
    assert "سوريا" not in [s.name for s in found]
    found = keyword_suggestions(
        edition=edition_ar, headline="خبر", lead=SAMPLE_LEAD, exclude=["علی مملوک"]
    )
    assert not {"علي مملوك", "مملوك"} & {s.name for s in found}


def test_english_names_are_capitalised_phrases(edition_en: Edition) -> None:
    text = (
        "President Emmanuel Macron met Olaf Scholz in Berlin. Emmanuel Macron said the "
        "European Union must act. The European Union agreed. Olaf Scholz said they met."
    )
    found = names(edition_en, "Macron meets Scholz", text)
    assert {"Emmanuel Macron", "Olaf Scholz", "European Union"} <= set(found[:4])
    assert "The" not in found and "The European Union" not in found


def test_a_name_of_other_published_articles_is_suggested_with_their_number(
    edition_fa: Edition,
) -> None:
    centre = normalize("مرکز لرزه‌نگاری کشوری")
    asked: list[list[str]] = []

    def archive(keys: list[str]) -> dict[str, int]:
        asked.append(keys)
        return {centre: 4}

    lead = "به گزارش مرکز لرزه‌نگاری کشوری، زلزله خوی را لرزاند. زلزله در خوی بود."
    found = keyword_suggestions(edition=edition_fa, headline="زلزله", lead=lead, archive=archive)
    archived = [s for s in found if s.reason == Reason.ARCHIVE]
    assert [s.name for s in archived] == ["مرکز لرزه‌نگاری کشوری"]  # met once in the text
    with translation.override("en"):
        assert archived[0].reason_text == "a name that recurs in the archive, in 4 other articles"
    assert len(asked) == 1  # one question for all the phrases


def test_the_longest_recurring_phrase_is_suggested_rather_than_its_parts(
    edition_ar: Edition,
) -> None:
    lead = (
        "قالت الوكالة الوطنية للإعلام إن الغارات استهدفت الخيام. "
        "وأضافت الوكالة الوطنية للإعلام أن الخيام تعرضت لقصف."
    )
    found = names(edition_ar, "غارات على الخيام", lead)
    assert "الوكالة الوطنية للإعلام" in found
    assert "الوكالة الوطنية" not in found and "الوطنية للإعلام" not in found


def test_an_organisation_ranks_with_people_and_before_words_that_merely_recur(
    edition_fa: Edition,
) -> None:
    lead = (
        "سازمان هواشناسی هشدار داد. باران در چابهار بارید و باران ادامه دارد. "
        "سازمان هواشناسی گفت باران فردا کم می‌شود."
    )
    found = keyword_suggestions(edition=edition_fa, headline="سیل", lead=lead)
    assert found[0].name == "سازمان هواشناسی" and found[0].reason == Reason.ORGANISATION


def test_persian_given_names_do_not_make_arabic_words_a_person(edition_ar: Edition) -> None:
    # `أكبر` (greatest) and `أمير` (emir) are Persian given names, not Arabic ones.
    lead = "افتتحت تونس أكبر محطة للطاقة. وقال أمير الكويت إن أكبر محطة تعمل."
    found = keyword_suggestions(edition=edition_ar, headline="تونس", lead=lead)
    assert not [s.name for s in found if s.reason == Reason.PERSON]


def test_a_verbal_noun_opens_an_action_not_a_name(edition_ar: Edition) -> None:
    lead = "أعلن مجلس الأمة تشكيل حكومة. وقال مجلس الأمة إن تشكيل حكومة قريب."
    found = keyword_suggestions(edition=edition_ar, headline="الكويت", lead=lead)
    reasons = {s.name: s.reason for s in found}
    assert reasons["مجلس الأمة"] == Reason.ORGANISATION
    assert reasons.get("تشكيل حكومة", Reason.RECURRING) == Reason.RECURRING
    assert [s.name for s in found].index("مجلس الأمة") == 0


def test_a_word_that_opens_a_recurring_persian_name_is_not_suggested_before_it(
    edition_fa: Edition,
) -> None:
    lead = (
        "نمایشگاه کتاب تهران آغاز شد. در نمایشگاه ناشران بودند. به نمایشگاه رفتیم. "
        "نمایشگاه کتاب تهران تا جمعه باز است."
    )
    found = names(edition_fa, "نمایشگاه کتاب تهران آغاز شد", lead)
    assert found[0] == "نمایشگاه کتاب تهران"


def test_the_names_of_a_text_are_its_people_and_recurring_names() -> None:
    found = text_names(headline="شمخاني يلتقي مملوك في دمشق", lead=SAMPLE_LEAD, language="ar")
    assert {"علی شمخانی", "علی مملوک", "سوریا", "دمشق"} <= set(found)
    # Met once and no person: not a name of the text.
    assert "ترمیم صفوف" not in found and "الهدنه" not in found


def test_a_person_met_once_after_a_title_is_a_name_of_the_text() -> None:
    found = text_names(headline="خبر", lead="التقى الرئيس بشار الأسد بالوفد.", language="ar")
    assert "بشار الاسد" in found


def test_text_names_keeps_what_scoring_every_phrase_would() -> None:
    """Phrases that can never be names are left out before scoring (the index finds names
    in every article it holds); what remains is what scoring them all would keep."""
    texts = [
        ("شمخاني يلتقي مملوك في دمشق", SAMPLE_LEAD, ""),
        ("خبر", "التقى الرئيس بشار الأسد بالوفد. زار حسن روحاني دمشق.", ""),
    ]
    if SAMPLE.exists():
        lines = SAMPLE.read_text().splitlines()
        texts.append((lines[1], lines[2], "\n".join(lines[3:])))
    for headline, lead, body in texts:
        every = [
            " ".join(keys)
            for keys, c, score, reason in _ranked(headline, lead, body, "ar")
            if reason in NAMED and (c.count >= 2 or reason == Reason.PERSON) and score > 0
        ][:MAX_TEXT_NAMES]
        assert text_names(headline=headline, lead=lead, body=body, language="ar") == every
