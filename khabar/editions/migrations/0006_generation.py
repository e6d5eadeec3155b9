from django.db import migrations, models

# After every insert, update and delete on editions and sections, in the writer's transaction.
TABLES = ("editions_edition", "editions_section")
EVENTS = ("INSERT", "UPDATE", "DELETE")

SQLITE = [
    f"CREATE TRIGGER {table}_{event.lower()}_generation AFTER {event} ON {table} BEGIN "
    "UPDATE editions_generation SET value = random() WHERE name = 'editions'; END"
    for table in TABLES
    for event in EVENTS
]
SQLITE_REVERSE = [
    f"DROP TRIGGER IF EXISTS {table}_{event.lower()}_generation"
    for table in TABLES
    for event in EVENTS
]
POSTGRESQL = [
    "CREATE FUNCTION editions_generation_bump() RETURNS trigger AS $$ BEGIN "
    "UPDATE editions_generation SET value = (random() * 9.2e18)::bigint "
    "WHERE name = 'editions'; RETURN NULL; END $$ LANGUAGE plpgsql",
    *(
        f"CREATE TRIGGER {table}_generation AFTER INSERT OR UPDATE OR DELETE ON {table} "
        "FOR EACH STATEMENT EXECUTE FUNCTION editions_generation_bump()"
        for table in TABLES
    ),
]
POSTGRESQL_REVERSE = [
    *(f"DROP TRIGGER IF EXISTS {table}_generation ON {table}" for table in TABLES),
    "DROP FUNCTION IF EXISTS editions_generation_bump()",
]


def triggers_create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in {"sqlite": SQLITE, "postgresql": POSTGRESQL}[vendor]:
        schema_editor.execute(sql)


def triggers_drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in {"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}[vendor]:
        schema_editor.execute(sql)


def mark_create(apps, schema_editor):
    apps.get_model("editions", "Generation").objects.create(name="editions", value=0)


class Migration(migrations.Migration):
    dependencies = [
        ("editions", "0005_edition_submissions_keep_days"),
    ]

    operations = [
        migrations.CreateModel(
            name="Generation",
            fields=[
                ("name", models.CharField(max_length=32, primary_key=True, serialize=False)),
                ("value", models.BigIntegerField(default=0)),
            ],
        ),
        migrations.RunPython(mark_create, migrations.RunPython.noop),
        migrations.RunPython(triggers_create, triggers_drop),
    ]
