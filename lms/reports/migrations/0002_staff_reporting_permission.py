"""Centre staff hold the reporting permission and edit the plan; nobody else does until
an administrator gives it (in the admin's group editor)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

STAFF = "Cán bộ Trung tâm"
CODENAMES = ["view_reports", "add_planline", "change_planline", "delete_planline", "view_planline"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("lms_reports")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=STAFF)
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="lms_reports", codename__in=CODENAMES
        )
    )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name=STAFF):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="lms_reports", codename__in=CODENAMES
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("lms_reports", "0001_initial"),
        ("lms", "0002_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
