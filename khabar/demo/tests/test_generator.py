import datetime
import random

import pytest

from khabar.articles.models import keyword_key
from khabar.demo.banks import edition_banks
from khabar.demo.generator import _slot_values, article_plans
from khabar.demo.tests.scripts import looks_like

BANKS = edition_banks()
EDITIONS = sorted(BANKS)


def _templates(code: str):
    bank = BANKS[code]
    yield None, bank.closings
    for section in bank.sections:
        texts = [*section.overlines, *section.paragraphs]
        for story in section.stories:
            texts += [story.headline, story.lead, *story.paragraphs]
        yield section, texts


@pytest.mark.parametrize("code", EDITIONS)
def test_every_template_fills_from_its_section_slots(code):
    """A template naming a slot its section has no values for would crash the seeding."""
    bank = BANKS[code]
    rng = random.Random(0)
    for section, texts in _templates(code):
        pools = {**bank.slots, **(section.slots if section else {})}
        values = {**_slot_values(rng, pools, {}), "source": bank.sources[0]}
        for text in texts:
            text.format_map(values)


@pytest.mark.parametrize("code", EDITIONS)
def test_plans_are_in_the_editions_language(code):
    for plan in article_plans(bank=BANKS[code], count=200):
        text = "\n".join(
            (plan.overline, plan.headline, plan.lead, *plan.paragraphs, plan.byline, plan.source)
        )
        assert looks_like(text, code), text
        assert "{" not in plan.headline + plan.lead + "".join(plan.paragraphs)


@pytest.mark.parametrize("code", EDITIONS)
def test_plans_have_the_shape_of_news(code):
    plans = article_plans(bank=BANKS[code], count=150)
    sections = {section.slug for section in BANKS[code].sections}
    assert {plan.section for plan in plans} == sections
    for plan in plans:
        assert 3 <= len(plan.paragraphs) <= 6
        assert 2 <= len(plan.keywords) <= 5
        assert len({keyword_key(keyword) for keyword in plan.keywords}) == len(plan.keywords)
        assert plan.byline and plan.source and plan.overline
    assert any(plan.is_breaking for plan in plans)
    assert len({plan.headline for plan in plans}) > len(plans) * 0.8


def test_ages_span_three_months_and_the_newest_is_under_an_hour_old():
    ages = sorted(plan.age for plan in article_plans(bank=BANKS["en"], count=100))
    assert ages[0] < datetime.timedelta(hours=1)
    assert datetime.timedelta(days=60) < ages[-1] <= datetime.timedelta(days=90)


def test_plans_are_reproducible_for_a_seed():
    assert article_plans(bank=BANKS["ar"], count=40) == article_plans(bank=BANKS["ar"], count=40)
    assert article_plans(bank=BANKS["ar"], count=40) != article_plans(
        bank=BANKS["ar"], count=40, seed="other"
    )


@pytest.mark.parametrize("code", ["fa", "ar"])
def test_a_small_demo_already_types_a_keyword_two_ways(code):
    """Two spellings of سوريا (ي and ی) must both occur, with one matching key."""
    mixed = BANKS[code].mixed_spellings[0]
    typed = {kw for plan in article_plans(bank=BANKS[code], count=10) for kw in plan.keywords}
    assert set(mixed.spellings) <= typed
    assert len({keyword_key(spelling) for spelling in mixed.spellings}) == 1
