from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LmsConfig(AppConfig):
    name = "lms"
    verbose_name = _("Training")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.conf import settings
        from django.contrib.auth.signals import user_logged_in
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate, post_save

        from quizzes.signals import attempt_graded

        # Registers the lesson-page hook that records progress, and the system checks.
        from . import checks, learning  # noqa: F401
        from .access import ACCESS, CENTRES
        from .collation import register_sqlite
        from .grades import attempt_graded as grade_received
        from .models.accounts import logged_in, password_set
        from .reminders import ensure_schedule

        # Names sort in Vietnamese order: SQLite learns the collation on each connection.
        connection_created.connect(register_sqlite, dispatch_uid="lms.collation.sqlite")
        post_migrate.connect(ensure_schedule, sender=self, dispatch_uid="lms.reminders.schedule")
        # The sweep re-drives background work whose task was lost: every minute, and
        # when a cluster worker starts.
        from django_q.signals import post_spawn

        from . import sweep

        post_migrate.connect(sweep.ensure_schedule, sender=self, dispatch_uid="lms.sweep.schedule")
        post_spawn.connect(sweep.on_cluster_start, dispatch_uid="lms.sweep.cluster_start")
        # Log-in slips: spent when a real password is set; a one-time log-in must
        # choose a password next.
        post_save.connect(
            password_set, sender=settings.AUTH_USER_MODEL, dispatch_uid="lms.login_slip_spent"
        )
        user_logged_in.connect(logged_in, dispatch_uid="lms.one_time_login")
        attempt_graded.connect(grade_received, dispatch_uid="lms.grades.attempt_graded")

        # What retires the remembered enrolments and centres is declared with each namespace.
        ACCESS.connect()
        CENTRES.connect()
