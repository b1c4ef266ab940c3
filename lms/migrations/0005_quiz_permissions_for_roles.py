"""Lecturers build question banks and grade essays; staff may also delete."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

LECTURERS = "Giảng viên"
STAFF = "Cán bộ Trung tâm"
WRITE = [
    ("quizzes", f"{action}_{model}")
    for model in ("question", "questioncategory")
    for action in ("view", "add", "change")
] + [("quizzes", "change_answer")]
DELETE = [("quizzes", f"delete_{model}") for model in ("question", "questioncategory")]


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, permissions in {LECTURERS: WRITE, STAFF: WRITE + DELETE}.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        for app_label, codename in permissions:
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("lms", "0004_notifications"),
        ("quizzes", "0001_initial"),
    ]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
