"""The demo province (issue 14): a second district centre, Hàm Yên, beside Chiêm Hoá, each
with its own staff, lecturer, organisations, classes, learners and plan, and a user of the
province's propaganda board who compares them. Running it again changes nothing.

Hàm Yên's portal answers at http://hamyen.localhost:8000/ (browsers resolve *.localhost
to this machine); both centres share the demo's catalogue, the province's courses."""

from datetime import timedelta

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Site

from lms.models import (
    Centre,
    CentreMembership,
    ClassLecturer,
    Enrolment,
    LearnerProfile,
    Organisation,
    TrainingClass,
)
from lms.roles import LEARNERS

from .people import learners
from .training import LEARNER_COUNT, _class, _sessions

HAM_YEN = {
    "name": "Trung tâm Chính trị huyện Hàm Yên",
    "short_name": "TTCT Hàm Yên",
    "issuing_authority": "Huyện ủy Hàm Yên",
    "issuing_body": "Trung tâm Chính trị",
    "place_name": "Hàm Yên",
    "signer_name": "Lê Văn Thành",
    "signer_title": "Giám đốc",
    "address": "Thị trấn Tân Yên, huyện Hàm Yên, tỉnh Tuyên Quang",
    "name_order": "given",
}
HAM_YEN_ORGANISATIONS = [
    ("Đảng bộ xã Thái Sơn", ["Chi bộ thôn Làng Chẩu", "Chi bộ thôn Cầu Xi"]),
    ("Đảng bộ xã Yên Phú", ["Chi bộ thôn Yên Thịnh", "Chi bộ Trường THCS Yên Phú"]),
]
HAM_YEN_LEARNERS = 24
# Who works where: user name -> centre ("chiem-hoa" or "ham-yen").
MEMBERSHIPS = {
    "canbo": "chiem-hoa",
    "giangvien": "chiem-hoa",
    "canbo-hy": "ham-yen",
    "giangvien-hy": "ham-yen",
}
HAM_YEN_PLAN = {"nhan-thuc-ve-dang": (3, 200), "dang-vien-moi": (2, 120)}


def seed_province(course, out) -> None:
    chiem_hoa = Centre.objects.get(site__is_default_site=True)
    ham_yen = _centre(chiem_hoa.site)
    centres = {"chiem-hoa": chiem_hoa, "ham-yen": ham_yen}
    User = get_user_model()
    for username, key in MEMBERSHIPS.items():
        user = User.objects.filter(username=username).first()
        if user is not None:
            CentreMembership.objects.get_or_create(user=user, centre=centres[key])
    # Chiêm Hoá's organisations and learners are its own (seeded before centres had areas).
    Organisation.objects.filter(centre__isnull=True).update(centre=chiem_hoa)
    LearnerProfile.objects.filter(centre__isnull=True).update(centre=chiem_hoa)
    if apps.is_installed("lms.reports"):
        from lms.reports.models import PlanLine

        PlanLine.objects.filter(centre__isnull=True).update(centre=chiem_hoa)
    cells = _organisations(ham_yen)
    today = timezone.localdate()
    klass = _class(
        ham_yen,
        course,
        1,
        TrainingClass.Venue.CENTRE,
        "Hội trường Trung tâm Chính trị huyện Hàm Yên",
        TrainingClass.Status.IN_SESSION,
        today - timedelta(days=10),
    )
    lecturer = User.objects.filter(username="giangvien-hy").first()
    if lecturer is not None:
        ClassLecturer.objects.get_or_create(training_class=klass, user=lecturer)
    _plan(ham_yen, today.year)
    if klass.enrolments.exists():
        return
    _enrol(klass, cells)
    _sessions(klass, today - timedelta(days=10), "Hội trường Trung tâm", list(course.lessons()))
    out.write(f"  + {ham_yen}: {HAM_YEN_LEARNERS} learners in {klass}")


def _centre(default_site) -> Centre:
    centre = Centre.objects.filter(name=HAM_YEN["name"]).first()
    if centre is not None:
        return centre
    site, _ = Site.objects.get_or_create(
        hostname="hamyen.localhost",
        port=default_site.port,
        defaults={"root_page": default_site.root_page, "site_name": "Vun Trồng Hàm Yên"},
    )
    return Centre.objects.create(site=site, **HAM_YEN)


def _organisations(centre) -> list[Organisation]:
    cells = []
    for name, children in HAM_YEN_ORGANISATIONS:
        committee = Organisation.get_root_nodes().filter(name=name).first()
        if committee is None:
            committee = Organisation.add_root(name=name, kind="party_committee", centre=centre)
        for child in children:
            cell = committee.get_children().filter(name=child).first()
            cells.append(cell or committee.add_child(name=child, kind="party_cell", centre=centre))
    return cells


def _enrol(klass, cells) -> None:
    User = get_user_model()
    people = learners(LEARNER_COUNT + HAM_YEN_LEARNERS)[LEARNER_COUNT:]
    users = [User(username=p["username"]) for p in people]
    for user in users:
        user.set_unusable_password()
    User.objects.bulk_create(users)
    by_name = {u.username: u for u in User.objects.filter(username__in=[u.username for u in users])}
    Group.objects.get(name=LEARNERS).user_set.add(*by_name.values())
    profiles = LearnerProfile.objects.bulk_create(
        LearnerProfile(
            user=by_name[p["username"]],
            full_name=p["full_name"],
            gender=p["gender"],
            ethnicity=p["ethnicity"],
            category=p["category"],
            organisation=cells[n % len(cells)],
            centre=klass.centre,
        )
        for n, p in enumerate(people)
    )
    Enrolment.objects.bulk_create(
        Enrolment(training_class=klass, learner=profile) for profile in profiles
    )


def _plan(centre, year: int) -> None:
    """The centre's training plan, on a site with lms.reports."""
    if not apps.is_installed("lms.reports"):
        return
    from lessons.models import ProgramType
    from lms.reports.models import PlanLine

    for program in ProgramType.objects.filter(slug__in=HAM_YEN_PLAN):
        classes, learners_planned = HAM_YEN_PLAN[program.slug]
        PlanLine.objects.get_or_create(
            centre=centre,
            year=year,
            program=program,
            venue_kind="",
            defaults={"classes": classes, "learners": learners_planned},
        )
