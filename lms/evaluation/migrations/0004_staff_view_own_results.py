"""Centre staff also hold "see their own survey results" (implied by "see every lecturer's"
results", which they have): staff may only give roles whose permissions they hold
(``lms.admin.permissions.assignable_groups``), and the lecturers' role carries this one."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

STAFF = "Cán bộ Trung tâm"


def grant(apps, schema_editor):
    app_config = apps.get_app_config("lms_evaluation")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=STAFF).first()
    if group is not None:
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="lms_evaluation", codename="view_own_results"
            )
        )


class Migration(migrations.Migration):
    dependencies = [("lms_evaluation", "0003_province_reads_results")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
