"""Load the demo site: a home page, the course catalogue, demo courses and lessons,
and demo accounts. Safe to run again: what exists is left as it is."""

import os

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page, Site

from lessons.access import CourseAccess
from lessons.models import CourseIndexPage, CoursePage, LessonPage, ProgramType
from lms.models import LearnerProfile
from lms.roles import LEARNERS, LECTURERS, PROVINCE, STAFF
from portal.demo.content import COURSES
from portal.demo.province import seed_province
from portal.demo.quizzes import seed_quizzes
from portal.demo.training import seed_training
from portal.models import HomePage

# The resolution course is open to anyone; the Party awareness course is for its classes.
COURSE_ACCESS = {"nghi-quyet-dai-hoi-xiii": CourseAccess.OPEN}
DEMO_ACCOUNTS = [
    # user name, full name, role
    ("admin", "Quản trị Hệ thống", "admin"),
    ("canbo", "Hoàng Thị Lan", "staff"),
    ("giangvien", "Nguyễn Thị Hoa", "instructor"),
    ("hocvien", "Trần Văn Minh", "learner"),
    # The province (issue 14): Hàm Yên's staff and lecturer, and the province's board.
    ("canbo-hy", "Lý Thị Thu", "staff"),
    ("giangvien-hy", "Ma Văn Hùng", "instructor"),
    ("tinh", "Phạm Quốc Tuấn", "province"),
]
DEMO_LEARNERS = 60


