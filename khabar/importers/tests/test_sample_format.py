from __future__ import annotations

import re
from pathlib import Path

import pytest

from khabar.articles import limits
from khabar.importers.sample_format import (
    HEADLINE_MAX_LENGTH,
    PageError,
    headline_from_lead,
    parse_page,
)
from khabar.text import to_digits

DATA = Path(__file__).parent / "data"
SAMPLE = (DATA / "sample_ar_14027.txt").read_text(encoding="utf-8")
PERSIAN = (DATA / "persian_12345.txt").read_text(encoding="utf-8")


def page(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def test_the_sample_page_reads_as_its_fields() -> None:
    parsed = parse_page(SAMPLE)

    assert parsed.code == 14027
    assert parsed.published_text == "۱۹ دی ۱۳۹۵ - ۱۸:۵۶"
    assert parsed.lead.startswith("أكد امين المجلس الاعلى")
    assert len(parsed.paragraphs) == 9
    assert parsed.paragraphs[-1].endswith("وأجرى معه محادثات بهذا الشأن.")
    assert parsed.keywords == ["شمخاني", "السورية", "تجهيزهم"]
    assert parsed.headline is None
    assert parsed.overline is None


def test_the_sample_page_furniture_is_not_article_text() -> None:
    parsed = parse_page(SAMPLE)
    text = "\n".join([parsed.lead, *parsed.paragraphs])

    for furniture in ("bultannews@gmail.com", "بإمكانكم", "رایکم", "الاسم", "نظر :"):
        assert furniture not in text


def test_a_persian_page_reads_its_persian_labels_and_drops_persian_furniture() -> None:
    parsed = parse_page(PERSIAN)

    assert parsed.code == 12345
    assert parsed.published_text == "۲۰ فروردین ۱۴۰۳ - ۰۹:۳۰"
    assert parsed.headline == "بارش برف در تهران و البرز"
    assert parsed.overline == "هواشناسی"
    assert parsed.lead.startswith("بارش برف سنگین")
    assert len(parsed.paragraphs) == 2
    assert parsed.keywords == ["تهران", "برف", "هواشناسی"]
    text = "\n".join([parsed.lead, *parsed.paragraphs])
    for furniture in ("news@example.com", "می‌توانید مطالب", "نظر شما", "نام:", "ایمیل"):
        assert furniture not in text


@pytest.mark.parametrize(
    "code_line",
    [
        "رمز الخبر: ۱۴۰۲۷",
        "رمز الخبر : 14027",
        "رمز الخبر:١٤٠٢٧",
        "کد خبر: ۱۴۰۲۷",
        "كد خبر: ۱۴۰۲۷",  # Arabic kaf
        "  کد  خبر  ：  14027  ",  # extra spaces, full-width colon
    ],
)
def test_the_code_label_is_read_in_any_spelling_and_digits(code_line: str) -> None:
    parsed = parse_page(page(code_line, "تاریخ انتشار: ۱۹ دی ۱۳۹۵", "متن خبر."))

    assert parsed.code == 14027


@pytest.mark.parametrize(
    "date_line",
    ["تأريخ النشر: ۱۹ دی ۱۳۹۵", "تاريخ النشر : ۱۹ دی ۱۳۹۵", "تاریخ انتشار:۱۹ دی ۱۳۹۵"],
)
def test_the_date_label_is_read_in_any_spelling(date_line: str) -> None:
    parsed = parse_page(page("رمز الخبر: 1", date_line, "متن خبر."))

    assert parsed.published_text == "۱۹ دی ۱۳۹۵"


@pytest.mark.parametrize(
    ("keywords_line", "expected"),
    [
        ("الكلمات الرئيسة: شمخاني ، السورية ، تجهيزهم", ["شمخاني", "السورية", "تجهيزهم"]),
        ("الکلمات الرئیسة : الف,ب", ["الف", "ب"]),
        ("کلمات کلیدی: تهران؛ برف", ["تهران", "برف"]),
        ("برچسب‌ها: تهران، برف", ["تهران", "برف"]),
        ("برچسب ها: تهران ،، برف ،", ["تهران", "برف"]),
        ("برچسب‌ها:", []),
    ],
)
def test_keyword_lists_split_on_any_comma_and_are_trimmed(
    keywords_line: str, expected: list[str]
) -> None:
    parsed = parse_page(page("رمز الخبر: 1", "تاریخ انتشار: ۱۹ دی ۱۳۹۵", "متن.", keywords_line))

    assert parsed.keywords == expected


def test_a_page_without_a_keywords_line_has_no_keywords() -> None:
    parsed = parse_page(page("رمز الخبر: 1", "تاریخ انتشار: ۱۹ دی ۱۳۹۵", "متن."))

    assert parsed.keywords == []


def test_a_bom_and_windows_line_ends_are_read() -> None:
    parsed = parse_page("\ufeffرمز الخبر: 7\r\nتأريخ النشر: ۱۹ دی ۱۳۹۵\r\nمتن.\r\n")

    assert (parsed.code, parsed.lead) == (7, "متن.")


def test_a_headline_label_inside_the_body_is_body_text() -> None:
    # In Arabic العنوان is also "the address".
    parsed = parse_page(
        page("رمز الخبر: 1", "تاریخ انتشار: ۱۹ دی ۱۳۹۵", "متن.", "العنوان: دمشق، شارع بغداد")
    )

    assert parsed.headline is None
    assert parsed.paragraphs == ["العنوان: دمشق، شارع بغداد"]


def test_a_sentence_with_a_colon_is_body_text() -> None:
    parsed = parse_page(page("رمز الخبر: 1", "تاریخ انتشار: ۱۹ دی ۱۳۹۵", "وقال: ان الهدنة."))

    assert parsed.lead == "وقال: ان الهدنة."


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (page("تاریخ انتشار: ۱۹ دی ۱۳۹۵", "متن."), "no news code line (رمز الخبر / کد خبر)"),
        (page("رمز الخبر: 1", "متن."), "no publication date line"),
        (page("رمز الخبر: ۱۴۰۲۷الف", "تاریخ انتشار: ۱۹ دی ۱۳۹۵", "متن."), "is not a number"),
        (page("رمز الخبر: 0", "تاریخ انتشار: ۱۹ دی ۱۳۹۵", "متن."), "is not a positive number"),
        (page("رمز الخبر: 1", "تاریخ انتشار:", "متن."), "empty publication date"),
        (
            page("رمز الخبر: 1", "رمز الخبر: 2", "تاریخ انتشار: ۱۹ دی ۱۳۹۵"),
            "more than one news code line",
        ),
        (
            page("رمز الخبر: 1", "تاریخ انتشار: ۱۹ دی ۱۳۹۵", "الكلمات الرئيسة: الف", "", "رایکم"),
            "empty body",
        ),
        ("", "no news code line"),
    ],
)
def test_a_broken_page_is_refused_with_a_plain_message(text: str, message: str) -> None:
    with pytest.raises(PageError, match=re.escape(message)):
        parse_page(text)


