"""Indexes the reports read through, on the core's tables (the reports are their only
readers, so they live with the reports rather than in lms' models).

- lms_rep_enrol_class_active: the active enrolments of a class with what the reports count
  (completion, learner) in the index itself, so the per-class and per-organisation counts
  of a year's 80,000 enrolments are an index-only scan instead of a scan of all 400,000;
- lms_rep_enrol_completed: the active completions by date (the annual report's
  certificates and the dashboard's months are a range of one year);
- lms_rep_class_year: the year's classes (every report filters on the year).

INCLUDE is PostgreSQL's; other databases get the same indexes without it."""

from django.db import migrations

INDEXES = [
    (
        "lms_rep_enrol_class_active",
        "lms_enrolment (training_class_id) {include:id, completed_at, learner_id} "
        "WHERE status = 'active'",
    ),
    (
        "lms_rep_enrol_completed",
        "lms_enrolment (completed_at) {include:id, training_class_id} "
        "WHERE status = 'active' AND completed_at IS NOT NULL",
    ),
    ("lms_rep_class_year", "lms_trainingclass (year, status) {include:course_id}"),
]


def _sql(definition: str, postgres: bool) -> str:
    head, _, rest = definition.partition("{include:")
    columns, _, tail = rest.partition("}")
    if not rest:
        return definition
    return f"{head}{f'INCLUDE ({columns})' if postgres else ''}{tail}"


def create(apps, schema_editor):
    postgres = schema_editor.connection.vendor == "postgresql"
    for name, definition in INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {_sql(definition, postgres)}")
        if postgres:
            table = definition.split(" ", 1)[0]
            schema_editor.execute(f"ANALYZE {table}")


def drop(apps, schema_editor):
    for name, _definition in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("lms", "0006_notifications_completion"),
        ("lms_reports", "0002_staff_reporting_permission"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
