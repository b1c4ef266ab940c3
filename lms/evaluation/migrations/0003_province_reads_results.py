"""The province role (issue 14) reads every centre's survey results."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PROVINCE = "Ban Tuyên giáo tỉnh"


def grant(apps, schema_editor):
    app_config = apps.get_app_config("lms_evaluation")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=PROVINCE)
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="lms_evaluation", codename="view_all_results"
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("lms_evaluation", "0002_default_template_and_roles"),
        ("lms", "0013_centre_scope"),
    ]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
