from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiscussionsConfig(AppConfig):
    name = "lms.discussions"
    label = "lms_discussions"
    verbose_name = _("Discussions")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from lms import participation

        from .models import count_posts
        from .models.threads import posts_column

        participation.register(count_posts, column=posts_column)
