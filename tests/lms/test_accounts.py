"""Log-ins of imported learners: the one-time password on the slip, the forced change at
first log-in, throttling, a reset by staff, and a reset by e-mail."""

import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import resolve
from django.utils import translation

from lms.enrolment.importer import import_learners
from lms.enrolment.middleware import PasswordChangeRequiredMiddleware
from lms.models import Enrolment, LearnerProfile, LoginSlip

User = get_user_model()
EN = "/en"
LOGIN = f"{EN}/accounts/login/"
LOGOUT = f"{EN}/accounts/logout/"
DASHBOARD = f"{EN}/learn/"
CHANGE = f"{EN}/learn/enrolment/password/change/"
RESET = f"{EN}/learn/enrolment/password/reset/"
NEW_PASSWORD = "Cay-lua-xanh-2026"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def import_one(world, *, name="Hoàng Thị Mai", phone="0912345678", email=""):
    row = {"row": 2, "full_name": name, "date_of_birth": "12/05/1990", "phone": phone}
    row["email"] = email
    result = import_learners(world.klass, [row])
    assert result.created == 1
    return LearnerProfile.objects.select_related("user__login_slip").get(full_name=name)


def log_in(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password})


def change_password(client, password=NEW_PASSWORD):
    return client.post(CHANGE, {"new_password1": password, "new_password2": password})


def test_a_learner_logs_in_with_the_slip_must_choose_a_password_then_the_slip_is_dead(
    client, world
):
    profile = import_one(world)
    one_time = profile.user.login_slip.password

    response = log_in(client, "0912345678", one_time)
    assert response.status_code == 302 and response["Location"] == DASHBOARD
    # Every page sends the learner to the password form, the lessons included...
    assert client.get(DASHBOARD)["Location"] == CHANGE
    lesson = client.get(world.lessons[0].url)
    assert lesson.status_code == 302 and lesson["Location"].endswith("/password/change/")
    # ...which does not ask for the one-time password again.
    form = client.get(CHANGE)
    assert form.status_code == 200
    assert "old_password" not in form.context["form"].fields
    assert "You logged in with the one-time password from your slip" in form.content.decode()

    mismatch = client.post(CHANGE, {"new_password1": NEW_PASSWORD, "new_password2": "khac"})
    assert mismatch.status_code == 200 and LoginSlip.objects.filter(user=profile.user).exists()

    done = change_password(client)
    assert done.status_code == 302 and done["Location"] == DASHBOARD
    profile.refresh_from_db()
    assert not profile.must_change_password
    assert not LoginSlip.objects.filter(user=profile.user).exists()
    assert client.get(DASHBOARD).status_code == 200  # still signed in, free to go

    client.post(LOGOUT)
    refused = log_in(client, "0912345678", one_time)
    assert refused.status_code == 200 and "_auth_user_id" not in client.session
    assert log_in(client, "0912345678", NEW_PASSWORD).status_code == 302
    assert client.get(DASHBOARD).status_code == 200


def test_logging_out_is_allowed_before_choosing_a_password(client, world):
    profile = import_one(world)
    log_in(client, "0912345678", profile.user.login_slip.password)
    response = client.post(LOGOUT)
    assert response.get("Location", "") != CHANGE
    assert "_auth_user_id" not in client.session


def test_a_wrong_one_time_password_does_not_log_in(client, world):
    import_one(world)
    response = log_in(client, "0912345678", "aaaaaaaaaa")
    assert response.status_code == 200 and "_auth_user_id" not in client.session


def test_throttling_locks_a_slip_account_after_its_failure_limit(client, world):
    profile = import_one(world)
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert log_in(client, "0912345678", "sai-mat-khau").status_code == 200
    assert log_in(client, "0912345678", "sai-mat-khau").status_code == 429
    locked = log_in(client, "0912345678", profile.user.login_slip.password)
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_password_set_any_other_way_ends_the_slip(client, world):
    profile = import_one(world)
    one_time = profile.user.login_slip.password
    user = User.objects.get(pk=profile.user_id)
    user.set_password("dat-boi-quan-tri-2026")  # e.g. in the Wagtail admin
    user.save()
    profile.refresh_from_db()
    assert not profile.must_change_password
    assert not LoginSlip.objects.filter(user=user).exists()
    assert log_in(client, "0912345678", one_time).status_code == 200
    assert "_auth_user_id" not in client.session


