"""Forms of the training screens in the Wagtail admin. Every check that protects data
is here or in the model, not only in the browser."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from lessons.models import CoursePage, LessonPage
from lms.collation import name_ordering

from .. import access
from ..catalogue import courses_for
from ..enrolment import accounts
from ..models import (
    Centre,
    ClassLecturer,
    ClassSession,
    Enrolment,
    LearnerProfile,
    TrainingClass,
)
from ..roles import LEARNERS, LECTURERS, STAFF
from .organisations import OrganisationChoiceField, OrganisationForm, as_tree  # noqa: F401 (re-exported)
from .scoping import colleagues, default_centre, fill_centre, scope_field


def person_label(user) -> str:
    full_name = user.get_full_name()
    return f"{full_name} ({user.get_username()})" if full_name else user.get_username()


def as_people(field, queryset):
    field.queryset = queryset
    field.label_from_instance = person_label


def learner_label(profile) -> str:
    return " · ".join(part for part in (profile.full_name, profile.phone) if part)


def default_venue(training_class) -> str:
    if training_class.venue:
        return training_class.venue
    centre = training_class.centre
    return centre.address or centre.name


def lecturer_users():
    """Who may be named as a class's or session's lecturer: lecturers and centre staff."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=[LECTURERS, STAFF])
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


# --- Centres ------------------------------------------------------------------------------


class CentreForm(WagtailAdminModelForm):
    class Meta(WagtailAdminModelForm.Meta):
        model = Centre
        fields = [
            "site",
            "name",
            "short_name",
            "address",
            "name_order",
            "issuing_authority",
            "issuing_body",
            "header_lines",
            "place_name",
            "signer_title",
            "signer_name",
            "seal",
        ]
        widgets = {"header_lines": forms.Textarea(attrs={"rows": 2})}


# --- Learners -------------------------------------------------------------------------------


