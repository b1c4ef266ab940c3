"""The centre's usual survey sheet as the default template, and the evaluation
permissions of the roles: staff (the director among them) manage surveys and see every
result and observation; lecturers see their own results and record observations."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

LECTURERS = "Giảng viên"
STAFF = "Cán bộ Trung tâm"

CRITERIA = [
    ("Nội dung bài giảng", "Chính xác, đầy đủ, cập nhật, có trọng tâm."),
    ("Phương pháp giảng dạy", "Lấy người học làm trung tâm, gợi mở, khuyến khích thảo luận."),
    ("Liên hệ thực tiễn", "Gắn với tình hình thực tế của địa phương, cơ sở."),
    ("Sử dụng thời gian", "Đúng giờ, phân bố thời gian hợp lý giữa giảng và thảo luận."),
    ("Tác phong, thái độ", "Nhiệt tình, chuẩn mực, tôn trọng học viên."),
]

MODELS = ["survey", "surveytemplate", "observation"]
ROLE_PERMISSIONS = {
    STAFF: [
        *[f"{action}_{model}" for model in MODELS for action in ("add", "change", "delete", "view")],
        "view_all_results",
        "view_all_observations",
    ],
    LECTURERS: ["view_own_results", "add_observation", "change_observation", "view_observation"],
}


def seed(apps, schema_editor):
    SurveyTemplate = apps.get_model("lms_evaluation", "SurveyTemplate")
    SurveyCriterion = apps.get_model("lms_evaluation", "SurveyCriterion")
    if not SurveyTemplate.objects.exists():
        template = SurveyTemplate.objects.create(
            name="Phiếu khảo sát ý kiến học viên về giảng viên",
            intro=(
                "Để nâng cao chất lượng giảng dạy, đề nghị đồng chí cho ý kiến về từng giảng "
                "viên đã dạy lớp. Phiếu không ghi tên; ý kiến của đồng chí được giữ kín."
            ),
            comments_prompt="Ý kiến khác, đề xuất với giảng viên và Trung tâm",
            is_default=True,
        )
        for order, (label, help_text) in enumerate(CRITERIA):
            SurveyCriterion.objects.create(
                template=template, sort_order=order, label=label, help_text=help_text
            )

    app_config = apps.get_app_config("lms_evaluation")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="lms_evaluation", codename__in=codenames
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("lms_evaluation", "0001_initial"),
        ("lms", "0002_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
