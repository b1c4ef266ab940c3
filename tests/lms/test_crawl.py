"""Every link a learner, a lecturer or a staff member meets, from /learn/, leads
somewhere: a crawl with the Django test client that follows each link within the site
and meets no 4xx or 5xx. Learners skip /admin (it sends them to log in); nobody follows
log-out; POST-only actions are forms, not links, so they are not followed."""

import re
from collections import deque
from decimal import Decimal
from urllib.parse import urldefrag, urlsplit

import pytest

from lms.certificates.models import CompletionRule
from lms.discussions import actions

from .test_path import path_world  # noqa: F401  (the fixture)

LINK = re.compile(r'<a\s[^>]*href="([^"]+)"')
SKIP = ("/accounts/logout", "/admin/logout", "/static/", "/media/", "/documents/")
# The admin is large: its own tests cover it; the crawl checks the links that lead
# there and a bounded number of pages within it.
ADMIN_PAGES = 60
PAGES = 400


def crawl(client, start="/learn/", admin=True):
    seen, failures, admin_seen = {start}, {}, 0
    queue = deque([(start, "(start)")])
    while queue and len(seen) < PAGES:
        url, source = queue.popleft()
        response = client.get(url)
        if response.status_code >= 400:
            failures[url] = (response.status_code, source)
            continue
        if response.status_code in (301, 302):
            target = response["Location"]
            if "/login/" in target:
                failures[url] = (f"{response.status_code} to log-in", source)
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        for href in LINK.findall(response.content.decode()):
            href = urldefrag(href.replace("&amp;", "&"))[0]
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not href.startswith("/"):
                continue
            if href.startswith(SKIP) or href in seen:
                continue
            if href.startswith("/admin"):
                if not admin or admin_seen >= ADMIN_PAGES:
                    continue
                admin_seen += 1
            seen.add(href)
            queue.append((href, url))
    return seen, failures


@pytest.fixture
def crawl_world(path_world):  # noqa: F811
    w = path_world
    rule = CompletionRule.objects.create(
        course=w.course,
        min_lessons_percent=100,
        min_attendance_percent=80,
        min_posts=1,
        essay_quiz=w.essay,
        min_essay_grade=Decimal(5),
    )
    rule.quizzes.set([w.quiz])
    actions.start_thread(
        w.learner.user, w.klass, title="Câu hỏi về Điều lệ", source="Xin hỏi.", lesson=w.lessons[0]
    )
    return w


@pytest.mark.parametrize("who", ["learner", "lecturer", "staff"])
def test_every_link_leads_somewhere(client, crawl_world, who):
    w = crawl_world
    user = {"learner": w.learner.user, "lecturer": w.lecturer, "staff": w.staff}[who]
    client.force_login(user)
    seen, failures = crawl(client, admin=who != "learner")
    assert failures == {}, failures
    # The learner's crawl reaches every quiz and the essay from /learn/.
    if who == "learner":
        assert {w.quiz.url, w.essay.url} <= seen
    assert len(seen) > 10
