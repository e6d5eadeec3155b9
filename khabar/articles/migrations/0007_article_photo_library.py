"""The main photo becomes a photo of the media library (khabar.photos).

The old file column is kept under another name until 0008 has moved its photos into the
library; 0009 drops it with the old width, height, caption and credit columns.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_article_section_verbose_name"),
        ("photos", "0001_initial"),
    ]

    operations = [
        migrations.RenameField(model_name="article", old_name="photo", new_name="photo_file"),
        migrations.AddField(
            model_name="article",
            name="photo",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="articles",
                to="photos.photo",
                verbose_name="main photo",
            ),
        ),
    ]