@pytest.mark.parametrize(
    ("lead", "headline"),
    [
        (
            "أكد امين المجلس الاعلى للامن القومي الايراني علي شمخاني، أنه لا ينبغي",
            "أكد امين المجلس الاعلى للامن القومي الايراني علي شمخاني",
        ),
        ("برف آمد. همه جا سفید شد.", "برف آمد"),
        ("قال الوزير: الهدنة صامدة", "قال الوزير"),
        ("الهدنة صامدة؛ والقتال توقف", "الهدنة صامدة"),
        ("آیا برف می‌آید؟ شاید", "آیا برف می‌آید"),
        ("ساعت 18:56 امروز زلزله آمد.", "ساعت 18:56 امروز زلزله آمد"),  # not cut in a time
        ("نرخ تورم 3.5 درصد شد.", "نرخ تورم 3.5 درصد شد"),
        (" ".join(f"w{i}" for i in range(20)), " ".join(f"w{i}" for i in range(14))),
        ("، ... بدون جمله", "، ... بدون جمله"),
    ],
)
def test_a_missing_headline_is_the_first_sentence_of_the_lead(lead: str, headline: str) -> None:
    assert headline_from_lead(lead) == headline


def test_a_made_up_headline_fits_the_field_without_a_partial_word() -> None:
    lead = " ".join(["کلمه" * 30] * 5)  # 120-character words

    headline = headline_from_lead(lead)

    assert len(headline) <= HEADLINE_MAX_LENGTH
    assert headline == " ".join(["کلمه" * 30] * 2)


@pytest.mark.parametrize(
    "code",
    [
        str(2**63),
        "1" + "0" * 30,
        to_digits(str(2**63), "persian"),
        str(limits.CODE_MAX + 1),
        "9" * 5000,  # longer than Python reads as an int by default
    ],
)
def test_a_news_code_too_large_for_the_database_is_reported_as_too_large(code: str) -> None:
    with pytest.raises(PageError, match=r"is too large \(the largest is 9223372036854775806\)"):
        parse_page(page(f"رمز الخبر: {code}", "تاریخ انتشار: ۱۹ دی ۱۳۹۵", "متن."))


def test_the_largest_news_code_is_read() -> None:
    text = page(f"رمز الخبر: {limits.CODE_MAX}", "تاریخ انتشار: ۱۹ دی ۱۳۹۵", "متن.")
    assert parse_page(text).code == limits.CODE_MAX


def test_an_invisible_only_keyword_is_dropped_with_a_warning() -> None:
    parsed = parse_page(
        page(
            "رمز الخبر: 1",
            "تاریخ انتشار: ۱۹ دی ۱۳۹۵",
            "متن.",
            "الكلمات الرئيسة: سوريا، \u200f، إيران",
        )
    )
    assert parsed.keywords == ["سوريا", "إيران"]
    assert parsed.warnings == ["keyword 2 has only invisible characters (U+200F); dropped"]
