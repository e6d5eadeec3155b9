"""Seeding a demo site: editions' settings, sections, the sample page, generated articles,
one account per newsroom role, and articles in every state of the workflow.

Every write goes through the services, as Khabar's own `DEMO` actor.
"""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from khabar.articles import workflow
from khabar.articles.models import Article
from khabar.articles.richtext import paragraphs_to_html
from khabar.articles.services import (
    article_create,
    article_save,
    article_set_photo,
    top_stories_set,
)
from khabar.core.actors import DEMO, IMPORTER
from khabar.demo.banks import EditionBank, edition_banks
from khabar.demo.generator import ArticlePlan, article_plans
from khabar.demo.photos import demo_photos_create
from khabar.editions import services as edition_services
from khabar.editions.models import Edition, Section
from khabar.importers.services import ImportResult, article_import_file
from khabar.photos.models import Photo
from khabar.staff.models import StaffRole
from khabar.staff.services import role_assign

SAMPLE_EDITION = "ar"
SAMPLE_CODE = 14027
SAMPLE_PATH = Path(__file__).resolve().parent / "data" / "sample_ar_14027.txt"
# One transaction per batch: far fewer fsyncs on SQLite than one per article.
BATCH_SIZE = 100
TOP_STORIES = 4


@dataclass
class SeedReport:
    sections_created: dict[str, int] = field(default_factory=dict)
    articles_created: dict[str, int] = field(default_factory=dict)
    photos_created: dict[str, int] = field(default_factory=dict)
    sample: ImportResult | None = None


def edition_newsroom_email_ensure(*, edition: Edition, email: str) -> bool:
    """Set the newsroom email unless an admin already has; True when it was set."""
    if edition.newsroom_email:
        return False
    edition_services.edition_update(actor=DEMO, edition=edition, newsroom_email=email)
    return True


def section_ensure(
    *, edition: Edition, slug: str, name: str, position: int
) -> tuple[Section, bool]:
    """The edition's section `slug`, created if missing; an admin's renaming is kept."""
    existing = Section.objects.filter(edition=edition, slug=slug).first()
    if existing is not None:
        return existing, False
    return (
        edition_services.section_create(
            actor=DEMO, edition=edition, name=name, slug=slug, position=position
        ),
        True,
    )


def demo_sample_import(*, edition: Edition) -> ImportResult:
    """Import the sample page (ar 14027); the importer itself makes this idempotent."""
    return article_import_file(edition=edition, path=SAMPLE_PATH)


def demo_has_generated(*, edition: Edition) -> bool:
    # Anything but the imported sample counts: never pile demo articles on real ones.
    return Article.objects.filter(edition=edition).exclude(code=SAMPLE_CODE).exists()


def demo_articles_create(
    *,
    edition: Edition,
    plans: list[ArticlePlan],
    photos: list[Photo] | None = None,
    now: datetime.datetime | None = None,
) -> int:
    """Write the planned articles, oldest first so that news codes grow with time; each
    takes the next of `photos` in turn as its main photo."""
    now = now or timezone.now()
    sections = {section.slug: section for section in Section.objects.filter(edition=edition)}
    ordered = sorted(plans, key=lambda plan: plan.age, reverse=True)
    for start in range(0, len(ordered), BATCH_SIZE):
        with transaction.atomic():
            for number, plan in enumerate(ordered[start : start + BATCH_SIZE], start):
                article = article_create(
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
                if photos:
                    photo = photos[number % len(photos)]
                    article_set_photo(actor=IMPORTER, article=article, photo=photo)
    return len(ordered)


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    description: str


def demo_accounts_set() -> list[DemoAccount]:
    """One account per newsroom role, each with a fresh random password.

    An admin; an editor of the Arabic edition; an editor of the Persian edition limited to
    its first section (a service editor); a reporter of the Arabic edition.
    """
    editions = {edition.code: edition for edition in Edition.objects.all()}
    arabic, persian = editions.get("ar"), editions.get("fa")
    first_fa_section = (
        Section.objects.filter(edition=persian).order_by("position").first() if persian else None
    )
    plans = [
        ("admin", StaffRole.Role.ADMIN, [], [], "admin: everything, users and editions"),
        ("editor_ar", StaffRole.Role.EDITOR, [arabic], [], "editor of the Arabic edition"),
        (
            "editor_fa",
            StaffRole.Role.EDITOR,
            [persian],
            [first_fa_section] if first_fa_section else [],
            f"editor of the Persian edition, section “{first_fa_section}” only",
        ),
        ("reporter_ar", StaffRole.Role.REPORTER, [arabic], [], "reporter of the Arabic edition"),
    ]
    accounts = []
    for username, role, role_editions, sections, description in plans:
        if None in role_editions:
            continue
        password = secrets.token_urlsafe(12)
        user, _created = get_user_model().objects.get_or_create(
            username=username, defaults={"email": f"{username}@khabar.example"}
        )
        user.is_active = True
        user.is_superuser = role == StaffRole.Role.ADMIN
        user.set_password(password)
        user.save()
        role_assign(actor=DEMO, user=user, role=role, editions=role_editions, sections=sections)
        accounts.append(DemoAccount(username, password, description))
    return accounts


def demo_workflow_seed(*, edition_code: str = SAMPLE_EDITION) -> int:
    """Articles in each state of the workflow, written by the demo's reporter and editor:
    a few drafts, one in review, one scheduled a few minutes after now, and one published
    article with a pending update. Skipped when already there; returns how many were made.
    """
    edition = Edition.objects.filter(code=edition_code).first()
    users = {
        user.username: user
        for user in get_user_model().objects.filter(username__in=["reporter_ar", "editor_ar"])
    }
    reporter, editor = users.get("reporter_ar"), users.get("editor_ar")
    if edition is None or reporter is None or editor is None:
        return 0
    # Generated and imported articles have no author; anything written in the newsroom does.
    if Article.objects.filter(edition=edition, author__isnull=False).exists():
        return 0
    made = []

    def write(author: User, headline: str, lead: str) -> Article:
        article = article_create(
            actor=author,
            edition=edition,
            headline=headline,
            lead=lead,
            body=paragraphs_to_html([lead]),
        )
        made.append(article)
        return article

    for number in (1, 2, 3):
        write(reporter, f"مسودة رقم {number}", "نص قيد الكتابة لدى المراسل.")
    in_review = write(reporter, "تقرير ينتظر المراجعة", "أرسله المراسل إلى المحرر.")
    workflow.article_submit(actor=reporter, article=in_review)
    scheduled = write(editor, "خبر مجدول للنشر بعد دقائق", "ينشره العامل في موعده.")
    workflow.article_schedule(
        actor=editor, article=scheduled, at=timezone.now() + datetime.timedelta(minutes=5)
    )
    live = write(editor, "خبر منشور بتحديث معلق", "النص المنشور الذي يراه القراء.")
    workflow.article_publish(actor=editor, article=live)
    article_save(
        actor=editor,
        article=live,
        base_revision=live.revision_number,
        lead="تحديث لم ينشر بعد: يراه المحرر وحده حتى ينشره.",
    )
    return len(made)


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
        photos = demo_photos_create(edition_code=edition.code, seed=seed)
        report.photos_created[edition.code] = len(photos)
        report.articles_created[edition.code] = demo_articles_create(
            edition=edition, plans=plans, photos=photos
        )
        # The home's top stories are where cards show photos: the newest few, as an
        # editor would pick them.
        newest = Article.objects.published().filter(edition=edition).exclude(photo=None)
        top_stories_set(
            actor=DEMO, edition=edition, articles=list(newest.latest_first()[:TOP_STORIES])
        )
    return report
