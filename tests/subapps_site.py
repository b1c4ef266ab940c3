"""The pages of a site with some lms sub-apps left out (tests/test_optional_subapps.py).

Run as ``python -m tests.subapps_site`` with DJANGO_SETTINGS_MODULE=tests.subapps_settings
(LMS_LEAVE_OUT names the sub-apps to leave out) and DATABASE_URL a SQLite file: checks
the site, migrates the file, builds a class and prints, as JSON, what each persona's pages
answered and their links into each sub-app. ``visit`` is also called in the test's own
process, on the site with every sub-app, to show the links are there to miss."""

import json
import re
import sys

import django

# A page's links into each sub-app: its pages under /learn/ (lms/urls.py) and its admin
# screens (their wagtail_hooks).
LINKS = {
    "lms.certificates": r"/learn/certificates/|/admin/certificates/",
    "lms.discussions": r"/learn/discussions/|/admin/discussions/",
    "lms.evaluation": r"/learn/evaluation/|/admin/evaluation/",
    "lms.reports": r"/admin/training-reports/|/admin/training-plan/",
}


def add_rules(world) -> None:
    """Where certificates are installed, the course's completion rules ask for posts in
    the class discussion too (the dashboard's certificate panel lists what is missing)."""
    from django.apps import apps

    if apps.is_installed("lms.certificates"):
        from lms.certificates.models import CompletionRule

        CompletionRule.objects.create(course=world.course, min_posts=2)


def _text(response) -> str:
    """A page's HTML, or a spreadsheet's cells as text."""
    if response.get("Content-Type", "").startswith("application/vnd.openxmlformats"):
        from io import BytesIO

        from openpyxl import load_workbook

        sheet = load_workbook(BytesIO(response.content), read_only=True).active
        return "\n".join(str(cell) for row in sheet.iter_rows(values_only=True) for cell in row)
    return response.content.decode()


def visit(world) -> list[dict]:
    """Each persona's pages: [{"persona", "url", "status", "links": {app: [href]},
    "posts_column": whether it shows the roster's discussion posts, "posts_rule": whether
    it asks for a minimum of posts}], or "error" in place of the status and the rest when
    the page raised. With certificates, staff also open the form of a completion rule."""
    from django.apps import apps
    from django.test import Client
    from django.urls import reverse
    from django.utils import translation

    with translation.override("vi"):  # the site's language, at addresses without /en/
        posts_heading = translation.gettext("Discussion posts")

    pages = {
        "learner": [
            reverse("lms:dashboard"),
            reverse("lms:class_path", args=[world.klass.pk]),
            world.lessons[0].url,
        ],
        "lecturer": [reverse("lms:dashboard"), reverse("lms:roster", args=[world.klass.pk])],
        "staff": [
            reverse("wagtailadmin_home"),
            reverse("lms_classes:edit", args=[world.klass.pk]),
            reverse("lms:roster", args=[world.klass.pk]),
            reverse("lms:roster", args=[world.klass.pk]) + "?format=xlsx",
        ],
    }
    if apps.is_installed("lms.certificates"):
        pages["staff"].append(reverse("lms_certificates_rules:add"))
    users = {"learner": world.learner.user, "lecturer": world.lecturer, "staff": world.staff}
    answers = []
    for persona, urls in pages.items():
        client = Client()
        client.force_login(users[persona])
        for url in urls:
            answer: dict = {"persona": persona, "url": url}
            try:
                response = client.get(url)
            except Exception as error:  # noqa: BLE001 - reported to the test, which fails
                answer["error"] = f"{type(error).__name__}: {error}"
            else:
                html = _text(response)
                # Links, and the admin menu's addresses (JSON in a script).
                hrefs = re.findall(r'"(/[^"\s]*)"', html)
                answer["status"] = response.status_code
                answer["posts_column"] = posts_heading in html
                answer["posts_rule"] = 'name="min_posts"' in html
                answer["links"] = {
                    app: sorted({href for href in hrefs if re.search(pattern, href)})
                    for app, pattern in LINKS.items()
                }
            answers.append(answer)
    return answers


def main() -> None:
    django.setup()
    from django.core.management import call_command

    call_command("check", fail_level="ERROR")
    call_command("migrate", interactive=False, verbosity=0)
    call_command("makemigrations", check=True, dry_run=True, verbosity=0)

    from tests.lms.personas import World

    world = World()
    add_rules(world)
    json.dump(visit(world), sys.stdout)


if __name__ == "__main__":
    main()
