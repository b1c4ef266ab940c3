"""The scope matrix (issue 14): for every admin screen of the training apps and every
learner-facing URL, found by walking the URL resolver, and for each role, objects of
another centre are never shown and actions on them change nothing.

Each URL parameter is filled with an object of centre B (``KWARGS``; ``pk`` by the
view set's namespace in ``PK``), and each listing is asked with B's objects as filters
and as an export; the pages must not name anything of B (``Province.markers``). A URL
whose parameter is not mapped fails ``test_every_screen_is_covered``: map it to a B
object, or list it in ``NOT_CENTRE_DATA`` with the reason it holds nothing of a centre.
"""

import io
import zipfile

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from lms.models import CentreMembership, ClassSession, Enrolment, Organisation, TrainingClass

# How each URL parameter is filled: an attribute of the Province (a B object) or a value.
KWARGS = {
    "class_id": "class_b",
    "session_id": "session_b",
    "organisation_id": "org_b",
    "record_id": "record_b",
    "survey_id": "survey_b",
    "lecturer_id": "lecturer_b",
    "answer_id": "answer_b",
    "attempt_id": "attempt_b",
    "enrolment_id": "enrolment_b",
    "learner_id": "learner_b",
    "thread_id": "thread_b",
    "post_id": "post_b",
    "quiz_id": "essay",  # shared content: its reports must show only A's attempts
    "lesson_id": ("lessons", 0),  # shared content: its discussions only A's threads
}
# ``pk`` of a view set's URLs: the B object of its model.
PK = {
    "lms_classes": "class_b",
    "lms_sessions": "session_b",
    "lms_enrolments": "enrolment_b",
    "lms_learners": "learner_b",
    "lms_organisations": "org_b",
    "lms_centres": "centre_b",
    "lms_class_lecturers": "link_b",
    "lms_centre_memberships": "membership_b",
    "lms_class_chooser": "class_b",
    "lms_organisation_chooser": "org_b",
    "lms_evaluation_surveys": "survey_b",
    "lms_evaluation_observations": "observation_b",
    "lms_certificates_rules": "rule_b",
    "lms_certificates_settings": "settings_b",
    "lms_certificates_paperwork": "paperwork_b",
    "lms_reports_plan": "plan_b",
    "discussion_log": "moderation_b",
    "discussion_reports": "report_b",
    "wagtailusers_users": "staff_b",  # Wagtail's user screens (lms/admin/users.py)
}
# Screens that hold nothing of a centre, and why.
NOT_CENTRE_DATA = {
    "lms_evaluation_templates": "survey templates are the province's shared content",
    "quizzes_questions": "question banks are the province's shared content",
    "quizzes_categories": "question banks are the province's shared content",
    "lms_background_tasks": "operators' screen of the server's background work",
    "lms_background_tasks_retry": "operators' screen of the server's background work",
    "lms_background_tasks_redrive": "operators' screen of the server's background work",
    "lms:certificate_verify": "public verification of a certificate by its code",
    "lms:enrolment:rejected": "a one-time file of the importing user, by token",
    "lms:enrolment:password_reset_confirm": "a user's own password reset link",
    "lms:enrolment:template": "the empty import template",
    "lms:lesson_heartbeat": "a learner's own reading time (lesson: shared content)",
    "lms:complete_lesson": "a learner's own progress (lesson: shared content)",
    "quizzes_questions:regrade": "question banks are the province's shared content",
}
# Screens the province role must show B's objects on (it reads every centre).
PROVINCE_READS = [
    "lms_classes:index",
    "lms_learners:index",
    "lms_organisations:index",
    "lms_certificates_register",
]
# Filters a listing may take: each set to B's object.
FILTERS = {
    "training_class": "class_b",
    "organisation": "org_b",
    "centre": "centre_b",
    "class": "class_b",
    "learner": "learner_b",
    "lecturer": "lecturer_b",
}
ROLES = ["staff", "lecturer", "learner", "province", "superuser"]
SCOPED = {"staff", "lecturer", "learner"}
# Wagtail's user screens, narrowed to the editor's centres (lms/admin/users.py): in the
# matrix, and staff hold the user permissions an administrator may give them.
PEOPLE_SCREENS = "wagtailusers_users"
USER_PERMISSIONS = ["add_user", "change_user", "delete_user"]


def of_training_model(pattern) -> bool:
    """An admin view set's URL whose model belongs to the training apps."""
    model = getattr(pattern.callback, "view_initkwargs", {}).get("model")
    label = getattr(getattr(model, "_meta", None), "app_label", "")
    return label.startswith(("lms", "quizzes"))


