"""Dates the Vietnamese way in every admin form (issue 18): day before month, typed or
picked, shown as typed; ISO still accepted; sessions outside the class's study period
refused."""

from datetime import date, datetime

import pytest
from django import forms
from django.urls import get_resolver, reverse
from django.utils import timezone, translation
from wagtail.admin.viewsets import viewsets
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput
from wagtail.models import get_page_models

from lms.models import ClassSession, TrainingClass

from .personas import make_class

pytestmark = pytest.mark.django_db

DATE_FIELDS = (forms.DateField, forms.DateTimeField)


def admin_date_fields():
    """(form name, field name, field) for every date field of every admin form: the
    model viewsets (training, reports, certificates, snippets, users) and every page type."""
    get_resolver().url_patterns  # the admin's viewsets register with the URLs
    form_classes = {}
    for viewset in viewsets.viewsets:
        if isinstance(viewset, ModelViewSet):
            form_classes[type(viewset).__name__] = viewset.get_form_class(for_update=True)
    for model in get_page_models():
        form_classes[model.__name__] = model.get_edit_handler().get_form_class()
    found = []
    for form_name, form_class in form_classes.items():
        for name, field in form_class.base_fields.items():
            if isinstance(field, DATE_FIELDS):
                found.append((form_name, name, field))
    return found


def test_the_enumeration_finds_the_known_date_fields():
    names = {(form, field) for form, field, _ in admin_date_fields()}
    expected = {
        ("ClassViewSet", "study_opens"),
        ("ClassViewSet", "study_closes"),
        ("ClassSessionViewSet", "date"),
        ("LearnerViewSet", "date_of_birth"),
        ("QuizPage", "opens_at"),
        ("LessonPage", "go_live_at"),
    }
    assert expected <= names


@pytest.mark.parametrize("language", ["vi", "en"])
def test_every_admin_date_field_reads_day_before_month(language):
    fields = admin_date_fields()
    assert len(fields) >= 10
    with translation.override(language):
        for form_name, name, field in fields:
            where = f"{form_name}.{name}"
            widget = field.widget
            assert isinstance(widget, AdminDateInput | AdminDateTimeInput), where  # the picker
            if isinstance(field, forms.DateTimeField):
                typed = {
                    "11/01/2027 08:30": datetime(2027, 1, 11, 8, 30),
                    "22/01/2027 14:00": datetime(2027, 1, 22, 14, 0),
                    "2027-01-04 07:00": datetime(2027, 1, 4, 7, 0),
                }
                for text, expected in typed.items():
                    value = field.clean(widget.value_from_datadict({name: text}, {}, name))
                    assert timezone.localtime(value).replace(tzinfo=None) == expected, where
                shown = widget.format_value(
                    timezone.make_aware(datetime(2027, 1, 4, 7, 0))
                ) or widget.format_value(datetime(2027, 1, 4, 7, 0))
                assert shown.startswith("04/01/2027"), where
            else:
                typed = {
                    "11/01/2027": date(2027, 1, 11),
                    "22/01/2027": date(2027, 1, 22),
                    "2027-01-04": date(2027, 1, 4),
                }
                for text, expected in typed.items():
                    assert field.clean(widget.value_from_datadict({name: text}, {}, name)) == (
                        expected
                    ), where
                assert widget.format_value(date(2027, 1, 4)) == "04/01/2027", where
            if name not in ("go_live_at", "expire_at"):  # Wagtail's own, in the page's panel
                rendered = widget.render(name, None, {"id": "id_" + name})
                assert 'placeholder="' in rendered, where
            with pytest.raises(forms.ValidationError):
                field.clean("01/22/2027")  # month 22 does not exist: never read as mm/dd


def test_a_class_typed_with_vietnamese_dates_stores_them(client, world):
    client.force_login(world.staff)
    response = client.post(
        reverse("lms_classes:add"),
        {
            "centre": world.centre.pk,
            "course": world.course.pk,
            "year": 2027,
            "number": "",
            "venue_kind": "centre",
            "venue": "Hội trường",
            "study_opens": "11/01/2027",
            "study_closes": "22/01/2027",
            "status": "planned",
            "capacity": "",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    klass = TrainingClass.objects.get(year=2027)
    assert (klass.study_opens, klass.study_closes) == (date(2027, 1, 11), date(2027, 1, 22))
    page = client.get(reverse("lms_classes:edit", args=[klass.pk])).content.decode()
    assert 'value="11/01/2027"' in page and 'value="22/01/2027"' in page
    assert "ngày/tháng/năm" in page  # the hint


def test_a_session_outside_the_study_period_is_refused_in_vietnamese(client, world):
    client.force_login(world.staff)
    klass = make_class(world.centre, world.course)
    TrainingClass.objects.filter(pk=klass.pk).update(
        study_opens=date(2027, 1, 11), study_closes=date(2027, 1, 22)
    )
    data = {
        "training_class": klass.pk,
        "starts_at": "07:30",
        "ends_at": "11:00",
        "venue": "Hội trường",
        "kind": "lecture",
    }
    response = client.post(reverse("lms_sessions:add"), {**data, "date": "23/01/2027"})
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors["date"])
    assert "23/01/2027 nằm ngoài thời gian học" in errors
    assert "11/01/2027 – 22/01/2027" in errors
    assert not ClassSession.objects.filter(training_class=klass).exists()

    response = client.post(reverse("lms_sessions:add"), {**data, "date": "22/01/2027"})
    assert response.status_code == 302, response.context["form"].errors
    assert ClassSession.objects.get(training_class=klass).date == date(2027, 1, 22)

    # Narrowing the period past an existing session is refused too.
    response = client.post(
        reverse("lms_classes:edit", args=[klass.pk]),
        {
            "centre": world.centre.pk,
            "course": world.course.pk,
            "year": klass.year,
            "number": klass.number,
            "venue_kind": "centre",
            "venue": "",
            "study_opens": "11/01/2027",
            "study_closes": "20/01/2027",
            "status": "planned",
            "capacity": "",
        },
    )
    assert response.status_code == 200
    assert "22/01/2027" in str(response.context["form"].errors)
    klass.refresh_from_db()
    assert klass.study_closes == date(2027, 1, 22)


def test_every_admin_decimal_field_takes_a_decimal_comma():
    """Grades, pass marks and points are typed as they are shown: "8,5"."""
    from decimal import Decimal

    get_resolver().url_patterns
    form_classes = {
        type(viewset).__name__: viewset.get_form_class(for_update=True)
        for viewset in viewsets.viewsets
        if isinstance(viewset, ModelViewSet)
    }
    for model in get_page_models():
        form_classes[model.__name__] = model.get_edit_handler().get_form_class()
    found = []
    with translation.override("vi"):
        for form_name, form_class in form_classes.items():
            for name, field in form_class.base_fields.items():
                if isinstance(field, forms.DecimalField):
                    found.append(f"{form_name}.{name}")
                    assert field.clean("5,5") == Decimal("5.5"), found[-1]
                    assert field.widget.format_value(Decimal("8.50")).startswith("8,5")
    assert {"CompletionRuleViewSet.min_essay_grade", "QuizPage.pass_mark"} <= set(found)