class Command(BaseCommand):
    help = "Create the demo site, courses, lessons and accounts (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            default=os.environ.get("DEMO_PASSWORD", "vuntrong-demo"),
            help="Password for new demo accounts (default: vuntrong-demo or $DEMO_PASSWORD).",
        )
        parser.add_argument("--no-accounts", action="store_true", help="Only load content.")

    @transaction.atomic
    def handle(self, *args, password, no_accounts, **options):
        home = self.home_page()
        catalogue = self.child(
            home,
            CourseIndexPage,
            slug="khoa-hoc",
            title="Khoá học",
            intro="<p>Các khoá bồi dưỡng lý luận chính trị: học trực tuyến trước, gặp nhau tại lớp sau.</p>",
        )
        for course_data in COURSES:
            lessons = course_data["lessons"]
            course = self.child(
                catalogue,
                CoursePage,
                slug=course_data["slug"],
                title=course_data["title"],
                program=ProgramType.objects.get(slug=course_data["program"]),
                audience=course_data["audience"],
                summary=course_data["summary"],
                expected_hours=course_data["expected_hours"],
                access=COURSE_ACCESS.get(course_data["slug"], CourseAccess.CATALOGUE),
            )
            for lesson in lessons:
                self.child(
                    course,
                    LessonPage,
                    slug=lesson["slug"],
                    title=lesson["title"],
                    summary=lesson["summary"],
                    estimated_minutes=lesson["minutes"],
                    body=[stream_item(kind, value) for kind, value in lesson["body"]],
                )
        if not no_accounts:
            self.accounts(catalogue, password)
            awareness = CoursePage.objects.get(slug="boi-duong-nhan-thuc-ve-dang")
            seed_training(awareness, self.stdout)
            seed_quizzes(awareness, self.stdout)
            # The sub-apps' demo data only on a site that has them (each module imports
            # its sub-app's models).
            if apps.is_installed("lms.evaluation"):
                from portal.demo.evaluation import seed_evaluation

                seed_evaluation(awareness, self.stdout, password)
            if apps.is_installed("lms.discussions"):
                from portal.demo.discussions import seed_discussions

                seed_discussions(awareness, self.stdout)
            if apps.is_installed("lms.reports"):
                from portal.demo.reports import seed_reports

                seed_reports(self.stdout)
            seed_province(awareness, self.stdout)
            if apps.is_installed("lms.certificates"):
                from portal.demo.certificates import seed_certificates

                seed_certificates(awareness, self.stdout)

    def home_page(self) -> HomePage:
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        home = HomePage.objects.first()
        if home is None:
            root = Page.get_first_root_node()
            home = root.add_child(
                instance=HomePage(
                    title="Vun Trồng: học tập lý luận chính trị",
                    slug="trang-chu",
                    intro=(
                        "<p>Đọc bài học trên điện thoại, làm bài kiểm tra, thảo luận cùng lớp "
                        "trước khi lên lớp tập trung tại Trung tâm.</p>"
                    ),
                )
            )
            home.save_revision().publish()
        if site is None:
            Site.objects.create(
                hostname="localhost", root_page=home, is_default_site=True, site_name="Vun Trồng"
            )
        elif site.root_page_id != home.pk:
            old_root = site.root_page
            site.root_page = home
            site.site_name = site.site_name or "Vun Trồng"
            site.save()
            # Wagtail's placeholder "Welcome" page goes once nothing points at it.
            if type(old_root.specific) is Page and not old_root.get_children().exists():
                old_root.delete()
        return home

    def child(self, parent, model, *, slug, **fields):
        existing = model.objects.child_of(parent).filter(slug=slug).first()
        if existing:
            return existing
        page = parent.add_child(instance=model(slug=slug, **fields))
        page.save_revision().publish()
        self.stdout.write(f"  + {model._meta.verbose_name}: {page.title}")
        return page

    def accounts(self, catalogue, password):
        instructors = self.instructors_group(catalogue)
        User = get_user_model()
        self.stdout.write(
            self.style.MIGRATE_HEADING("Demo accounts (log in at /admin/ or /accounts/login/):")
        )
        for username, full_name, role in DEMO_ACCOUNTS:
            # Vietnamese order: family and middle names, then the given name, which is
            # what get_full_name() ("first last") shows.
            family, _, given = full_name.rpartition(" ")
            user, created = User.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": family,
                    "last_name": given,
                    "email": f"{username}@example.org",
                },
            )
            if created:
                user.set_password(password)
                user.is_staff = role in {"admin", "instructor", "staff", "province"}
                user.is_superuser = role == "admin"
                user.save()
            if role == "instructor":
                user.groups.add(instructors)
            elif role == "staff":
                user.groups.add(Group.objects.get(name=STAFF))
            elif role == "province":
                user.groups.add(Group.objects.get(name=PROVINCE))
            elif role == "learner":
                user.groups.add(Group.objects.get(name=LEARNERS))
                LearnerProfile.objects.get_or_create(user=user, defaults={"full_name": full_name})
            shown = password if created else "(unchanged)"
            self.stdout.write(f"  {role:<10} {username:<10} {shown}")

    def instructors_group(self, catalogue) -> Group:
        group, _ = Group.objects.get_or_create(name=LECTURERS)
        group.permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
            *Permission.objects.filter(
                content_type__app_label="lessons",
                codename__in=["add_programtype", "change_programtype"],
            ),
        )
        for codename in ["add_page", "change_page", "publish_page"]:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=catalogue,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )
        root_collection = Collection.get_first_root_node()
        for app_label, codenames in {
            "wagtailimages": ["add_image", "choose_image"],
            "wagtaildocs": ["add_document", "choose_document"],
        }.items():
            for codename in codenames:
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=root_collection,
                    permission=Permission.objects.get(
                        content_type__app_label=app_label, codename=codename
                    ),
                )
        return group


def stream_item(kind: str, value):
    """Turn the demo content's compact (kind, value) pairs into StreamField data."""
    if kind == "heading":
        return ("heading", {"text": value, "level": "h2"})
    if kind == "key_points":
        return ("key_points", {"title": "", "points": value})
    if kind == "reflection":
        return ("reflection", {"question": value, "hint": ""})
    if kind == "callout":
        return ("callout", {"kind": value["kind"], "title": "", "text": f"<p>{value['text']}</p>"})
    return (kind, value)
