"""Extension points ``lms`` offers, in one place (as signals.py lists signals).

Sub-apps (``lms.certificates``, ``lms.evaluation``, ...) register Wagtail hooks with
``@hooks.register(NAME)``; the core calls each registered function once per page, with
every object of the page at once, so a sub-app answers in a fixed number of queries
however many classes or learners there are. Each call also gets ``Known``: the figures
the core has already counted for the page, so a sub-app need not count them again.

DASHBOARD_PANELS = "lms_dashboard_panels"
    fn(request, enrolments: list[Enrolment], known: Known) -> DashboardPanels | None
    The learner's dashboard ("My classes", lms.learning.dashboard). ``enrolments`` are
    the learner's active enrolments shown there (``training_class`` and its ``course``
    and ``centre`` loaded). Return panels for the top of the page (``page``: safe HTML
    strings) and for each class card (``classes``: {enrolment id: safe HTML}).
    Registered by: lms.evaluation (open surveys, on the page), lms.certificates (the
    certificate, or what is still missing, on each class).

DASHBOARD_LINKS = "lms_dashboard_links"
    fn(request, taking: list[TrainingClass], teaching: list[TrainingClass])
        -> DashboardLinks | None
    Links on the dashboard beside "Class path": on the card of each class the user takes
    (``taking``; shown once the class's lessons are open) or teaches (``teaching``), and
    at the foot of the page beside "Change my password" (``page``). Return them as
    ``Link(label, url)``; the core makes no query for them, and a sub-app should not either.
    Registered by: lms.discussions (the class's discussion; the learner's notification
    settings).

ROSTER_COLUMNS = "lms_roster_columns"
    fn(request, training_class, rows: list[Enrolment], known: Known)
        -> tuple[heading, {enrolment id: safe HTML}] | None
    A column of the lecturer's roster (lms.learning.roster). ``rows`` are the class's
    active enrolments with ``learner`` loaded and ``done``, ``present``, ``posts``
    annotated. Registered by: lms.certificates (each learner's standing).

ENROLMENT_COLUMNS = "lms_enrolment_columns"
    fn(page: "dashboard" | "roster") -> {name: expression}
    Columns a sub-app adds to the core's own query of enrolments on the dashboard and
    the roster (annotations over Enrolment; OuterRef("pk") is the enrolment), so that its
    panel or column needs no query of its own. The panel must still work without them
    (an enrolment fetched elsewhere has no such attribute). Registered by:
    lms.certificates (the enrolment's certificate), lms.evaluation (an open survey).

CLASS_ACTIONS = "lms_class_actions"
    fn(request, training_class) -> list[{"label", "url", "icon_name"}]
    What a sub-app offers to do with a class (empty when the user may not): the class
    list's "More" menu and the class's edit page (lms.admin.viewsets.class_actions).
    Registered by: lms.certificates ("Issue certificates", staff).

CLASS_DOCUMENTS = "lms_class_documents"
    fn(user, training_class) -> list[{"label", "url", "choices"?: [(label, url)]}]
    Documents to print for a class, only those the user may follow: the class's admin
    panel (lms.admin.panels). Registered by: lms.certificates (registers, decisions).

The lesson page's panels are a ``lessons`` hook: lessons/hooks.py (LESSON_PANELS); lms
registers the progress box there. Other ways sub-apps plug in: ``lms.participation``
(a registry of post counters) and the signals in signals.py.
"""

from dataclasses import dataclass, field

from wagtail import hooks

DASHBOARD_PANELS = "lms_dashboard_panels"
DASHBOARD_LINKS = "lms_dashboard_links"
ROSTER_COLUMNS = "lms_roster_columns"
ENROLMENT_COLUMNS = "lms_enrolment_columns"
CLASS_ACTIONS = "lms_class_actions"
CLASS_DOCUMENTS = "lms_class_documents"


@dataclass
class Known:
    """What the core has counted for the page; None where it has not.

    required: {course id: published required lessons}
    done: {enrolment id: required lessons completed}
    user_ids: {enrolment id: the learner's user id}
    sessions: {class id: sessions, held or still to come}   (roster only)
    present: {enrolment id: sessions attended}                (roster only)
    posts: {enrolment id: discussion posts}                   (roster only)
    attempts: {(quiz id, user id, context): [(number, state, score)]}, every attempt of
        the page's learners at the quizzes in ``quizzes``, in number order (dashboard only)
    quizzes: {quiz id: QuizPage} the published quizzes of the page's courses (dashboard)
    """

    required: dict[int, int]
    done: dict[int, int]
    user_ids: dict[int, int]
    sessions: dict[int, int] | None = None
    present: dict[int, int] | None = None
    posts: dict[int, int] | None = None
    attempts: dict[tuple, list] | None = None
    quizzes: dict[int, object] | None = None


@dataclass
class DashboardPanels:
    page: list[str] = field(default_factory=list)
    classes: dict[int, str] = field(default_factory=dict)


def dashboard_panels(request, enrolments, known: Known) -> tuple[list, dict[int, list]]:
    """Every registered function's panels in hook order: (the page's panels,
    {enrolment id: that class's panels})."""
    page: list = []
    classes: dict[int, list] = {}
    for fn in hooks.get_hooks(DASHBOARD_PANELS):
        panels = fn(request, enrolments, known)
        if panels is None:
            continue
        page.extend(html for html in panels.page if html)
        for enrolment_id, html in panels.classes.items():
            if html:
                classes.setdefault(enrolment_id, []).append(html)
    return page, classes


@dataclass
class Link:
    label: str
    url: str


@dataclass
class DashboardLinks:
    page: list[Link] = field(default_factory=list)
    classes: dict[int, list[Link]] = field(default_factory=dict)  # {class id: links}


def dashboard_links(request, taking, teaching) -> tuple[list[Link], dict[int, list[Link]]]:
    """Every registered function's links in hook order: (the page's links, {class id:
    that class's links})."""
    page: list[Link] = []
    classes: dict[int, list[Link]] = {}
    for fn in hooks.get_hooks(DASHBOARD_LINKS):
        links = fn(request, taking, teaching)
        if links is None:
            continue
        page.extend(links.page)
        for class_id, more in links.classes.items():
            classes.setdefault(class_id, []).extend(more)
    return page, classes


def roster_columns(request, training_class, rows, known: Known) -> list[tuple]:
    """[(heading, {enrolment id: html})], one per registered function that gives one."""
    columns = [fn(request, training_class, rows, known) for fn in hooks.get_hooks(ROSTER_COLUMNS)]
    return [column for column in columns if column is not None]


def enrolment_columns(page: str) -> dict:
    """Every registered sub-app's columns for the core's enrolment query of ``page``."""
    columns: dict = {}
    for fn in hooks.get_hooks(ENROLMENT_COLUMNS):
        columns.update(fn(page) or {})
    return columns
