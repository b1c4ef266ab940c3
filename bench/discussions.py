"""Discussion figures (bench/run.py can call measure(); runnable alone).

- thread_page_queries: SQL queries of a thread page of 200 posts (its last page), for
  the enrolled demo learner reading it again (target: at most 10);
- thread_list_queries: the class's thread list, same learner;
- post_render_per_s: typical posts (a few sentences, bold, a list, a link, a quote)
  turned from Markdown into sanitised HTML per second (rendering.render: the Markdown
  subset plus bleach's cleaning and linkifying pass), best of three rounds.

Alone, it builds a temporary demo site (migrate + seed_demo, production settings on
SQLite, like bench/run.py) and measures in a child process.
"""

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RENDER_POSTS = 2000
TYPICAL = [
    "Theo tôi, bài học **lấy dân làm gốc** vẫn nguyên giá trị: ở thôn tôi, việc gì bàn với "
    "dân trước thì làm được.\nCòn các đồng chí thấy sao?",
    "> **Nguyễn Văn An:**\n> Tôi đồng ý với ý kiến trên.\n\nThêm một ý:\n- đoàn kết trong chi "
    "bộ\n- gương mẫu của người đứng đầu\n- *sinh hoạt đều đặn*",
    "Có bài viết hay trên báo điện tử của Đảng: https://dangcongsan.vn, và [bản Điều lệ]"
    "(https://tulieuvankien.dangcongsan.vn), mời mọi người đọc trước buổi học. @giangvien",
    "Tôi sẽ giữ sổ ghi chép việc tốt mỗi tuần, như lời Bác dạy: *việc nhỏ mà ích lợi*. "
    "Ở chi đoàn, chúng tôi chia nhau kèm các em học sinh vùng cao học buổi tối." * 2,
]


def child() -> dict:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from lms.discussions import rendering
    from lms.discussions.models import Post, Thread
    from lms.models import Enrolment

    learner = get_user_model().objects.get(username="hocvien")
    enrolment = Enrolment.objects.filter(learner__user=learner).first()
    thread = Thread.objects.filter(training_class=enrolment.training_class).first()
    missing = 200 - thread.posts.count()
    Post.objects.bulk_create(
        Post(
            thread=thread,
            author=learner,
            enrolment=enrolment,
            source=TYPICAL[n % len(TYPICAL)],
            html=rendering.render(TYPICAL[n % len(TYPICAL)]),
        )
        for n in range(missing)
    )
    thread.refresh_stats()

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(learner)

    def queries(url):
        client.get(url, secure=True)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, secure=True)
        assert response.status_code == 200, (url, response.status_code)
        return len(captured)

    thread_page = queries(f"/learn/discussions/threads/{thread.pk}/?page=last")
    thread_list = queries(f"/learn/discussions/classes/{enrolment.training_class_id}/")

    rounds = []
    for _ in range(3):
        started = time.perf_counter()
        for n in range(RENDER_POSTS):
            rendering.render(TYPICAL[n % len(TYPICAL)])
        rounds.append(RENDER_POSTS / (time.perf_counter() - started))
    return {
        "thread_page_queries": float(thread_page),
        "thread_list_queries": float(thread_list),
        "post_render_per_s": round(max(rounds), 1),
    }


def measure() -> dict[str, float]:
    from bench.run import child_on_fresh_demo

    return child_on_fresh_demo(__file__, "discussions")


if __name__ == "__main__":
    if "--child" in sys.argv:
        print(json.dumps(child()))
    else:
        os.chdir(ROOT)
        print(json.dumps(measure()))
