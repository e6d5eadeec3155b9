"""`make bench-demo-photos`: what the demo's photos add to `make demo`.

Seeds a fresh SQLite database as `make demo` does (300 articles) and measures, in the same
run, the whole seed (the reference) and the photos' share of it: drawing and storing the
24 photos, and putting one on each article. Then the worker's share, which `make demo`
does in the background while the site comes up: the renditions of every photo.

    .venv/bin/python -m bench.demo_photos     # DEMO_ARTICLES=300 by default
"""

from __future__ import annotations

import functools
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import database


def _timed(spent: list[float], function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent.append(time.perf_counter() - start)

    return wrapper


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="khabar-bench-demo-"))
    os.environ.update(MEDIA_ROOT=str(folder / "media"), PHOTOS_ROOT=str(folder / "private"))
    database.migrated(database.BenchDatabase(articles=0, path=folder / "db.sqlite3"))
    from django_tasks_db.models import DBTaskResult

    from khabar.demo import services
    from khabar.photos.tasks import photo_render_task

    drawing: list[float] = []
    attaching: list[float] = []
    services.demo_photos_create = _timed(drawing, services.demo_photos_create)
    services.article_set_photo = _timed(attaching, services.article_set_photo)
    articles = int(os.environ.get("DEMO_ARTICLES", "300"))
    start = time.perf_counter()
    services.demo_seed(articles=articles)
    seed = time.perf_counter() - start
    photos = sum(drawing) + sum(attaching)

    tasks = list(DBTaskResult.objects.filter(task_path=photo_render_task.module_path))
    start = time.perf_counter()
    for task in tasks:
        photo_render_task.call(*task.args_kwargs["args"])
    rendering = time.perf_counter() - start

    print(f"demo seed, {articles} articles (reference): {seed:.2f} s")
    print(
        f"  of which the photos: {photos:.2f} s = {photos / seed:.2f} of the seed "
        f"(drawing and storing {sum(drawing):.2f} s, on {len(attaching)} articles "
        f"{sum(attaching):.2f} s)"
    )
    print(
        f"worker, renditions of {len(tasks)} photos: {rendering:.2f} s "
        f"({rendering / max(len(tasks), 1) * 1000:.0f} ms a photo) = {rendering / seed:.2f} "
        "of the seed, done in the background"
    )


if __name__ == "__main__":
    main()
