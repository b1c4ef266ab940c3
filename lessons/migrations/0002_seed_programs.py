"""Seed the programs that district political centres run (DESIGN.md). Editors can
rename, reorder or add programs afterwards; this only creates the missing ones."""

from django.db import migrations

PROGRAMS = [
    ("nhan-thuc-ve-dang", "Bồi dưỡng nhận thức về Đảng"),
    ("dang-vien-moi", "Lý luận chính trị dành cho đảng viên mới"),
    ("so-cap", "Sơ cấp lý luận chính trị"),
    ("trung-cap", "Trung cấp lý luận chính trị"),
    ("nghiep-vu-cong-tac-dang", "Nghiệp vụ công tác Đảng"),
    ("quoc-phong-an-ninh-doi-tuong-4", "Bồi dưỡng kiến thức quốc phòng và an ninh đối tượng 4"),
    ("chuyen-de-hang-nam", "Chuyên đề học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh hằng năm"),
    ("nghi-quyet-dai-hoi-xiii", "Nghị quyết Đại hội XIII của Đảng"),
]


def seed(apps, schema_editor):
    ProgramType = apps.get_model("lessons", "ProgramType")
    for order, (slug, name) in enumerate(PROGRAMS, start=1):
        ProgramType.objects.get_or_create(slug=slug, defaults={"name": name, "sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("lessons", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
