"""The search benchmark's archive and its fixed set of 200 queries (`bench.search` runs them).

The archive: Arabic and Persian articles only, half each, text from the demo generator
(`bench.seed.edition_items`), with two things the banks lack mixed in, because search meets
them in every real archive:

- **Spelling habits, one per article**, as different editors type: an Arabic article typed
  on a Persian keyboard (ی, ک for ي, ك), a Persian one on an Arabic keyboard (the Persian
  edition canonicalises those letters on save, as it would in production); Persian
  compounds with ZWNJ, with a space or joined (`می‌رود` / `می رود` / `میرود`); digits in
  the edition's script, in Latin or in the other Arabic-script set.
- **A long tail of names.** The banks have about a thousand words per edition, each in
  hundreds of articles; real archives are mostly rare words. Each article names one or two
  people or places from a pool of 50,000 invented names, picked with Zipf frequencies (the
  name of rank r about 1/r as often as the first), so rare terms stay rare as the archive
  grows, the way names do.

The queries are fixed: the same 100 per edition at every archive size and on both engines,
readers' spellings included: common and rare single words, two-word phrases, section and
date filters, news codes in the three digit scripts, misspellings (no match, so the page
asks for a suggestion).
"""

from __future__ import annotations

import bisect
import datetime
import itertools
import random
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Django is set up only after the bench has chosen the database
    from khabar.articles.bulk import BulkArticle

SEED = "khabar-bench-search"
NAMES = 50_000
ZWNJ = "\u200c"

_SYLLABLES = {
    "ar": "با تو ري سا لي نو ما كا دي زا فر حم جو شا رو مي هي قا طا عي بد غي صا خو ثا".split(),
    "fa": "با تو ری سا لی نو ما کا دی زا فر پو جو شا رو می هی گا چه ژی بد خو نا وه کی".split(),
}
_NAME_SENTENCES = {
    "ar": ("وقال {0} إن المتابعة مستمرة.", "وأفاد {0} من {1} بأن العمل يسير وفق الخطة."),
    "fa": ("{0} گفت پیگیری این موضوع ادامه دارد.", "{0} از {1} گفت کار طبق برنامه پیش می‌رود."),
}
# Arabic text typed on a Persian keyboard, Persian on an Arabic one.
_KEYBOARD = {"ar": str.maketrans("يكى", "یکی"), "fa": str.maketrans("یک", "يك")}
_NATIVE_DIGITS = {"ar": "٠١٢٣٤٥٦٧٨٩", "fa": "۰۱۲۳۴۵۶۷۸۹"}
# How often each habit turns up, per article.
KEYBOARD_SHARE = 0.2
ZWNJ_SPACE_SHARE, ZWNJ_JOINED_SHARE = 0.25, 0.15
LATIN_DIGITS_SHARE, OTHER_DIGITS_SHARE = 0.2, 0.1


def names(language: str) -> list[str]:
    """The invented names of an edition, most frequent first (the same on every run)."""
    rng = random.Random(f"{SEED}:names:{language}")  # noqa: S311 - reproducible text
    syllables = _SYLLABLES[language]
    found: dict[str, None] = {}
    while len(found) < NAMES:
        found.setdefault("".join(rng.choices(syllables, k=rng.choice((3, 3, 4)))))
    return list(found)


class _Zipf:
    def __init__(self, size: int) -> None:
        self._cumulative = list(itertools.accumulate(1 / rank for rank in range(1, size + 1)))

    def pick(self, rng: random.Random) -> int:
        return bisect.bisect(self._cumulative, rng.random() * self._cumulative[-1])


def with_variants(language: str, items: Iterator[BulkArticle]) -> Iterator[BulkArticle]:
    """The generated articles of one edition, each with its editor's habits and names."""
    rng = random.Random(f"{SEED}:habits:{language}")  # noqa: S311 - reproducible text
    pool, zipf = names(language), _Zipf(NAMES)
    other_digits = _NATIVE_DIGITS["fa" if language == "ar" else "ar"]
    for item in items:
        named = [pool[zipf.pick(rng)] for _ in range(rng.choice((1, 1, 2)))]
        sentence = rng.choice(_NAME_SENTENCES[language]).format(*named, *named)
        table: dict[int, int | str] = {}
        if rng.random() < KEYBOARD_SHARE:
            table.update(_KEYBOARD[language])
        if language == "fa":
            habit = rng.random()
            if habit < ZWNJ_SPACE_SHARE:
                table[ord(ZWNJ)] = " "
            elif habit < ZWNJ_SPACE_SHARE + ZWNJ_JOINED_SHARE:
                table[ord(ZWNJ)] = ""
        habit = rng.random()
        if habit < LATIN_DIGITS_SHARE:
            table.update(str.maketrans(_NATIVE_DIGITS[language], "0123456789"))
        elif habit < LATIN_DIGITS_SHARE + OTHER_DIGITS_SHARE:
            table.update(str.maketrans(_NATIVE_DIGITS[language], other_digits))
        yield replace(
            item,
            headline=item.headline.translate(table),
            overline=item.overline.translate(table),
            lead=item.lead.translate(table),
            # The body is escaped HTML of <p> elements: no attribute a letter swap could hurt.
            body=f"{item.body}\n<p>{sentence}</p>".translate(table),
        )


