# The operators' group and the permission to see and steer background tasks.

from django.db import migrations, models

OPERATORS = "Vận hành"


def create_operators(apps, schema_editor):
    """The group "Vận hành": the admin, and the "Background tasks" screen. Permissions
    are created first, as in 0002_roles, so a fresh database gets a complete group."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=OPERATORS)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(content_type__app_label="lms", codename="operate_background_tasks"),
    )


class Migration(migrations.Migration):

    dependencies = [
        ('lms', '0009_vietnamese_collation'),
    ]

    operations = [
        migrations.CreateModel(
            name='BackgroundTasks',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
            ],
            options={
                'verbose_name': 'background tasks',
                'verbose_name_plural': 'background tasks',
                'permissions': [('operate_background_tasks', 'Can see and steer background tasks')],
                'managed': False,
                'default_permissions': (),
            },
        ),
        migrations.RunPython(create_operators, migrations.RunPython.noop),
    ]
