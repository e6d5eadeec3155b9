from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("articles", "0008_photos_into_library")]

    operations = [
        migrations.RemoveField(model_name="article", name="photo_file"),
        migrations.RemoveField(model_name="article", name="photo_width"),
        migrations.RemoveField(model_name="article", name="photo_height"),
        migrations.RemoveField(model_name="article", name="photo_caption"),
        migrations.RemoveField(model_name="article", name="photo_credit"),
    ]
