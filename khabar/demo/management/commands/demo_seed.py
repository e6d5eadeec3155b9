from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from khabar.demo.services import (
    SAMPLE_CODE,
    SAMPLE_EDITION,
    demo_accounts_set,
    demo_seed,
    demo_workflow_seed,
)
from khabar.importers.services import Outcome


class Command(BaseCommand):
    help = "Fill a fresh Khabar site with sections, the sample page and generated articles."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--articles",
            type=int,
            default=300,
            help="How many articles to generate across the editions (default 300).",
        )
        parser.add_argument("--base-url", default="http://127.0.0.1:8000/")

    def handle(self, *args: Any, articles: int, base_url: str, **options: Any) -> None:
        report = demo_seed(articles=max(articles, 0))
        for code, count in report.articles_created.items():
            sections = report.sections_created.get(code, 0)
            photos = report.photos_created.get(code, 0)
            state = (
                f"{count} articles generated with {photos} photos (the worker renders them)"
                if count
                else "articles already there, skipped"
            )
            self.stdout.write(f"  {code}: {sections} sections added, {state}")
        sample = report.sample
        if sample is not None:
            line = f"  sample page {SAMPLE_EDITION}/{SAMPLE_CODE}: {sample.outcome}"
            if sample.outcome in (Outcome.CREATED, Outcome.UNCHANGED):
                self.stdout.write(line)
            else:
                self.stderr.write(self.style.WARNING(f"{line} {sample.message}"))

        accounts = demo_accounts_set()
        workflow_articles = demo_workflow_seed()
        if workflow_articles:
            self.stdout.write(
                f"  {SAMPLE_EDITION}: {workflow_articles} newsroom articles (drafts, one in "
                "review, one scheduled in 5 minutes, one live with a pending update)"
            )
        site = base_url.rstrip("/")
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("Khabar demo is ready."))
        self.stdout.write(f"  Site:           {site}/")
        self.stdout.write(f"  Sample article: {site}/{SAMPLE_EDITION}/news/{SAMPLE_CODE}")
        self.stdout.write(f"  Newsroom:       {site}/newsroom/")
        self.stdout.write(f"  Admin:          {site}/newsroom/admin/")
        self.stdout.write("  Accounts (new passwords each time this command runs):")
        for account in accounts:
            self.stdout.write(
                f"    {account.username:<12} {account.password:<18} {account.description}"
            )
