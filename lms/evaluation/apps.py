from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    """Lecturer evaluation: anonymous learner surveys (phiếu khảo sát) and class
    observations (dự giờ)."""

    name = "lms.evaluation"
    label = "lms_evaluation"
    verbose_name = _("Lecturer evaluation")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_save

        from lms.models import TrainingClass

        from .surveys import open_when_finished

        post_save.connect(
            open_when_finished, sender=TrainingClass, dispatch_uid="lms_evaluation.open_survey"
        )
