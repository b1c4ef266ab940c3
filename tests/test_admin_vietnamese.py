"""Staff and lecturers work in Vietnamese: every admin screen they can reach, walked with
Vietnamese active, shows no English string of Django's or Wagtail's catalogues; nor does
the log-in page, nor the strings the admin's scripts render.

A Wagtail upgrade that brings a new string fails here, with the list of strings to add at
the end of portal/locale/vi/LC_MESSAGES/django.po (or djangojs.po); see docs/developers.md.
"""

import json
import re
from io import StringIO

import pytest
import wagtail
from babel.messages.pofile import read_po
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from .admin_crawl import SAME_IN_VIETNAMESE, english, one_edit_per_page_type, report, walk

pytestmark = pytest.mark.django_db


def crawl(user=None):
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return walk(client, one_edit_per_page_type() if user else ())


def test_the_checker_catches_english_and_lets_vietnamese_through():
    assert english("Save draft")
    assert english("Page 1 of 3")
    assert english("There are 61 matches")
    assert english("Search…")
    assert english("49 minutes trước")
    assert english("Editing Bài học: Lịch sử Đảng")
    assert not english("Lưu bản nháp")
    assert not english("Trang 1 / 3")
    assert not english("OK")
    assert not english("Nguyễn Văn An")


def test_staff_and_lecturers_meet_no_english_in_the_admin():
    call_command("seed_demo", stdout=StringIO())
    users = get_user_model().objects
    problems = []
    for who, user in [
        ("anonymous (log-in, password reset)", None),
        ("staff (canbo)", users.get(username="canbo")),
        ("lecturer (giangvien)", users.get(username="giangvien")),
    ]:
        found, visited = crawl(user)
        # The walk reached the screens it should, or it proves nothing.
        if user is None:
            assert "/admin/login/" in visited and "/admin/password_reset/" in visited
        else:
            assert len(visited) > 100, visited
            assert any("/account/" in url for url in visited)
        if user and user.username == "giangvien":
            assert sum("/edit/" in url and "/pages/" in url for url in visited) >= 4
            assert any("/pages/add/" in url for url in visited)
        if found:
            problems.append(f"{who}: {len(found)} English strings\n{report(found)}")
    assert not problems, "\n".join(problems)


def test_the_admin_scripts_strings_are_vietnamese(client):
    """Wagtail's scripts translate through its JavaScript catalogue (/admin/jsi18n/): each
    string they use has a Vietnamese translation there."""
    client.force_login(get_user_model().objects.create_superuser("quantri", password="x"))
    body = client.get("/admin/jsi18n/").content.decode()
    served = json.loads(re.search(r"const newcatalog = (\{.*?\});", body, re.S).group(1))
    path = next(iter(wagtail.__path__)) + "/admin/locale/en/LC_MESSAGES/djangojs.po"
    with open(path, "rb") as handle:
        catalogue = read_po(handle)
    missing = []
    for message in catalogue:
        if not message.id:
            continue
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        translation = served.get(key)
        if key in SAME_IN_VIETNAMESE:
            continue
        if not translation or (isinstance(translation, list) and not all(translation)):
            missing.append(key)
    assert not missing, "untranslated in djangojs:\n" + "\n".join(missing)


def test_the_admin_wears_the_centres_name_and_logo_and_points_to_our_guide(client):
    login = client.get("/admin/login/").content.decode()
    assert "<title>Đăng nhập - Vun Trồng</title>" in login
    assert "Đăng nhập vào Vun Trồng" in login
    assert "portal/logo.svg" in login and "icon-wagtail" not in login
    client.force_login(get_user_model().objects.create_superuser("quantri", password="x"))
    home = client.get("/admin/").content.decode()
    assert "- Vun Trồng</title>" in home and "/admin/editor-guide/" in home
    assert "guide.wagtail.org" not in home
    guide = client.get("/admin/editor-guide/").content.decode()
    assert "<h2>Soạn một bài học</h2>" in guide
    assert "Hướng dẫn biên tập" in guide


def test_lists_say_yes_and_no_and_the_grading_queue_has_its_own_title():
    call_command("seed_demo", stdout=StringIO())
    client = Client()
    client.force_login(get_user_model().objects.get(username="canbo"))
    for url in ("/admin/certificates/rules/", "/admin/evaluation/templates/"):
        listing = client.get(url).content.decode()
        assert ">True<" not in listing and ">False<" not in listing, url
        assert "Có</span>" in listing or "Không</span>" in listing, url
    client.force_login(get_user_model().objects.get(username="giangvien"))
    queue = client.get("/admin/quizzes/grading/").content.decode()
    title = re.search(r"<h1[^>]*>(.*?)</h1>", queue, re.S).group(1)
    assert "Bài tự luận cần chấm" in title, title
    assert "Trang Chủ" not in title
