"""The three editions every Khabar site starts with; admins change them later."""

from django.db import migrations

EDITIONS = [
    {
        "code": "fa",
        "name": "خبر",
        "language": "fa",
        "direction": "rtl",
        "calendar": "solar_hijri",
        "digits": "persian",
        "time_zone": "Asia/Tehran",
        "canonicalise_letters": True,
        "position": 0,
    },
    {
        # As on the sample page: Solar Hijri dates with Persian digits, in Tehran time.
        "code": "ar",
        "name": "خبر العربي",
        "language": "ar",
        "direction": "rtl",
        "calendar": "solar_hijri",
        "digits": "persian",
        "time_zone": "Asia/Tehran",
        "canonicalise_letters": False,
        "position": 1,
    },
    {
        "code": "en",
        "name": "Khabar English",
        "language": "en",
        "direction": "ltr",
        "calendar": "gregorian",
        "digits": "latin",
        "time_zone": "Asia/Tehran",
        "canonicalise_letters": False,
        "position": 2,
    },
]


def create_editions(apps, schema_editor):
    Edition = apps.get_model("editions", "Edition")
    for fields in EDITIONS:
        Edition.objects.get_or_create(code=fields["code"], defaults=fields)


class Migration(migrations.Migration):
    dependencies = [("editions", "0001_initial")]

    operations = [migrations.RunPython(create_editions, migrations.RunPython.noop)]
