"""Defects a browser walk through a class found (issue 12): each test failed before
its mend."""

from django.urls import reverse

from quizzes import attempts


def _submit_essay(cw, commits):
    attempt = attempts.start_attempt(cw.essay, cw.learner.user, f"class:{cw.klass.pk}")
    attempts.save_answer(attempt, cw.essay_question.pk, text="Bài thu hoạch của tôi.")
    with commits():
        attempts.submit(attempt)
    return attempt


def test_a_submitted_essay_reads_waiting_for_grading_not_write_it(cw, client, commits):
    """Once the essay is in, My classes says it waits for a grade, with no link to write
    it again; graded, it shows the grade."""
    cw.full_rule()
    client.force_login(cw.learner.user)
    _submit_essay(cw, commits)
    html = client.get(reverse("lms:dashboard")).content.decode()
    assert "Bài thu hoạch</strong>: đã nộp, chờ chấm" in html
    assert f'→ <a href="{cw.essay.url}">' not in html
    assert "Làm bài thu hoạch" not in html


def test_no_attempts_left_still_leads_on_to_the_class_path(cw, client, commits):
    cw.quiz.max_attempts = 1
    cw.quiz.save_revision().publish()
    with commits():
        cw.take_quiz(cw.enrolment, right=False)
    client.force_login(cw.learner.user)
    html = client.get(cw.quiz.url).content.decode()
    assert "hết lượt" in html
    path = reverse("lms:class_path", args=[cw.klass.pk])
    assert f'href="{path}"' in html


def test_the_grading_queue_says_grade_first_and_stacks_on_a_phone(cw, client, commits):
    _submit_essay(cw, commits)
    client.force_login(cw.lecturer)
    html = client.get(reverse("quizzes_grading:index")).content.decode()
    row = html[html.index("<tbody>") :]
    # The action leads the row (a phone shows it first) and says what it does.
    assert row.index(">Chấm</a>") < row.index(cw.essay.title)
    assert ">Điểm</a>" not in html
    assert "@media (max-width: 50em)" in html and 'class="listing grading-queue"' in html


def test_a_graders_admin_home_counts_the_essays_waiting_in_vietnamese(
    cw, client, commits, django_user_model
):
    client.force_login(cw.lecturer)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Không có bài nào chờ chấm." in html
    _submit_essay(cw, commits)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "1 bài tự luận đang chờ chấm." in html
    assert f'href="{reverse("quizzes_grading:index")}"' in html
    # Wagtail's site summary ("17 Pages · 0 Images · 0 Documents", in English) is gone,
    # for everyone: it says nothing anyone here acts on.
    client.force_login(django_user_model.objects.create_superuser("quantri", password="x"))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "1 bài tự luận đang chờ chấm." in html
    assert 'class="w-summary"' not in html


def test_a_quiz_in_the_path_reads_as_its_title_alone(cw, client):
    client.force_login(cw.learner.user)
    html = client.get(reverse("lms:class_path", args=[cw.klass.pk])).content.decode()
    assert f">{cw.quiz.title}</a>" in html
    assert f"Bài kiểm tra: {cw.quiz.title}" not in html
    assert 'aria-label="Bài kiểm tra"' in html  # the marker still says what it is


def test_the_roster_is_wide_on_a_desktop_and_short_on_a_phone(cw, client):
    """The certificate column reads as a short standing, with what is missing on demand;
    the page takes a desktop's width."""
    cw.full_rule()
    client.force_login(cw.lecturer)
    html = client.get(reverse("lms:roster", args=[cw.klass.pk])).content.decode()
    assert 'class="wrap wrap-wide"' in html
    summary = html[html.index('<details class="standing">') :]
    summary = summary[: summary.index("</summary>")]
    assert "đạt 0/" in summary and "yêu cầu" in summary
    assert cw.quiz.title not in summary  # the details are behind the summary
    assert cw.quiz.title in html


def test_staff_reach_the_attendance_from_the_class_path(cw, client):
    attendance = reverse("lms_attendance", args=[cw.session.pk])
    client.force_login(cw.staff)
    html = client.get(reverse("lms:class_path", args=[cw.klass.pk])).content.decode()
    assert f'href="{attendance}"' in html
    client.force_login(cw.learner.user)
    html = client.get(reverse("lms:class_path", args=[cw.klass.pk])).content.decode()
    assert attendance not in html
