"""The ICU collation that sorts names in Vietnamese order on PostgreSQL (``lms.collation``).
CreateCollation does nothing on other databases; SQLite gets the collation of the same
name on each connection instead."""

from django.db import migrations

try:
    from django.contrib.postgres.operations import CreateCollation
except ImportError:  # psycopg is not installed, so this database is not PostgreSQL
    operations = []
else:
    operations = [CreateCollation("vietnamese", provider="icu", locale="vi")]


class Migration(migrations.Migration):
    dependencies = [
        ("lms", "0008_centre_paperwork"),
    ]

    operations = operations