class LearnerProfileForm(WagtailAdminModelForm):
    """A learner's personal data. Adding a learner by hand also creates their log-in
    account, as the import does (``lms.enrolment.accounts``): in the learners' group,
    with a one-time password on a log-in slip, to be changed at the first log-in."""

    username = forms.RegexField(
        label=_("User name"),
        regex=r"^[\w.@+-]+\Z",
        max_length=150,
        required=False,
        help_text=_(
            "For logging in. Leave empty to use the phone number, or a generated code when "
            "there is no phone number or it is taken. A one-time password is printed on the "
            "class's log-in slips."
        ),
        error_messages={
            "invalid": _("Letters, digits and @/./+/-/_ only, without spaces."),
        },
    )

    class Meta(WagtailAdminModelForm.Meta):
        model = LearnerProfile
        fields = [
            "full_name",
            "date_of_birth",
            "gender",
            "ethnicity",
            "organisation",
            "centre",
            "category",
            "position",
            "phone",
            "username",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        as_tree(self.fields["organisation"])
        scope_field(self, "organisation")
        scope_field(self, "centre", "pk")
        default_centre(self)
        if self.instance.pk:
            # The account exists; it is managed with the user, not here.
            self.fields.pop("username", None)

    def clean(self):
        cleaned = super().clean()
        organisation = cleaned.get("organisation")
        fill_centre(self, cleaned, organisation.centre if organisation else None)
        return cleaned

    def clean_phone(self):
        phone = "".join(
            ch for ch in self.cleaned_data.get("phone", "") if ch.isdigit() or ch == "+"
        )
        if phone and not 8 <= len(phone.lstrip("+")) <= 15:
            raise ValidationError(gettext("Enter a phone number of 8 to 15 digits."))
        return phone

    def clean_username(self):
        username = self.cleaned_data.get("username", "")
        if username and get_user_model().objects.filter(username__iexact=username).exists():
            raise ValidationError(gettext("This user name is taken."))
        return username

    def save(self, commit=True):
        profile = super().save(commit=False)
        if not commit:
            return profile
        with transaction.atomic():
            if profile.user_id is None:
                profile.user = self._new_account(profile)
                profile.save()
                # Same as an imported learner: a one-time password on a printable slip.
                accounts.reset_password(profile.user, by=self.for_user)
            else:
                profile.save()
        return profile

    def _new_account(self, profile):
        wanted = self.cleaned_data.get("username") or profile.phone or None
        [username] = accounts.assign_usernames([wanted])
        family, _sep, given = profile.full_name.strip().rpartition(" ")
        user = get_user_model().objects.create(
            username=username,
            first_name=family[:150],
            last_name=given[:150],
            password=accounts.unusable_password(),
        )
        group = Group.objects.filter(name=LEARNERS).first()
        if group is not None:
            user.groups.add(group)
        return user


# --- Classes ----------------------------------------------------------------------------------


class TrainingClassForm(WagtailAdminModelForm):
    """A class. Its number in the year is suggested (the next free one for the centre,
    course and year) and its title is generated from the course, number and year."""

    class Meta(WagtailAdminModelForm.Meta):
        model = TrainingClass
        fields = [
            "centre",
            "course",
            "year",
            "number",
            "venue_kind",
            "venue",
            "study_opens",
            "study_closes",
            "status",
            "capacity",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "course" in self.fields:
            # The province's shared courses and the user's centres' own (lms.catalogue).
            user = getattr(self, "for_user", None)
            courses = (
                courses_for(access.centre_ids(user)) if user is not None else CoursePage.objects
            )
            self.fields["course"].queryset = courses.order_by("title")
        if "number" in self.fields:
            number = self.fields["number"]
            number.required = False
            number.help_text = _(
                "Numbered per centre, course and year (“class no. 3/2026”). The next free "
                "number is suggested; leave it empty to take the next free one when you save."
            )
            number.widget.attrs.setdefault("placeholder", gettext("Automatic"))
        scope_field(self, "centre", "pk")
        if self.instance.pk:
            return
        default_centre(self)
        self.initial.setdefault("year", timezone.localdate().year)
        if "number" in self.fields and not self.initial.get("number"):
            centre, course, year = (self.initial.get(name) for name in ("centre", "course", "year"))
            known = (
                str(centre).isdigit()
                and str(course).isdigit()
                and str(year).isdigit()
                and Centre.objects.filter(pk=centre).exists()
                and CoursePage.objects.filter(pk=course).exists()
            )
            if known:
                self.initial["number"] = TrainingClass.next_number(centre, course, year)

    def clean(self):
        cleaned = super().clean()
        opens, closes = cleaned.get("study_opens"), cleaned.get("study_closes")
        if opens and closes and closes < opens:
            self.add_error("study_closes", gettext("Remote study cannot close before it opens."))
        if "number" in self.fields:
            self._clean_number(cleaned)
        return cleaned

    def _clean_number(self, cleaned):
        centre = cleaned.get("centre", self.instance.centre_id and self.instance.centre)
        course = cleaned.get("course")
        year = cleaned.get("year")
        if not (centre and course and year):
            return
        if not cleaned.get("number"):
            cleaned["number"] = TrainingClass.next_number(centre, course, year)
        elif (
            TrainingClass.objects.filter(
                centre=centre, course=course, year=year, number=cleaned["number"]
            )
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            self.add_error(
                "number",
                gettext(
                    "Class no. %(number)s/%(year)s of this course already exists; the next "
                    "free number is %(next)s."
                )
                % {
                    "number": cleaned["number"],
                    "year": year,
                    "next": TrainingClass.next_number(centre, course, year),
                },
            )


class ClassSessionForm(WagtailAdminModelForm):
    """An in-person session. The class is one the user may manage; the topic is a lesson
    of the class's course; the lecturer is one of the lecturers."""

    class Meta(WagtailAdminModelForm.Meta):
        model = ClassSession
        fields = [
            "training_class",
            "date",
            "starts_at",
            "ends_at",
            "venue",
            "kind",
            "topic",
            "lecturer",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        classes = TrainingClass.objects.order_by("-year", "title")
        if user is not None and not access.is_staff_member(user):
            classes = classes.filter(lecturer_links__user=user)
        elif user is not None:
            classes = access.scope(classes, user)
        self.fields["training_class"].queryset = classes
        as_people(self.fields["lecturer"], colleagues(lecturer_users(), user))
        training_class = self._initial_class(classes)
        self._topic_choices(training_class)
        if training_class is not None and not self.instance.pk:
            self.initial.setdefault("venue", default_venue(training_class))

    def _initial_class(self, classes):
        if self.instance.training_class_id:
            return self.instance.training_class
        wanted = self.initial.get("training_class")
        if wanted and str(wanted).isdigit():
            return classes.filter(pk=wanted).select_related("centre").first()
        return None

    def _topic_choices(self, training_class):
        """Lessons grouped by course; only the class's course once the class is known."""
        field = self.fields["topic"]
        field.help_text = _("A lesson of the class's course.")
        courses = CoursePage.objects.order_by("title")
        if training_class is not None:
            courses = courses.filter(pk=training_class.course_id)
        titles = dict(courses.values_list("path", "title"))
        lessons = LessonPage.objects.order_by("path")
        if training_class is not None:
            lessons = lessons.filter(path__startswith=next(iter(titles), "-"))
        grouped: dict[str, list] = {path: [] for path in titles}
        for path, pk, title in lessons.values_list("path", "pk", "title"):
            parent = path[: -LessonPage.steplen]
            if parent in grouped:
                grouped[parent].append((pk, title))
        field.choices = [("", field.empty_label)] + [
            (titles[path], choices) for path, choices in grouped.items() if choices
        ]

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", gettext("The session must end after it starts."))
        training_class, topic = cleaned.get("training_class"), cleaned.get("topic")
        if training_class and topic and not topic.path.startswith(training_class.course.path):
            self.add_error(
                "topic",
                gettext("“%(lesson)s” is not a lesson of the course “%(course)s”.")
                % {"lesson": topic.title, "course": training_class.course.title},
            )
        return cleaned


class ClassLecturerForm(WagtailAdminModelForm):
    class Meta(WagtailAdminModelForm.Meta):
        model = ClassLecturer
        fields = ["training_class", "user", "kind"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["training_class"].queryset = TrainingClass.objects.order_by("-year", "title")
        scope_field(self, "training_class")
        as_people(self.fields["user"], colleagues(lecturer_users(), self.for_user))
        self.fields["user"].help_text = gettext(
            "Users in the groups “%(lecturers)s” and “%(staff)s”."
        ) % {"lecturers": LECTURERS, "staff": STAFF}

    def clean(self):
        cleaned = super().clean()
        training_class, user = cleaned.get("training_class"), cleaned.get("user")
        if (
            training_class
            and user
            and ClassLecturer.objects.filter(training_class=training_class, user=user)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            self.add_error(
                "user",
                gettext("%(name)s already lectures %(class)s.")
                % {"name": person_label(user), "class": training_class},
            )
        return cleaned


class EnrolmentForm(WagtailAdminModelForm):
    class Meta(WagtailAdminModelForm.Meta):
        model = Enrolment
        fields = ["training_class", "learner", "status"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["training_class"].queryset = TrainingClass.objects.exclude(
            status=TrainingClass.Status.CANCELLED
        ).order_by("-year", "title")
        learner = self.fields["learner"]
        learner.queryset = LearnerProfile.objects.order_by(
            *name_ordering("full_name", "pk", centre_path="centre")
        )
        learner.label_from_instance = learner_label
        scope_field(self, "training_class")
        scope_field(self, "learner", "learner")

    def clean(self):
        cleaned = super().clean()
        training_class, learner = cleaned.get("training_class"), cleaned.get("learner")
        if not (training_class and learner):
            return cleaned
        if (
            Enrolment.objects.filter(training_class=training_class, learner=learner)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            self.add_error(
                "learner",
                gettext("%(learner)s is already enrolled in %(class)s.")
                % {"learner": learner.full_name, "class": training_class},
            )
        elif (
            not self.instance.pk
            and training_class.capacity
            and training_class.enrolments.filter(status=Enrolment.Status.ACTIVE).count()
            >= training_class.capacity
        ):
            self.add_error(
                "training_class",
                gettext("%(class)s is full (%(capacity)s learners).")
                % {"class": training_class, "capacity": training_class.capacity},
            )
        return cleaned
