"""The learner's pages: the quiz, the attempt (page by page, works without JavaScript),
the submission, the result; and the JSON endpoints quiz.js uses (autosave, status).

Every view of an attempt checks that it is the user's own (someone else's is not found),
and every refusal of the domain is an ``AttemptError`` shown as a message with its
``status``. Nothing here shows the answer key before submission: the attempt page
renders ``attempt_payload`` alone, the result page ``review_payload``.
"""

import json

from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import access, attempts, errors, grading, offline
from .models import Attempt, Question
from .review import review_payload

# Questions on one page of the attempt form.
PAGE_SIZE = 5
# The largest autosave body accepted, in bytes: a written answer of MAX_TEXT_LENGTH
# characters of Vietnamese text (up to 3 bytes each in UTF-8, 6 when JSON-escaped).
MAX_AUTOSAVE_BYTES = attempts.MAX_TEXT_LENGTH * 6 + 4096

CHOICE_KINDS = {str(kind) for kind in Question.CHOICE_KINDS}


# --- The quiz page ----------------------------------------------------------------------


def serve_quiz(quiz, request):
    """QuizPage.serve: anonymous visitors log in, users who may not take it get a 404."""
    if getattr(request, "is_preview", False):
        return render(request, quiz.get_template(request), {"page": quiz, "preview": True})
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not access.can_attempt(request.user, quiz):
        raise Http404
    context = access.attempt_context(request.user, quiz)
    error = None
    if request.method == "POST":
        try:
            attempt = access.start_attempt(request.user, quiz, context)
        except errors.AttemptError as refused:
            error = refused
        else:
            return redirect("quizzes:attempt", attempt_id=attempt.pk)
    elif request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    rules = quiz.rules_for(request.user, context)
    previous = list(
        Attempt.objects.filter(quiz=quiz, user=request.user, context=context).order_by("number")
    )
    active = next((attempt for attempt in previous if attempt.is_active), None)
    finished = [
        (attempt.number, attempt.state, attempt.score)
        for attempt in previous
        if attempt.state in Attempt.FINISHED
    ]
    final = grading._final(quiz.grading_method, finished)
    attempts_left = max(0, rules.max_attempts - len(previous)) if rules.max_attempts else None
    response = render(
        request,
        quiz.get_template(request),
        {
            "page": quiz,
            "self": quiz,
            "rules": rules,
            "time_limit_minutes": int(rules.time_limit.total_seconds() // 60)
            if rules.time_limit
            else None,
            "previous": previous,
            "active": active,
            "attempts_left": attempts_left,
            "can_start": active is not None or attempts_left != 0,
            "final_grade": final,
            "final_passed": quiz.is_pass(final) if final is not None else None,
            "error": error,
            "way_on": access.context_home(context),
        },
        status=error.status if error else 200,
    )
    return response


# --- Helpers --------------------------------------------------------------------------


def _own(request, attempt_id) -> Attempt:
    """The user's attempt with its quiz; someone else's (or none) is not found."""
    attempt = Attempt.objects.select_related("quiz").filter(pk=attempt_id).first()
    if attempt is None:
        raise Http404
    try:
        access.own_attempt(request.user, attempt)
    except errors.NotYourAttempt:
        raise Http404 from None
    attempt.user = request.user._wrapped if hasattr(request.user, "_wrapped") else request.user
    return attempt


def _queued_submission(request) -> dict:
    """quiz.js sends a submission made offline as {"submitted_at", "offline": true}."""
    if request.content_type != "application/json" or len(request.body) > 1024:
        return {}
    try:
        data = json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def _wants_json(request) -> bool:
    return request.headers.get("Accept", "").startswith("application/json")


def _json_error(error: errors.AttemptError) -> JsonResponse:
    return JsonResponse({"error": str(error)}, status=error.status)


def _page(questions, value) -> Page:
    """The page of the attempt's questions asked for by number; the first page when the
    number is not one, the nearest page when it is out of range."""
    paginator = Paginator(questions, PAGE_SIZE)
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = 1
    return paginator.page(min(max(number, 1), paginator.num_pages))


def _answered(question) -> bool:
    answer = question["answer"]
    return bool(answer["choice_ids"] or answer["text"].strip())


def _decorate(questions):
    """Template helpers: the chosen options marked, the kind of input to show."""
    for question in questions:
        chosen = set(question["answer"]["choice_ids"])
        question["input"] = (
            "checkbox"
            if question["kind"] == Question.Kind.MULTIPLE
            else "radio"
            if question["kind"] in CHOICE_KINDS
            else "text"
            if question["kind"] == Question.Kind.SHORT
            else "textarea"
        )
        for option in question["options"]:
            option["chosen"] = option["id"] in chosen
        question["answered"] = _answered(question)
    return questions


def _minutes_left(payload) -> int | None:
    seconds = payload["seconds_left"]
    return None if seconds is None else (seconds + 59) // 60


def _render_attempt(request, attempt, payload, number, problems=(), status=200):
    questions = payload["questions"]
    page = _page(questions, number)
    return render(
        request,
        "quizzes/attempt.html",
        {
            "attempt": attempt,
            "quiz": attempt.quiz,
            "payload": payload,
            "minutes_left": _minutes_left(payload),
            "questions": _decorate(page.object_list),
            "page_number": page.number,
            "pages": page.paginator.num_pages,
            "page_range": page.paginator.page_range,
            "has_previous": page.has_previous(),
            "has_next": page.has_next(),
            "answered_count": sum(1 for question in questions if _answered(question)),
            "question_count": len(questions),
            "errors": problems,
            "server_now": timezone.now().isoformat(),
        },
        status=status,
    )


def _render_closed(request, attempt, error):
    return render(
        request,
        "quizzes/closed.html",
        {"attempt": attempt, "quiz": attempt.quiz, "error": error},
        status=error.status,
    )


# --- The attempt page ----------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def attempt_page(request, attempt_id):
    """One page of the attempt's questions. A POST saves the answers shown on that page
    (an unticked question is cleared), then goes to the page asked for, or to the
    confirmation before submitting."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    attempt = _own(request, attempt_id)
    if not attempt.is_active:
        return redirect("quizzes:result", attempt_id=attempt.pk)
    if request.method != "POST":
        payload = attempts.attempt_payload(attempt)
        return _render_attempt(request, attempt, payload, request.GET.get("page"))

    payload = attempts.attempt_payload(attempt)
    questions = payload["questions"]
    page = _page(questions, request.POST.get("page"))
    problems: list[tuple[int, errors.AttemptError]] = []
    for question in page.object_list:
        field = f"q-{question['id']}"
        try:
            if question["kind"] in CHOICE_KINDS:
                attempts.save_answer(attempt, question["id"], request.POST.getlist(field))
            else:
                attempts.save_answer(attempt, question["id"], text=request.POST.get(field, ""))
        except errors.InvalidAnswer as error:
            # The other answers on the page are still saved; this one is not.
            problems.append((question["position"], error))
        except errors.AttemptError as error:
            attempt.refresh_from_db()
            if not attempt.is_active:
                return _render_closed(request, attempt, error)
            problems.append((question["position"], error))
    if problems:
        payload = attempts.attempt_payload(attempt)
        return _render_attempt(
            request, attempt, payload, page.number, problems, problems[0][1].status
        )
    action = request.POST.get("action", "next")
    if action == "finish":
        return redirect("quizzes:submit", attempt_id=attempt.pk)
    if action.startswith("page-"):
        target = _page(questions, action[5:])
    else:
        target = _page(questions, page.number + {"previous": -1, "next": 1}.get(action, 0))
    url = reverse("quizzes:attempt", kwargs={"attempt_id": attempt.pk})
    return redirect(f"{url}?page={target.number}")


@require_http_methods(["GET", "HEAD", "POST"])
def submit_page(request, attempt_id):
    """GET: "Submit your attempt?" with the questions left unanswered. POST: submit
    (a second submit, from another tab or a replay, changes nothing) and show the result."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    attempt = _own(request, attempt_id)
    result_url = reverse("quizzes:result", kwargs={"attempt_id": attempt.pk})
    if request.method == "POST":
        queued = _queued_submission(request)
        try:
            attempts.submit(
                attempt,
                submitted_at=offline.parse_moment(queued.get("submitted_at")),
                offline=queued.get("offline") is True,
            )
        except errors.AttemptError as error:
            if _wants_json(request):
                return _json_error(error)
            return _render_closed(request, attempt, error)
        if _wants_json(request):
            return JsonResponse({"state": str(attempt.state), "result": result_url})
        return redirect(result_url)
    if not attempt.is_active:
        return redirect(result_url)
    payload = attempts.attempt_payload(attempt)
    unanswered = [q["position"] for q in payload["questions"] if not _answered(q)]
    return render(
        request,
        "quizzes/submit.html",
        {
            "attempt": attempt,
            "quiz": attempt.quiz,
            "payload": payload,
            "minutes_left": _minutes_left(payload),
            "unanswered": unanswered,
            "question_count": len(payload["questions"]),
            "server_now": timezone.now().isoformat(),
        },
    )


# --- The result page -------------------------------------------------------------------


def _result_context(attempt) -> dict:
    review = review_payload(attempt)
    for question in review["questions"]:
        question["input"] = "choice" if question["kind"] in CHOICE_KINDS else "text"
    return {
        "attempt": attempt,
        "quiz": attempt.quiz,
        "review": review,
        "graded": attempt.state == Attempt.State.GRADED,
        "waiting": attempt.state == Attempt.State.SUBMITTED,
        "way_on": access.context_home(attempt.context),
    }


@require_GET
def result_page(request, attempt_id):
    """ "Grading..." until the attempt is graded (quiz.js polls the status endpoint), then
    the grade on the 10-point scale, pass or fail, and what the quiz lets the learner
    review."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    attempt = _own(request, attempt_id)
    if attempt.is_active:
        return redirect("quizzes:attempt", attempt_id=attempt.pk)
    return render(request, "quizzes/result.html", _result_context(attempt))


# --- JSON endpoints for quiz.js ----------------------------------------------------------


@require_POST
def autosave(request, attempt_id):
    """Save one answer: {"question": id, "choices": [option ids]} or
    {"question": id, "text": "..."}. Answers {"saved_at", "seconds_left"}, or
    {"error": message} with the refusal's status."""
    attempt = _own(request, attempt_id)
    if len(request.body) > MAX_AUTOSAVE_BYTES:
        return _json_error(
            errors.AnswerTooLong(limit=attempts.MAX_TEXT_LENGTH, length=len(request.body))
        )
    try:
        data = json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError):
        data = None
    if not isinstance(data, dict) or "question" not in data:
        return JsonResponse({"error": _("The request is not a valid answer.")}, status=400)
    try:
        answer = attempts.save_answer(
            attempt,
            data.get("question"),
            data.get("choices"),
            data.get("text"),
            sequence=offline.parse_sequence(data.get("sequence")),
            saved_at=offline.parse_moment(data.get("saved_at")),
            offline=data.get("offline") is True,
        )
    except errors.AttemptError as error:
        return _json_error(error)
    return JsonResponse(
        {
            "saved_at": answer.saved_at.isoformat() if answer.saved_at else None,
            "seconds_left": attempts.seconds_left(attempt),
            "sequence": answer.sequence,
            "stale": answer.stale,
        }
    )


@require_GET
def status(request, attempt_id):
    """The attempt's state; once graded, the grade and the result block's HTML."""
    attempt = _own(request, attempt_id)
    body = {"state": str(attempt.state), "graded": attempt.state == Attempt.State.GRADED}
    if attempt.is_active:
        body["seconds_left"] = attempts.seconds_left(attempt)
    elif body["graded"]:
        context = _result_context(attempt)
        body["score"] = str(attempt.score)
        body["passed"] = attempt.quiz.is_pass(attempt.score)
        body["html"] = render_to_string("quizzes/includes/result_body.html", context, request)
    return JsonResponse(body)
