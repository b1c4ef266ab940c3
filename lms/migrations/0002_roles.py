"""The three roles as groups. Permissions are created first so that a fresh database
(where post_migrate has not run yet) gets complete groups too."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

LEARNERS = "Học viên"
LECTURERS = "Giảng viên"
STAFF = "Cán bộ Trung tâm"

LMS_MODELS = [
    "centre", "organisation", "learnerprofile", "trainingclass", "classlecturer",
    "classsession", "enrolment", "attendance", "lessonprogress",
]
ROLE_PERMISSIONS = {
    LEARNERS: [],
    LECTURERS: [
        ("wagtailadmin", "access_admin"),
        ("lms", "view_trainingclass"),
        ("lms", "view_classsession"),
        ("lms", "view_enrolment"),
        ("lms", "view_learnerprofile"),
        ("lms", "add_attendance"),
        ("lms", "change_attendance"),
        ("lms", "view_attendance"),
        ("lessons", "add_programtype"),
        ("lessons", "change_programtype"),
    ],
    STAFF: [
        ("wagtailadmin", "access_admin"),
        ("lms", "manage_all_classes"),
        *[("lms", f"{action}_{model}") for model in LMS_MODELS for action in ("add", "change", "delete", "view")],
        ("lessons", "add_programtype"),
        ("lessons", "change_programtype"),
    ],
}


def create_roles(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, permissions in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codename in permissions:
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("lms", "0001_initial"),
        ("lessons", "0003_coursepage_access_lessonpage_required"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]
    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