# --- The queries ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchQuery:
    kind: str
    text: str
    section: str = ""
    # The date filter: days back from the newest article, [start, end).
    days: tuple[int, int] | None = None
    by_date: bool = False
    # A news code: the article this far into the edition's archive (0–1), typed in `digits`.
    code_at: float | None = None
    digits: str = ""


# Common words of the banks, half as the text has them, half as a reader might type them:
# the other yeh or kaf, without or with another clitic, a space or nothing for a ZWNJ.
_WORDS = {
    "ar": "شبكة رسمي بالمئة الاقتصادي الاتحاد الجمهور زيارة البصرة مجلس اللاذقية الهلال النجف "
    "سوریا ترکیا ایران حكومة عراق الوزير مشاریع المواطنین الاستحقاقات والبصرة شبکة لبنان",
    "fa": "نشست منطقه معاون صادرات فرهنگ المپیک سرمایه دانشگاه نمایشگاه تراکتور مالیاتی گمرک "
    "سوريه تركيه شفاف|سازی جمعبندی پيشرفت كارشناسي ايراني آنها نیمه|تمام یکروزه زیر|ساخت "
    "بهره|برداری",
}
_PHRASES = {
    "ar": "حتى الآن|معدل التضخم|بين البلدين|حجم التداول|مساعدات عاجلة|سعر الصرف|مرحلة الإياب|"
    "بشكل مباشر|أعلنت مديرية|الموسيقى التراثية|بلدية بيروت|محافظة دمشق|قال وزیر|سوریا وإیران|"
    "العراق وسوریا|مدرب الشرطه|الدولار الیوم|منافس قوى|نمو القطاع|الرقابه علی|تحدیث القوانین|"
    "راى المعارضون|حیدر الجبوری|جماهیر الفیصلی",
    "fa": "هیئت دولت|دستور کار|نایب رئیس|وزنه برداری|مسابقات آسیایی|ناخالص داخلی|شهرداری تهران|"
    "سرمربی پرسپولیس|زمینه همکاری|تیم امداد|جلسات کارشناسی|روزهای اخیر|می رود|میرود|گفتوگو|"
    "انتظار می رود|هيئت دولت|فرآورده های|سال ها|پزشكي تهران|شهرداري رشت|طرح های عمرانی|"
    "مطالبات معيشتي|كشتي آزاد",
}
# One letter off (often a sound-alike): no match, so the page looks for a suggestion.
_MISSPELT = {
    "ar": "وذير مشاريغ الاقتصاضي بيزوت دمشك مجلص الجمهوز اللاذقيت",
    "fa": "نشصت منطغه صاضرات فرهنق المپیق دانشگاح تراکطور گمرق",
}
_SECTIONS = ("politics", "economy", "society", "international", "sport", "culture")
_DATE_RANGES = ((0, 30), (0, 365), (365 * 5, 365 * 6), (0, 3650))
_DIGITS = ("0123456789", "۰۱۲۳۴۵۶۷۸۹", "٠١٢٣٤٥٦٧٨٩")


def queries(language: str) -> list[SearchQuery]:
    """The edition's 100 queries, in a fixed order."""
    words = [word.replace("|", " ") for word in _WORDS[language].split()]
    found: list[SearchQuery] = [SearchQuery("word", word) for word in words]
    pool = names(language)
    # Ranks 1 to 40,000 in equal steps of their logarithm: from a name in one article in
    # ten to one that is in none of the smaller archive.
    found += [SearchQuery("rare", pool[round(40_000 ** (i / 19)) - 1]) for i in range(20)]
    found += [SearchQuery("phrase", phrase) for phrase in _PHRASES[language].split("|")]
    for index, word in enumerate(words[:8]):
        found.append(SearchQuery("section", word, section=_SECTIONS[index % len(_SECTIONS)]))
    for index, word in enumerate(words[8:16]):
        days = _DATE_RANGES[index % len(_DATE_RANGES)]
        found.append(SearchQuery("dates", word, days=days, by_date=index % 2 == 1))
    found += [SearchQuery("code", "", code_at=(i + 1) / 9, digits=_DIGITS[i % 3]) for i in range(8)]
    found += [SearchQuery("misspelt", word) for word in _MISSPELT[language].split()]
    return found


def code_text(query: SearchQuery, code: int) -> str:
    """The news code as the query types it, in its digit script."""
    return str(code).translate(str.maketrans("0123456789", query.digits))


def date_bounds(
    query: SearchQuery, newest: datetime.datetime
) -> tuple[datetime.datetime | None, datetime.datetime | None]:
    if query.days is None:
        return None, None
    return (
        newest - datetime.timedelta(days=query.days[1]),
        newest - datetime.timedelta(days=query.days[0]) + datetime.timedelta(seconds=1),
    )
