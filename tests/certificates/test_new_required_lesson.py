"""A required lesson published while classes run (issue 18, item 8): staff choose per
running class whether it is required for it, from the warning and from the class; the
completion rules honour the choice."""

from django.urls import reverse

from lms import requirements
from lms.certificates.rules import evaluate, evaluate_class
from lms.models import ClassLessonChoice

from ..factories import add_lesson


def finished_then_new_lesson(cw):
    """Two running classes whose learners completed every lesson, then a new required
    lesson is published to the course: (new lesson, other class's enrolment)."""
    cw.rule(min_lessons_percent=100)
    mai = cw.other_class.enrolments.get()
    for enrolment in (cw.enrolment, mai):
        cw.complete_lessons(enrolment)
        assert evaluate(enrolment).met
    lesson = add_lesson(cw.course, title="Bài 4: Văn kiện mới", slug="bai-4")
    return lesson, mai


def test_publishing_warns_with_a_link_to_choose_per_class(cw, rf):
    from django.contrib.messages import get_messages
    from django.contrib.messages.storage.fallback import FallbackStorage

    from lms.wagtail_hooks import warn_of_a_raised_requirement

    lesson, mai = finished_then_new_lesson(cw)
    request = rf.post("/admin/pages/")
    request.session = {}
    request._messages = FallbackStorage(request)
    warn_of_a_raised_requirement(request, lesson)
    (message,) = list(get_messages(request))
    text = str(message.message)
    assert "2 lớp đang học" in text and mai.training_class.title in text
    assert "Hãy chọn bài này có bắt buộc đối với từng lớp hay không." in text
    assert reverse("lms_lesson_classes", args=[lesson.pk]) in text
    assert "Chọn cho từng lớp" in text


def test_a_class_that_opts_out_completes_without_the_new_lesson(
    cw, client, django_capture_on_commit_callbacks
):
    lesson, mai = finished_then_new_lesson(cw)
    # Both classes now require it: nobody is complete any more.
    assert not evaluate(cw.enrolment).met and not evaluate(mai).met

    client.force_login(cw.staff)
    url = reverse("lms_lesson_classes", args=[lesson.pk])
    page = client.get(url).content.decode()
    assert cw.klass.title in page and mai.training_class.title in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {f"required-{cw.klass.pk}": "no", f"required-{mai.training_class_id}": "yes"}
        )
    assert response.status_code == 302
    # The class that opted out is checked again at once: its learner gets the certificate.
    assert cw.enrolment.completion_records.count() == 1
    assert not mai.completion_records.exists()
    choice = ClassLessonChoice.objects.get(training_class=cw.klass, lesson=lesson)
    assert choice.required is False and choice.decided_by == cw.staff

    opted_out = evaluate(cw.enrolment)
    assert opted_out.met and opted_out.grades["lessons"] == "3/3"
    opted_in = evaluate(mai)
    assert not opted_in.met and opted_in.grades["lessons"] == "3/4"
    assert [check.key for check in opted_in.missing] == ["lessons"]


def test_a_learner_who_reads_the_optional_lesson_anyway_is_not_counted_over(cw):
    lesson, _mai = finished_then_new_lesson(cw)
    requirements.decide(cw.klass, lesson, False, cw.staff)
    from lms import progress

    progress.mark_completed(cw.enrolment, lesson)
    assert evaluate(cw.enrolment).grades["lessons"] == "3/3"


def test_the_choice_is_reachable_from_the_class_and_can_be_undone(cw, client):
    lesson, mai = finished_then_new_lesson(cw)
    client.force_login(cw.staff)
    edit = client.get(reverse("lms_classes:edit", args=[mai.training_class_id])).content.decode()
    url = reverse("lms_class_lessons", args=[mai.training_class_id])
    assert url in edit and "Bài bắt buộc của lớp" in edit
    page = client.get(url).content.decode()
    assert "Bài 4: Văn kiện mới" in page and "Bài 1: Lịch sử Đảng" in page
    client.post(url, {f"required-{lesson.pk}": "no"})
    assert evaluate_class(mai.training_class)[mai.pk].met
    client.post(url, {f"required-{lesson.pk}": "yes"})
    assert not evaluate_class(mai.training_class)[mai.pk].met


def test_only_centre_staff_choose(cw, client):
    lesson, _mai = finished_then_new_lesson(cw)
    client.force_login(cw.lecturer)
    url = reverse("lms_lesson_classes", args=[lesson.pk])
    assert client.get(url).status_code in (302, 403)
    assert client.post(url, {f"required-{cw.klass.pk}": "no"}).status_code in (302, 403)
    assert not ClassLessonChoice.objects.exists()
    assert not evaluate(cw.enrolment).met
