"""Deferred work of the library, run by `khabar worker`."""

from __future__ import annotations

from django_tasks import task


@task()
def photo_render_task(photo_id: int) -> bool:
    from khabar.photos.services import photo_render

    return photo_render(photo_id=photo_id) is not None
