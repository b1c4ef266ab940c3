"""Extension points ``lessons`` offers, in one place (as signals.py lists signals).

Hooks are Wagtail hooks: register a function with ``@hooks.register(NAME, order=...)``
in a ``wagtail_hooks.py`` (or any module imported at start-up); lower ``order`` runs
first.

LESSON_PANELS = "lessons_lesson_panels"
    fn(request, page: LessonPage) -> str
    Safe HTML (``render_to_string``, ``format_html``; a plain str is escaped) to show
    at the end of the lesson, after the body, outside every cached fragment
    (so it may differ per user); "" for nothing. Called by ``LessonPage.get_context``,
    once per panel function, in hook order; the results are ``lesson_panels`` in the
    template context. Previews call it too (``request.is_preview`` is set). It runs on
    every view of the lesson: it must cost no query in the common case (use what is
    remembered for the request, e.g. ``page.get_course()``).
    Registered by: lms (order 0: progress and "I have finished this lesson"),
    lms.discussions (order 100: the link to the lesson's discussion).

Page attributes ``lessons`` reads (not hooks, but part of the same contract):

``cache_route = True`` on a page class
    ``PageRouteCacheMiddleware`` (page_cache.py) may keep where a page of this class was
    found, so the next request skips Wagtail's site look-up and tree walk. Who may see it
    is still checked on every request. Lessons' own pages set it; ``quizzes.QuizPage``
    sets it too.
"""

LESSON_PANELS = "lessons_lesson_panels"


def lesson_panels(request, page) -> list[str]:
    """The panels every registered function gives for this lesson, in hook order."""
    from wagtail import hooks

    return [html for fn in hooks.get_hooks(LESSON_PANELS) if (html := fn(request, page))]
