"""Each admin reads the screens in their own language, whichever language the screen was
first built in. Wagtail builds a viewset's forms (their chooser buttons) and breadcrumbs
once per process; an English-preferring admin opening a screen first after a restart
must not leave "Choose a page (Course)" or "Home" behind for the Vietnamese staff, nor
the other way round."""

import pytest
from django.utils import translation
from wagtail.admin.widgets import AdminPageChooser
from wagtail.snippets.widgets import AdminSnippetChooser
from wagtail.users.models import UserProfile

from lessons.models import CoursePage, ProgramType

pytestmark = pytest.mark.django_db

SCREENS = {
    # address: (what an English-preferring admin reads, what a Vietnamese one reads)
    "/admin/training/classes/new/": ("Choose a page (Course)", "Chọn một trang (Khoá học)"),
    "/admin/training-plan/new/": ("Choose program", "Chọn chương trình"),
    # The breadcrumb back to the dashboard.
    "/admin/snippets/lessons/programtype/": ('href="/admin/"> Home', 'href="/admin/"> Trang chủ'),
}


def in_language(client, user, language):
    UserProfile.get_for_user(user)
    UserProfile.objects.filter(user=user).update(preferred_language=language)
    client.force_login(user)
    return client


def page(client, address):
    response = client.get(address)
    assert response.status_code == 200, address
    return " ".join(response.content.decode().split())


def test_each_admin_reads_choosers_and_breadcrumbs_in_their_own_language(client, world):
    # Whichever language built the screens before this test, one of the two admins
    # reads them in the other: English, then Vietnamese, then English again.
    for language in ("en", "vi", "en"):
        in_language(client, world.staff, language)
        for address, (english, vietnamese) in SCREENS.items():
            html = page(client, address)
            wanted, unwanted = (english, vietnamese) if language == "en" else (vietnamese, english)
            assert wanted in html, (language, address, wanted)
            assert unwanted not in html, (language, address, unwanted)


@pytest.mark.parametrize(("built", "read"), [("en", "vi"), ("vi", "en"), (None, "vi")])
def test_a_chooser_built_in_one_language_speaks_the_readers(built, read):
    with translation.override(built):
        page_chooser = AdminPageChooser(target_models=[CoursePage])
        snippet_chooser = AdminSnippetChooser(ProgramType)
    with translation.override(read):
        shown = (
            str(page_chooser.choose_one_text),
            str(snippet_chooser.choose_one_text),
            str(snippet_chooser.choose_another_text),
            str(snippet_chooser.link_to_chosen_text),
        )
    if read == "vi":
        assert shown == (
            "Chọn một trang (Khoá học)",
            "Chọn chương trình",
            "Chọn chương trình khác",
            "Sửa chương trình này",
        )
    else:
        assert shown == (
            "Choose a page (Course)",
            "Choose program",
            "Choose another program",
            "Edit this program",
        )


def test_a_text_given_to_a_chooser_is_kept():
    chooser = AdminSnippetChooser(ProgramType, choose_one_text="Chọn loại")
    assert chooser.choose_one_text == "Chọn loại"
    assert str(chooser.choose_another_text) == "Chọn chương trình khác"
