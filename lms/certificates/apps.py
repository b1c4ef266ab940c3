from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "lms.certificates"
    label = "lms_certificates"
    verbose_name = _("Certificates")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate, post_save

        from lms.models import Attendance
        from lms.signals import attendance_recorded, lesson_completed, lesson_requirement_changed
        from quizzes.signals import attempt_graded

        from . import events
        from .tasks import ensure_schedule

        post_migrate.connect(ensure_schedule, sender=self, dispatch_uid="lms_certificates.sweep")
        self.register_sweep()
        lesson_completed.connect(events.on_lesson_completed, dispatch_uid="lms_certificates.lesson")
        attempt_graded.connect(events.on_attempt_graded, dispatch_uid="lms_certificates.attempt")
        attendance_recorded.connect(
            events.on_attendance_recorded, dispatch_uid="lms_certificates.attendance"
        )
        post_save.connect(
            events.on_attendance_saved, sender=Attendance, dispatch_uid="lms_certificates.mark"
        )
        lesson_requirement_changed.connect(
            events.on_lesson_requirement_changed, dispatch_uid="lms_certificates.requirement"
        )

    def register_sweep(self):
        """The certificates' kinds of background work, re-driven by lms's sweep."""
        from lms import sweep

        from . import tasks

        sweep.register(
            sweep.Kind(
                "completion_checks",
                _("Completion checks not yet run"),
                due=lambda now, cutoff: tasks.evaluations_due(cutoff),
                redrive=tasks.evaluate_enrolments,
                age_field="since",
            )
        )
        sweep.register(
            sweep.Kind(
                "certificate_pdfs",
                _("Certificates issued and not yet rendered"),
                due=lambda now, cutoff: tasks.unrendered(cutoff),
                redrive=tasks.render_pdfs,
                age_field="issued_at",
            )
        )
