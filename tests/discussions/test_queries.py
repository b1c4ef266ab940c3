"""The thread page and the thread list run a constant number of queries."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lms.discussions import actions
from lms.discussions.models import Post, Thread

from .conftest import as_user

THREAD_PAGE_QUERIES = 10
THREAD_LIST_QUERIES = 10


def add_posts(thread, world, count):
    Post.objects.bulk_create(
        Post(
            thread=thread,
            author=world.learner.user if n % 2 else world.lecturer,
            enrolment=world.enrolment if n % 2 else None,
            source=f"Ý kiến **{n}**",
            html=f"<p>Ý kiến <strong>{n}</strong></p>",
        )
        for n in range(count)
    )
    thread.refresh_stats()


def measure(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    import os

    if os.environ.get("SHOWQ"):
        print(url, *[q["sql"][:150] for q in queries.captured_queries], sep="\n  ")
    return len(queries)


def test_thread_page_queries_do_not_grow_with_posts(client, world, thread):
    url = f"/learn/discussions/threads/{thread.pk}/?page=last"
    add_posts(thread, world, 9)
    for user in (world.learner.user, world.lecturer):
        as_user(client, user)
        client.get(url)
        few = measure(client, url)
        add_posts(thread, world, 190) if user == world.learner.user else None
        many = measure(client, url)
        assert few == many <= THREAD_PAGE_QUERIES, (user, few, many)
    assert thread.posts.count() == 200


def test_thread_list_queries_do_not_grow_with_threads(client, world):
    url = f"/learn/discussions/classes/{world.klass.pk}/"
    lesson_url = f"/learn/discussions/classes/{world.klass.pk}/lessons/{world.lessons[0].pk}/"

    def add_threads(count):
        now = timezone.now()
        threads = Thread.objects.bulk_create(
            Thread(
                training_class=world.klass,
                lesson=world.lessons[0] if n % 2 else None,
                title=f"Chủ đề {n}",
                author=world.learner.user,
                created_at=now,
                last_post_at=now,
            )
            for n in range(count)
        )
        for thread in threads[:3]:
            actions.mark_read(world.learner.user, thread)

    as_user(client, world.learner.user)
    add_threads(5)
    client.get(url)
    client.get(lesson_url)  # Wagtail remembers the site's root paths after the first
    few = (measure(client, url), measure(client, lesson_url))
    add_threads(95)
    many = (measure(client, url), measure(client, lesson_url))
    assert few == many
    assert max(many) <= THREAD_LIST_QUERIES
