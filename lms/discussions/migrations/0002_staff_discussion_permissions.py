"""Centre staff see the "Discussions" admin menu (the moderation log and reported posts):
their group gets the view and change permissions of both models."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

STAFF = "Cán bộ Trung tâm"
CODENAMES = [
    "view_moderationaction",
    "change_moderationaction",
    "view_report",
    "change_report",
]


def _permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(
        content_type__app_label="lms_discussions", codename__in=CODENAMES
    )


def grant(apps, schema_editor):
    app_config = apps.get_app_config("lms_discussions")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    group, _created = Group.objects.get_or_create(name=STAFF)
    group.permissions.add(*_permissions(apps))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name=STAFF):
        group.permissions.remove(*_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("lms_discussions", "0001_initial"),
        ("lms", "0002_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
