from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuizzesConfig(AppConfig):
    name = "quizzes"
    verbose_name = _("Quizzes")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate

        from .models import QuizPage
        from .tasks import ensure_schedule
        from .text import register_sqlite_fold
        from .views import serve_quiz

        # The quiz page is served by a view; the model does not import it.
        QuizPage.page_view = staticmethod(serve_quiz)

        # The admin's searches fold diacritics in the database (quizzes.text.Folded).
        connection_created.connect(register_sqlite_fold, dispatch_uid="quizzes.sqlite_fold")

        # The scheduled task that closes attempts whose time ran out while the learner
        # was away.
        post_migrate.connect(
            ensure_schedule, sender=self, dispatch_uid="quizzes.close_overdue.schedule"
        )