def training_urls():
    """(name, route, parameters) of the admin screens of the training apps and of the
    learner-facing URLs, from the resolver."""
    found = {}

    def walk(patterns, route="", namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
                walk(pattern.url_patterns, route + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                name = namespace + pattern.name
                full = route + str(pattern.pattern)
                admin = full.startswith("admin/") and (
                    name.startswith(("lms", "quizzes", PEOPLE_SCREENS))
                    or of_training_model(pattern)
                )
                learner = name.startswith(("lms:", "quizzes:"))
                if admin or learner:
                    found.setdefault(name, (full, list(pattern.pattern.converters)))

    walk(get_resolver().url_patterns)
    return found


def exempt(name):
    return name in NOT_CENTRE_DATA or name.split(":")[0] in NOT_CENTRE_DATA


def fill(province, name, parameters):
    """The URL's parameters filled with B objects, or the first one that cannot be."""
    kwargs = {}
    for parameter in parameters:
        source = PK.get(name.split(":")[0]) if parameter in ("pk",) else KWARGS.get(parameter)
        if source is None:
            return None, parameter
        if isinstance(source, tuple):
            value = getattr(province, source[0])[source[1]]
        else:
            value = getattr(province, source)
        kwargs[parameter] = value.pk
    return kwargs, None


def test_every_screen_is_covered(province):
    """A new screen fails here until its parameters are mapped to B objects."""
    unmapped = []
    for name, (route, parameters) in sorted(training_urls().items()):
        if exempt(name):
            continue
        kwargs, missing = fill(province, name, parameters)
        if kwargs is None:
            unmapped.append(f"{name} ({route}): parameter “{missing}”")
    assert not unmapped, (
        "These URLs take a parameter the scope matrix cannot fill with an object of the "
        "other centre. Map the parameter in KWARGS (or the view set's namespace in PK) in "
        "tests/centres/test_scope_matrix.py, or list the URL name in NOT_CENTRE_DATA with "
        "why it holds nothing of a centre:\n" + "\n".join(unmapped)
    )
    assert len(training_urls()) > 150


def text_of(response) -> str:
    """What a response shows: HTML or text as is, the cells of an XLSX, the files of a ZIP
    by name; a PDF's text is not read (B's PDFs must be refused outright)."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response.get("Content-Type", "")
    if "spreadsheetml" in kind or content[:2] == b"PK":
        try:
            archive = zipfile.ZipFile(io.BytesIO(content))
        except zipfile.BadZipFile:
            return ""
        return " ".join(
            [*archive.namelist()]
            + [
                archive.read(n).decode("utf-8", "replace")
                for n in archive.namelist()
                if n.endswith(".xml")
            ]
        )
    if "pdf" in kind:
        return ""
    return content.decode("utf-8", "replace")


def leaks(province, text) -> list[str]:
    from html import escape

    return [m for m in province.markers if m in text or escape(m) in text]


def fingerprint(province):
    """B's data, to tell whether a refused action changed anything."""
    from lms.certificates.models import CompletionRecord
    from lms.discussions.models import Post, Thread
    from quizzes.models import Answer, Attempt

    rows = []
    for model in (TrainingClass, ClassSession, Enrolment, Organisation, CentreMembership):
        rows.append(sorted(model.objects.values_list("pk", flat=True)))
    for obj in (
        province.class_b,
        province.session_b,
        province.enrolment_b,
        province.learner_b,
        province.org_b,
        province.centre_b,
        province.survey_b,
        province.observation_b,
        province.settings_b,
        province.paperwork_b,
    ):
        rows.append(list(type(obj).objects.filter(pk=obj.pk).values()))
    rows.append(list(CompletionRecord.objects.filter(centre=province.centre_b).values()))
    rows.append(list(Thread.objects.filter(pk=province.thread_b.pk).values()))
    rows.append(list(Post.objects.filter(thread=province.thread_b).values()))
    rows.append(list(Attempt.objects.filter(pk=province.attempt_b.pk).values()))
    rows.append(list(Answer.objects.filter(pk=province.answer_b.pk).values()))
    return rows


def refused(response) -> bool:
    if response.status_code in (403, 404, 405, 400):
        return True
    return response.status_code in (301, 302) and "login" in response.get("Location", "")


def listing_query(province):
    return "&".join(f"{key}={getattr(province, attr).pk}" for key, attr in FILTERS.items())


@pytest.mark.parametrize("role", ROLES)
def test_the_scope_matrix(client, province, role):
    """GET every screen and POST every action on B's objects; list every listing with
    B's objects as filters and as an export."""
    from django.contrib.auth.models import Permission

    user = province.people[role]
    if role == "staff":
        user.user_permissions.add(
            *Permission.objects.filter(
                content_type__app_label="auth", codename__in=USER_PERMISSIONS
            )
        )
    client.force_login(user)
    problems, seen, exported = [], {}, set()
    for name, (route, parameters) in sorted(training_urls().items()):
        if exempt(name):
            continue
        kwargs, _missing = fill(province, name, parameters)
        if kwargs is None:
            continue  # reported by test_every_screen_is_covered
        url = reverse(name, kwargs=kwargs)
        address = f"{url}?{listing_query(province)}" if not parameters else url
        while address:
            response = client.get(address, HTTP_HOST="localhost")
            if response.status_code >= 500:
                problems.append(f"GET {address}: {response.status_code}")
                break
            text = text_of(response) if response.status_code == 200 else ""
            seen[name] = seen.get(name, "") + text
            if role in SCOPED and (found := leaks(province, text)):
                problems.append(f"GET {address} as {role} shows {found}")
            # A listing that offers an export is asked for it too.
            exports = not parameters and "export=" not in address and "export=xlsx" in text
            address = f"{address}&export=xlsx" if exports else None
            if exports:
                exported.add(name)
        if parameters and role != "superuser":
            with transaction.atomic():
                before = fingerprint(province)
                response = client.post(url, {"reason": "x", "status": "withdrawn"})
                if response.status_code >= 500:
                    problems.append(f"POST {url}: {response.status_code}")
                elif fingerprint(province) != before:
                    problems.append(f"POST {url} as {role} changed B's data")
                elif (
                    role in SCOPED
                    and response.status_code == 200
                    and leaks(province, text_of(response))
                ):
                    problems.append(f"POST {url} as {role} shows B's objects")
                transaction.set_rollback(True)
    if role in ("province", "superuser"):
        for name in PROVINCE_READS:
            if not leaks(province, seen.get(name, "")):
                problems.append(f"{role} does not see B's objects on {name}")
    assert not problems, "\n".join(problems)
    if role == "staff":  # the exports were read, not skipped
        assert {"lms_learners:index", "lms_certificates_register"} <= exported, exported
