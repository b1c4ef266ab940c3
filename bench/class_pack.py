"""The class pack's size (bench/run.py calls child() on its demo site; runnable alone).

- class_pack_bytes: what the demo learner's phone keeps to study the demo class offline
  (lms/offline/pack.py): the dashboard, the class path (outline and schedule), the course
  page, every lesson, quiz and essay page, their images at phone width, the stylesheet
  and scripts, the offline page; bytes before compression, as the class path page shows
  them before downloading (target: at most 1,572,864).

Alone, it builds a temporary demo site (migrate + seed_demo, production settings on
SQLite, like bench/run.py) and measures in a child process.
"""

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEMO_COURSE = "boi-duong-nhan-thuc-ve-dang"


def child() -> dict:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client

    from lms.models import Enrolment

    learner = get_user_model().objects.get(username="hocvien")
    enrolment = Enrolment.objects.filter(
        learner__user=learner, training_class__course__slug=DEMO_COURSE
    ).first()
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(learner)
    response = client.get(f"/learn/classes/{enrolment.training_class_id}/offline/", secure=True)
    assert response.status_code == 200, response.status_code
    return {"class_pack_bytes": response.json()["bytes"]}


def measure() -> dict:
    from bench.run import child_on_fresh_demo

    return child_on_fresh_demo(__file__, "class-pack")


if __name__ == "__main__":
    if "--child" in sys.argv:
        print(json.dumps(child()))
    else:
        os.chdir(ROOT)
        print(json.dumps(measure()))
