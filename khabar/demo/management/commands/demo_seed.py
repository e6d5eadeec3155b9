from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from khabar.demo.services import SAMPLE_CODE, SAMPLE_EDITION, demo_editor_set, demo_seed
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
            state = f"{count} articles generated" if count else "articles already there, skipped"
            self.stdout.write(f"  {code}: {sections} sections added, {state}")
        sample = report.sample
        if sample is not None:
            line = f"  sample page {SAMPLE_EDITION}/{SAMPLE_CODE}: {sample.outcome}"
            if sample.outcome in (Outcome.CREATED, Outcome.UNCHANGED):
                self.stdout.write(line)
            else:
                self.stderr.write(self.style.WARNING(f"{line} {sample.message}"))

        user, password = demo_editor_set()
        site = base_url.rstrip("/")
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS("Khabar demo is ready."))
        self.stdout.write(f"  Site:           {site}/")
        self.stdout.write(f"  Sample article: {site}/{SAMPLE_EDITION}/news/{SAMPLE_CODE}")
        self.stdout.write(f"  Newsroom admin: {site}/newsroom/admin/")
        self.stdout.write(f"  Username:       {user.get_username()}")
        self.stdout.write(f"  Password:       {password}")
        self.stdout.write("  (a new password is made each time this command runs)")
