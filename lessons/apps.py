from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LessonsConfig(AppConfig):
    name = "lessons"
    verbose_name = _("Lessons")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.models import Page, PageViewRestriction, Site
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from .models import ProgramType
        from .page_cache import bump_version

        # Anything that changes what an anonymous visitor sees retires the page cache.
        for number, (signal, sender) in enumerate(
            [
                (page_published, None),
                (page_unpublished, None),
                (post_page_move, None),
                (post_delete, Page),
                (post_save, PageViewRestriction),
                (post_delete, PageViewRestriction),
                (post_save, Site),
                (post_save, ProgramType),
                (post_delete, ProgramType),
            ]
        ):
            signal.connect(
                bump_version,
                sender=sender,
                dispatch_uid=f"lessons.page_cache.{number}",
                weak=False,
            )
