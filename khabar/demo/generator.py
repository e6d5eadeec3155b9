"""Plausible demo articles from the banks: pure Python, deterministic for a given seed."""

from __future__ import annotations

import datetime
import random
import string
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace

from khabar.demo.banks import EditionBank, SectionBank, Story
from khabar.text import to_digits

SPAN = datetime.timedelta(days=90)
CONTENT_TYPES = ("news", "report", "interview", "note", "photo_report")
CONTENT_TYPE_WEIGHTS = (72, 14, 4, 6, 4)
_FORMATTER = string.Formatter()


@dataclass(frozen=True)
class ArticlePlan:
    """What one generated article says; `age` is how long before now it was published."""

    section: str
    content_type: str
    overline: str
    headline: str
    lead: str
    paragraphs: tuple[str, ...]
    byline: str
    source: str
    keywords: tuple[str, ...]
    is_breaking: bool
    age: datetime.timedelta


def _fields(*templates: str) -> list[str]:
    """The slot names the templates use, in order of first use."""
    names: list[str] = []
    for template in templates:
        for _literal, name, _spec, _conv in _FORMATTER.parse(template):
            if name and name not in names:
                names.append(name)
    return names


def _numbers(rng: random.Random) -> dict[str, str]:
    score = rng.randint(1, 4)
    return {
        "pct": str(rng.randint(3, 38)),
        "num": str(rng.choice((12, 18, 25, 40, 65, 120, 180, 250, 340, 500, 750))),
        # Arabic counts 3–10 take a plural noun and 11+ a singular one ("١٥ نائبًا"): each
        # slot keeps to one range so templates can agree with it.
        "count": str(rng.randint(11, 40)),
        "few": str(rng.randint(3, 7)),
        "few2": str(rng.randint(3, 7)),
        "week": str(rng.randint(1, 28)),
        "score": str(score),
        "score2": str(rng.randint(0, score - 1)),
    }


def _slot_values(
    rng: random.Random, pools: Mapping[str, tuple[str, ...]], overrides: Mapping[str, str]
) -> dict[str, str]:
    values = _numbers(rng)
    for name, pool in pools.items():
        first = overrides.get(name) or rng.choice(pool)
        # A second, different value for headlines such as "team vs team2".
        others = [value for value in pool if value != first] or [first]
        values[name] = first
        values[f"{name}2"] = rng.choice(others)
    return values


class _Speller:
    """Hands out the spellings of a mixed-spelling keyword in turn, so each one is used."""

    def __init__(self, bank: EditionBank) -> None:
        self._spellings = {mixed.value: list(mixed.spellings) for mixed in bank.mixed_spellings}
        self._turn: dict[str, int] = {}

    def spell(self, keyword: str) -> str:
        spellings = self._spellings.get(keyword)
        if not spellings:
            return keyword
        turn = self._turn.get(keyword, 0)
        self._turn[keyword] = turn + 1
        return spellings[turn % len(spellings)]


def article_plan(
    *,
    bank: EditionBank,
    section: SectionBank,
    rng: random.Random,
    speller: _Speller,
    age: datetime.timedelta,
    overrides: Mapping[str, str] | None = None,
) -> ArticlePlan:
    overrides = overrides or {}
    story: Story = rng.choice(section.stories)
    values = _slot_values(rng, {**bank.slots, **section.slots}, overrides)
    source = rng.choice(bank.sources)
    values["source"] = source

    extra = [p for p in section.paragraphs if p not in story.paragraphs]
    wanted = rng.randint(3, 6)
    chosen = list(story.paragraphs[:wanted])
    chosen += rng.sample(extra, min(len(extra), max(0, wanted - len(chosen) - 1)))
    if len(chosen) < wanted:
        chosen.append(rng.choice(bank.closings))

    def render(template: str) -> str:
        text = to_digits(template.format_map(values), bank.digits)
        # English slots are lower case mid-sentence ("interior minister") but may open one.
        return text[:1].upper() + text[1:]

    # Keywords an editor would pick: the names the story is about, then topics.
    names = [
        values[name]
        for name in _fields(story.headline, story.lead)
        if name in bank.keyword_slots and name in values
    ]
    forced = [overrides[mixed.slot] for mixed in bank.mixed_spellings if mixed.slot in overrides]
    wanted_keywords = rng.randint(2, 5)
    keywords: list[str] = []
    topics = rng.sample(section.keywords, len(section.keywords))
    for keyword in [*forced, *names[:3], *topics]:
        if keyword not in keywords and len(keywords) < wanted_keywords:
            keywords.append(keyword)

    content_type = rng.choices(CONTENT_TYPES, weights=CONTENT_TYPE_WEIGHTS)[0]
    is_breaking = age < datetime.timedelta(days=7) and rng.random() < 0.35
    return ArticlePlan(
        section=section.slug,
        content_type="news" if is_breaking else content_type,
        overline=render(rng.choice(section.overlines)),
        headline=render(story.headline),
        lead=render(story.lead),
        paragraphs=tuple(render(paragraph) for paragraph in chosen),
        byline=rng.choice(bank.bylines),
        source=source,
        keywords=tuple(speller.spell(keyword) for keyword in keywords),
        is_breaking=is_breaking,
        age=age,
    )


def _ages(rng: random.Random, count: int) -> list[datetime.timedelta]:
    """Publication ages spread over the last ~90 days, the newest within the last hour."""
    seconds = sorted(rng.uniform(0, SPAN.total_seconds()) for _ in range(count))
    if seconds:
        seconds[0] = rng.uniform(120, 2400)
    return [datetime.timedelta(seconds=round(s)) for s in seconds]


def article_plans(*, bank: EditionBank, count: int, seed: str = "khabar-demo") -> list[ArticlePlan]:
    """`count` articles for one edition, newest first. The same arguments give the same plans."""
    # Reproducible demo text, not secrets: a seeded PRNG is exactly what is wanted.
    rng = random.Random(f"{seed}:{bank.code}")  # noqa: S311
    speller = _Speller(bank)
    sections = {section.slug: section for section in bank.sections}
    showcase = list(_showcase(bank))
    plans: list[ArticlePlan] = []
    for index, age in enumerate(_ages(rng, count)):
        # Every third article, until each spelling has appeared, names a mixed-spelling
        # keyword, so even a 30-article demo shows two spellings meeting in one keyword.
        if index % 3 == 0 and index // 3 < len(showcase):
            section = sections[bank.showcase_section]
            overrides = showcase[index // 3]
        else:
            section = rng.choice(bank.sections)
            overrides = {}
        plans.append(
            article_plan(
                bank=bank,
                section=section,
                rng=rng,
                speller=speller,
                age=age,
                overrides=overrides,
            )
        )
    if plans and not any(plan.is_breaking for plan in plans):
        plans[0] = _breaking(plans[0])
    return plans


def _showcase(bank: EditionBank) -> Iterator[dict[str, str]]:
    for mixed in bank.mixed_spellings:
        for _spelling in mixed.spellings:
            yield {mixed.slot: mixed.value}


def _breaking(plan: ArticlePlan) -> ArticlePlan:
    return replace(plan, is_breaking=True, content_type="news")