def test_a_user_with_an_own_password_is_never_redirected_and_must_give_the_old_one(client, world):
    client.force_login(world.learner.user)
    assert client.get(DASHBOARD).status_code == 200
    form = client.get(CHANGE)
    assert "old_password" in form.context["form"].fields
    wrong = client.post(
        CHANGE,
        {"old_password": "sai", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert wrong.status_code == 200
    assert not User.objects.get(pk=world.learner.user_id).check_password(NEW_PASSWORD)


# --- Staff reset a learner's password -------------------------------------------------


def reset_url(world, profile, klass=None):
    klass = klass or world.klass
    return f"{EN}/learn/enrolment/classes/{klass.pk}/learners/{profile.pk}/reset-password/"


def test_staff_reset_gives_a_new_slip_and_ends_the_old_password(client, world, django_user_model):
    from django.test import Client

    profile = import_one(world)
    learner = Client()
    log_in(learner, "0912345678", profile.user.login_slip.password)
    change_password(learner)
    assert learner.get(DASHBOARD).status_code == 200

    client.force_login(world.staff)
    response = client.post(reset_url(world, profile))
    assert response.status_code == 302
    assert response["Location"].endswith(
        f"/learn/enrolment/classes/{world.klass.pk}/slips/?learner={profile.pk}"
    )
    slips = client.get(response["Location"])
    new_slip = LoginSlip.objects.get(user=profile.user)
    assert new_slip.created_by == world.staff
    text = slips.content.decode()
    assert new_slip.password in text and text.count('class="slip"') == 1
    user = django_user_model.objects.get(pk=profile.user_id)
    assert not user.has_usable_password()
    profile.refresh_from_db()
    assert profile.must_change_password

    # The learner's session ended with the old password, which no longer works.
    assert learner.get(DASHBOARD)["Location"].startswith(LOGIN)
    assert log_in(learner, "0912345678", NEW_PASSWORD).status_code == 200
    assert log_in(learner, "0912345678", new_slip.password).status_code == 302
    assert learner.get(DASHBOARD)["Location"] == CHANGE


def test_a_reset_also_lifts_a_lock_out(client, world):
    profile = import_one(world)
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "0912345678", "sai-mat-khau")
    assert log_in(client, "0912345678", profile.user.login_slip.password).status_code == 429
    staff = client.__class__()
    staff.force_login(world.staff)
    staff.post(reset_url(world, profile))
    new_password = LoginSlip.objects.get(user=profile.user).password
    assert log_in(client, "0912345678", new_password).status_code == 302


def test_a_reset_is_for_staff_only_and_for_learners_of_the_class(client, world):
    profile = import_one(world)
    old = profile.user.login_slip.password
    client.force_login(world.lecturer)  # lecturer of the class: may print slips, not reset
    assert client.post(reset_url(world, profile)).status_code == 403
    client.force_login(world.learner.user)
    assert client.post(reset_url(world, profile)).status_code == 403
    client.force_login(world.staff)
    assert client.get(reset_url(world, profile)).status_code == 405
    # A learner of another class, through this class's address: not found.
    assert client.post(reset_url(world, world.other_learner)).status_code == 404
    # Someone with admin access who is also a learner: not from here.
    lecturer_profile = LearnerProfile.objects.create(user=world.other_lecturer, full_name="GV")
    Enrolment.objects.create(training_class=world.klass, learner=lecturer_profile)
    assert client.post(reset_url(world, lecturer_profile)).status_code == 403
    assert LoginSlip.objects.get(user=profile.user).password == old
    assert not LoginSlip.objects.filter(user=world.other_lecturer).exists()


def test_the_accounts_page_lists_who_still_has_a_slip_and_offers_reset_to_staff(client, world):
    profile = import_one(world)
    client.force_login(world.staff)
    text = client.get(f"{EN}/learn/enrolment/classes/{world.klass.pk}/accounts/").content.decode()
    assert profile.full_name in text and world.learner.full_name in text
    assert reset_url(world, profile) in text
    client.force_login(world.lecturer)
    text = client.get(f"{EN}/learn/enrolment/classes/{world.klass.pk}/accounts/").content.decode()
    assert profile.full_name in text and reset_url(world, profile) not in text


# --- Reset by e-mail ----------------------------------------------------------------


def test_a_learner_with_an_e_mail_resets_the_password_by_themselves(client, world):
    profile = import_one(world, email="mai@example.com")
    response = client.post(RESET, {"email": "MAI@example.com"})
    assert response.status_code == 302 and response["Location"].endswith("/password/reset/sent/")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["mai@example.com"]
    link = re.search(
        re.escape(settings.PUBLIC_BASE_URL) + r"(/\S+/password/reset/\S+/)", mail.outbox[0].body
    )[1]
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200 and form_page.context["validlink"]
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert done.status_code == 302 and done["Location"].endswith("/password/reset/done/")
    profile.refresh_from_db()
    assert not profile.must_change_password
    assert not LoginSlip.objects.filter(user=profile.user).exists()
    assert log_in(client, "0912345678", NEW_PASSWORD).status_code == 302
    assert client.get(DASHBOARD).status_code == 200
    # The link works once.
    assert not client.get(link, follow=True).context["validlink"]


def test_no_mail_for_an_unknown_address(client, world):
    import_one(world)  # no e-mail
    response = client.post(RESET, {"email": "ai@example.com"})
    assert response.status_code == 302
    assert mail.outbox == []


# --- The middleware's cost ------------------------------------------------------------


def signed_in_request(rf, session, user):
    """A request as the middleware sees it: the session already read (to find the user)."""
    request = rf.get(DASHBOARD)
    request.session = session
    request.session.get("_auth_user_id")
    request.user = User.objects.get(pk=user.pk)
    return request


def middleware_call(request):
    middleware = PasswordChangeRequiredMiddleware(lambda request: HttpResponse())
    request.resolver_match = resolve(request.path_info)
    return middleware.process_view(request, None, (), {})


def test_visitors_who_are_not_signed_in_cost_no_query(client, world):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(RESET)
    assert response.status_code == 200
    assert len(queries) == 0


def test_a_signed_in_user_costs_one_profile_read_per_session(client, world, rf):
    client.force_login(world.learner.user)
    request = signed_in_request(rf, client.session, world.learner.user)
    with CaptureQueriesContext(connection) as first:
        assert middleware_call(request) is None
    assert [q["sql"] for q in first.captured_queries if "lms_learnerprofile" in q["sql"]]
    assert len(first) == 1
    request.user = User.objects.get(pk=world.learner.user_id)
    with CaptureQueriesContext(connection) as later:
        assert middleware_call(request) is None
    assert len(later) == 0


def test_a_learner_who_must_change_costs_one_query_per_request(client, world, rf):
    profile = import_one(world)
    request = signed_in_request(rf, client.session, profile.user)
    with CaptureQueriesContext(connection) as queries:
        response = middleware_call(request)
    assert response.status_code == 302 and response["Location"] == CHANGE
    assert len(queries) == 1
    request.user = AnonymousUser()
    with CaptureQueriesContext(connection) as queries:
        assert middleware_call(request) is None
    assert len(queries) == 0


def test_user_names_are_phone_numbers_when_free_else_fresh_codes(db, monkeypatch):
    from itertools import count

    from lms.enrolment import accounts

    User.objects.create_user("hv000001")
    User.objects.create_user("0912345678")
    numbers = count(1)
    monkeypatch.setattr(
        accounts, "generated_username", lambda digits=6: f"hv{next(numbers):0{digits}d}"
    )
    with CaptureQueriesContext(connection) as queries:
        names = accounts.assign_usernames([None, "0912345678", "0987654321", None])
    assert names == ["hv000002", "hv000003", "0987654321", "hv000004"]
    assert len(queries) == 2
