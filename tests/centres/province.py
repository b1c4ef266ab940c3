"""A small province for the centre-scope tests: the lms World is centre A (its staff,
lecturers, learners, classes and organisations), and centre B beside it with one of
everything a screen can show. B's objects carry names found nowhere in A (``markers``),
so a page that shows one of them has leaked."""

from datetime import time, timedelta
from decimal import Decimal

from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Site

from lms.certificates import issuing
from lms.certificates.models import CertificateSettings, CompletionRule, PaperworkSettings
from lms.discussions import actions
from lms.evaluation.models import Observation, Survey, SurveyTemplate
from lms.models import (
    Centre,
    CentreMembership,
    ClassLecturer,
    ClassSession,
    Enrolment,
    LearnerProfile,
    Organisation,
)
from lms.roles import LECTURERS, PROVINCE, STAFF
from quizzes import attempts
from quizzes.models import Answer

from ..lms.personas import World, make_class, make_learner, make_user
from ..quizzes import builders


class Province(World):
    def __init__(self):
        super().__init__()
        a = self.centre
        Organisation.objects.update(centre=a)
        LearnerProfile.objects.update(centre=a)
        for user in (self.staff, self.lecturer, self.other_lecturer):
            CentreMembership.objects.create(user=user, centre=a)
        self.province = make_user("bantuyengiao", PROVINCE, is_staff=True)
        self.superuser = make_user("quantri", is_staff=True, is_superuser=True)
        self._build_content()
        self._build_b()

    def _build_content(self):
        bank = builders.category(self.course)
        self.question = builders.single(bank)
        self.essay_question = builders.essay(bank)
        self.quiz = builders.quiz(self.course, questions=[self.question])
        self.essay = builders.quiz(self.course, questions=[self.essay_question])

    def _build_b(self):
        home = Site.objects.get(is_default_site=True).root_page
        site = Site.objects.create(hostname="hamyen.example", root_page=home)
        b = self.centre_b = Centre.objects.create(
            site=site,
            name="Trung tâm Chính trị huyện Hàm Yên",
            issuing_authority="Huyện uỷ Hàm Yên",
        )
        self.org_b = Organisation.add_root(
            name="Đảng bộ xã Thái Sơn", kind="party_committee", centre=b
        )
        self.cell_b = self.org_b.add_child(name="Chi bộ thôn Xuân Mai", kind="party_cell")
        self.staff_b = make_user(
            "canbohamyen", STAFF, is_staff=True, first_name="Lục", last_name="Văn Khải"
        )
        self.lecturer_b = make_user(
            "giangvienhamyen", LECTURERS, is_staff=True, first_name="Quách", last_name="Văn Tuệ"
        )
        self.membership_b = CentreMembership.objects.create(user=self.staff_b, centre=b)
        CentreMembership.objects.create(user=self.lecturer_b, centre=b)
        self.class_b = make_class(b, self.course, number=47)
        self.class_b.venue = "Nhà văn hoá Thái Sơn"
        self.class_b.save()
        self.link_b = ClassLecturer.objects.create(
            training_class=self.class_b, user=self.lecturer_b
        )
        self.learner_b = make_learner("hocvienhamyen", self.cell_b, "Hoàng Thị Xuyến")
        self.learner_b.centre = b
        self.learner_b.save()
        self.enrolment_b = Enrolment.objects.create(
            training_class=self.class_b, learner=self.learner_b
        )
        self.session_b = ClassSession.objects.create(
            training_class=self.class_b,
            date=timezone.localdate() - timedelta(days=1),
            starts_at=time(7, 30),
            ends_at=time(11, 0),
            venue="Nhà văn hoá Thái Sơn",
            lecturer=self.lecturer_b,
        )
        self.survey_b = Survey.open_for(self.class_b, SurveyTemplate.default())
        self.observation_b = Observation.objects.create(
            observer=self.staff_b,
            observed=self.lecturer_b,
            session=self.session_b,
            date=self.session_b.date,
            strengths="Giảng bài sinh động ở Thái Sơn",
            **{f"{name}_score": 4 for name in ("content", "method", "practice", "time", "manner")},
        )
        self._build_b_records()

    def _build_b_records(self):
        b, user = self.centre_b, self.learner_b.user
        self.thread_b = actions.start_thread(
            user, self.class_b, title="Hỏi về Điều lệ ở Thái Sơn", source="Nội dung Xuân Mai."
        )
        self.post_b = self.thread_b.posts.get()
        other = make_learner("hocvienhamyen2", self.cell_b, "Đinh Thị Yến Xuân Mai")
        Enrolment.objects.create(training_class=self.class_b, learner=other)
        reply = actions.reply(other.user, self.thread_b, source="Trả lời từ Thái Sơn.")
        self.report_b = actions.report_post(other.user, self.post_b, reason="Sai ở Thái Sơn")
        self.moderation_b = actions.hide_post(self.lecturer_b, reply, reason="Lạc đề Thái Sơn")
        context = f"class:{self.class_b.pk}"
        self.attempt_b = attempts.start_attempt(self.essay, user, context)
        attempts.save_answer(self.attempt_b, self.essay_question.pk, text="Bài viết Xuân Mai.")
        attempts.submit(self.attempt_b)
        self.answer_b = Answer.objects.get(attempt_question__attempt=self.attempt_b)
        self.rule_b = CompletionRule.objects.create(
            course=self.course, training_class=self.class_b, min_lessons_percent=0
        )
        self.record_b, _created = issuing.issue(
            self.enrolment_b, by=self.staff_b, override_reason="Đã học đủ ở Thái Sơn"
        )
        self.settings_b = CertificateSettings.objects.create(centre=b, signer_name="Lục Văn Khải")
        self.paperwork_b = PaperworkSettings.objects.create(centre=b, decision_maker="GĐ Hàm Yên")
        from lessons.models import ProgramType
        from lms.reports.models import PlanLine

        self.plan_b = PlanLine.objects.create(
            centre=b,
            year=self.class_b.year,
            program=ProgramType.objects.order_by("pk").first()
            or ProgramType.objects.create(name="Chương trình"),
            classes=3,
            learners=90,
            note="Kế hoạch Thái Sơn",
        )

    @property
    def markers(self) -> list[str]:
        """Names that only B's objects carry (HTML-escaped forms are checked too)."""
        return [
            "Hàm Yên",
            "Thái Sơn",
            "Xuân Mai",
            "Hoàng Thị Xuyến",
            "Quách Văn Tuệ",
            "Lục Văn Khải",
            "hocvienhamyen",
            "giangvienhamyen",
            "canbohamyen",
            self.class_b.title,
        ]

    @property
    def people(self):
        return {
            "staff": self.staff,
            "lecturer": self.lecturer,
            "learner": self.learner.user,
            "province": self.province,
            "superuser": self.superuser,
        }


__all__ = ["Decimal", "Group", "Province"]
