# Certificate PDFs move to the private storage, which nothing publishes.

import lms.certificates.models.records
from django.db import migrations, models


def move_pdfs(apps, schema_editor):
    """PDFs rendered before this migration sit in the default (published) storage: copy
    each to the private one and delete the published copy. Safe to run again."""
    from django.core.files.storage import storages

    private = lms.certificates.models.records.private_storage()
    public = storages["default"]
    if private is public:
        return
    CompletionRecord = apps.get_model("lms_certificates", "CompletionRecord")
    for name in CompletionRecord.objects.exclude(pdf="").values_list("pdf", flat=True).iterator():
        if private.exists(name) or not public.exists(name):
            continue
        with public.open(name, "rb") as source:
            stored = private.save(name, source)
        if stored != name:  # never expected: the name was free
            CompletionRecord.objects.filter(pdf=name).update(pdf=stored)
        public.delete(name)


class Migration(migrations.Migration):

    dependencies = [
        ('lms_certificates', '0004_paperwork_settings'),
    ]

    operations = [
        migrations.AlterField(
            model_name='completionrecord',
            name='pdf',
            field=models.FileField(blank=True, storage=lms.certificates.models.records.private_storage, upload_to='certificates/%Y/', verbose_name='PDF'),
        ),
        migrations.RunPython(move_pdfs, migrations.RunPython.noop, elidable=True),
    ]
