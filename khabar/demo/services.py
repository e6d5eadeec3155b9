"""Seeding a demo site: editions' settings, sections, the sample page, generated articles.

There is no editions service yet, so the small writes to editions and sections live here;
articles are only ever written through khabar.articles.services.
"""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from khabar.articles.models import Article
from khabar.articles.richtext import paragraphs_to_html
from khabar.articles.services import article_create
from khabar.core.actors import IMPORTER
from khabar.demo.banks import EditionBank, edition_banks
from khabar.demo.generator import ArticlePlan, article_plans
from khabar.editions.models import Edition, Section
from khabar.importers.services import ImportResult, article_import_file

SAMPLE_EDITION = "ar"
SAMPLE_CODE = 14027
SAMPLE_PATH = Path(__file__).resolve().parent / "data" / "sample_ar_14027.txt"
EDITOR_USERNAME = "editor"
# One transaction per batch: far fewer fsyncs on SQLite than one per article.
BATCH_SIZE = 100


@dataclass
class SeedReport:
    sections_created: dict[str, int] = field(default_factory=dict)
    articles_created: dict[str, int] = field(default_factory=dict)
    sample: ImportResult | None = None


def edition_newsroom_email_ensure(*, edition: Edition, email: str) -> bool:
    """Set the newsroom email unless an admin already has; True when it was set."""
    if edition.newsroom_email:
        return False
    edition.newsroom_email = email
    edition.save(update_fields=["newsroom_email"])
    return True


def section_ensure(
    *, edition: Edition, slug: str, name: str, position: int
) -> tuple[Section, bool]:
    """The edition's section `slug`, created if missing; an admin's renaming is kept."""
    return Section.objects.get_or_create(
        edition=edition, slug=slug, defaults={"name": name, "position": position}
    )


def demo_sample_import(*, edition: Edition) -> ImportResult:
    """Import the sample page (ar 14027); the importer itself makes this idempotent."""
    return article_import_file(edition=edition, path=SAMPLE_PATH)


def demo_has_generated(*, edition: Edition) -> bool:
    # Anything but the imported sample counts: never pile demo articles on real ones.
    return Article.objects.filter(edition=edition).exclude(code=SAMPLE_CODE).exists()


def demo_articles_create(
    *, edition: Edition, plans: list[ArticlePlan], now: datetime.datetime | None = None
) -> int:
    """Write the planned articles, oldest first so that news codes grow with time."""
    now = now or timezone.now()
    sections = {section.slug: section for section in Section.objects.filter(edition=edition)}
    ordered = sorted(plans, key=lambda plan: plan.age, reverse=True)
    for start in range(0, len(ordered), BATCH_SIZE):
        with transaction.atomic():
            for plan in ordered[start : start + BATCH_SIZE]:
                article_create(
                    actor=IMPORTER,
                    edition=edition,
                    headline=plan.headline,
                    keywords=plan.keywords,
                    published_at=now - plan.age,
                    overline=plan.overline,
                    lead=plan.lead,
                    body=paragraphs_to_html(list(plan.paragraphs)),
                    byline=plan.byline,
                    source=plan.source,
                    section=sections.get(plan.section),
                    content_type=plan.content_type,
                    is_breaking=plan.is_breaking,
                )
    return len(ordered)


def demo_editor_set(*, username: str = EDITOR_USERNAME) -> tuple[AbstractBaseUser, str]:
    """Create or reset the demo's staff superuser with a fresh random password."""
    password = secrets.token_urlsafe(12)
    user, _created = get_user_model().objects.get_or_create(
        username=username, defaults={"email": f"{username}@khabar.example"}
    )
    user.is_staff = True
    user.is_superuser = True
    user.is_active = True
    user.set_password(password)
    user.save()
    return user, password


def _split(total: int, parts: int) -> list[int]:
    return [total // parts + (1 if index < total % parts else 0) for index in range(parts)]


def demo_seed(*, articles: int = 300, seed: str = "khabar-demo") -> SeedReport:
    """Seed every edition that has a bank; safe to run again (adds nothing the second time)."""
    report = SeedReport()
    banks: dict[str, EditionBank] = edition_banks()
    editions = list(Edition.objects.filter(code__in=banks).order_by("position", "code"))
    for edition in editions:
        bank = banks[edition.code]
        edition_newsroom_email_ensure(edition=edition, email=bank.newsroom_email)
        created = [
            section_ensure(edition=edition, slug=section.slug, name=section.name, position=pos)[1]
            for pos, section in enumerate(bank.sections)
        ]
        report.sections_created[edition.code] = sum(created)
        if edition.code == SAMPLE_EDITION:
            # Before generating, so the edition's new codes continue after the legacy one.
            report.sample = demo_sample_import(edition=edition)

    for edition, count in zip(editions, _split(articles, len(editions)), strict=True):
        if demo_has_generated(edition=edition):
            report.articles_created[edition.code] = 0
            continue
        plans = article_plans(bank=banks[edition.code], count=count, seed=seed)
        report.articles_created[edition.code] = demo_articles_create(edition=edition, plans=plans)
    return report
