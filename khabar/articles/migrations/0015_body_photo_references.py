"""Bodies written before the editor marked library photos: each image whose file is one of
a photo's current renditions gets that photo's reference (`data-photo`), so it follows the
photo's next renderings (khabar.photos.body). Revisions too, so restoring one keeps it.

An image whose renditions were already replaced before this ran points at a file no photo
lists any more: nothing says which photo it was, and it is left as it is.
"""

import re

from django.db import migrations

# As in khabar.photos.body, written out: a migration keeps working when the code moves on.
_IMG = re.compile(r'<img\b(?:[^>"]|"[^"]*")*>')
_SRC = re.compile(r'\ssrc="([^"]*)"')
_RENDITION = re.compile(r"(photos/\d{4}/\d{2}/[^/\"?#]+/[^/\"?#]+)(?:[?#].*)?$")


def _linked(body, photo_by_name):
    def link(match):
        tag = match.group(0)
        src = _SRC.search(tag)
        if "data-photo=" in tag or src is None:
            return tag
        name = _RENDITION.search(src.group(1))
        photo_id = photo_by_name.get(name.group(1)) if name else None
        if photo_id is None:
            return tag
        return f'{tag[:-1].rstrip("/ ")} data-photo="{photo_id}">'

    return _IMG.sub(link, body)


def body_photo_references(apps, schema_editor):
    Photo = apps.get_model("photos", "Photo")
    Article = apps.get_model("articles", "Article")
    ArticleRevision = apps.get_model("articles", "ArticleRevision")
    photo_by_name = {
        str(name): pk
        for pk, renditions in Photo.objects.values_list("pk", "renditions")
        for found in (renditions or {}).values()
        for _width, _height, name in found
    }
    if not photo_by_name:
        return
    for pk, body in Article.objects.filter(body__contains="<img").values_list("pk", "body"):
        linked = _linked(body, photo_by_name)
        if linked != body:
            Article.objects.filter(pk=pk).update(body=linked)
    for revision in ArticleRevision.objects.filter(content__icontains="<img").iterator():
        body = revision.content.get("body")
        if not isinstance(body, str):
            continue
        linked = _linked(body, photo_by_name)
        if linked != body:
            ArticleRevision.objects.filter(pk=revision.pk).update(
                content={**revision.content, "body": linked}
            )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0014_newsroom_section_index"),
        ("photos", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(body_photo_references, migrations.RunPython.noop),
    ]
