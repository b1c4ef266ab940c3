"""Admin forms: a question whose answer key is checked before anything is saved, the
regrade confirmation, and the grade a person gives an answer."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from ..grading import SCALE, cents
from ..models import AcceptedAnswer, Option, Question


def _kept_forms(formset):
    """The forms of an inline formset that will be saved: filled in and not deleted."""
    kept = []
    for form in formset.forms:
        if not form.is_valid():
            continue
        if formset.can_delete and formset._should_delete_form(form):
            continue
        if form.instance.pk is None and not form.has_changed():
            continue
        kept.append(form)
    return kept


class QuestionForm(WagtailAdminModelForm):
    """Refuses an answer key that cannot be graded (``Question.key_problems``): nothing
    is saved, the question and its options come back with the reasons."""

    def clean(self):
        cleaned = super().clean()
        options_formset = self.formsets.get("options")
        accepted_formset = self.formsets.get("accepted_answers")
        if options_formset is None or accepted_formset is None:
            return cleaned
        if not (options_formset.is_valid() and accepted_formset.is_valid()):
            return cleaned  # the inline forms show their own errors first
        options = [
            Option(is_correct=bool(form.cleaned_data.get("is_correct")))
            for form in _kept_forms(options_formset)
        ]
        accepted = [
            AcceptedAnswer(text=form.cleaned_data.get("text") or "")
            for form in _kept_forms(accepted_formset)
        ]
        kind = cleaned.get("kind") or self.instance.kind
        problems = Question(kind=kind).key_problems(options=options, accepted=accepted)
        if problems:
            raise ValidationError(
                [
                    ValidationError(
                        _("The answer key cannot be saved: %(problem)s"),
                        params={"problem": problem},
                    )
                    for problem in problems
                ]
            )
        return cleaned


class RegradeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Recorded with every grade the regrade changes. Left empty: "
            "“Graded again after the answer key changed.”"
        ),
    )


def parse_number(value) -> Decimal:
    """A number typed by a person: a comma works as the decimal mark."""
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError, TypeError):
        raise ValidationError(_("Enter a number, e.g. 7.5 or 7,5."), code="invalid") from None
    if not number.is_finite():
        raise ValidationError(_("Enter a number, e.g. 7.5 or 7,5."), code="invalid")
    return number


class GradeForm(forms.Form):
    """Points on the question's scale, or a grade on the 10-point scale converted to the
    question's points (points = grade x question's points / 10)."""

    POINTS = "points"
    TEN = "ten"

    grade = forms.CharField(label=_("Grade"), max_length=20)
    scale = forms.ChoiceField(label=_("Scale"), widget=forms.RadioSelect)
    feedback = forms.CharField(
        label=_("Comment for the learner"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    reason = forms.CharField(
        label=_("Reason for the change"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when you change a grade already given; it is recorded."),
    )

    def __init__(self, *args, max_points: Decimal, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_points = Decimal(max_points)
        self.fields["scale"].choices = [
            (self.POINTS, _("Points, from 0 to %(max)s") % {"max": self.max_points}),
            (self.TEN, _("On the 10-point scale, from 0 to 10")),
        ]
        self.fields["scale"].initial = self.POINTS

    def clean_grade(self):
        return parse_number(self.cleaned_data["grade"])

    def clean(self):
        cleaned = super().clean() or self.cleaned_data
        grade, scale = cleaned.get("grade"), cleaned.get("scale")
        if grade is None or scale is None:
            return cleaned
        if scale == self.TEN:
            if grade < 0 or grade > SCALE:
                self.add_error("grade", _("A grade on the 10-point scale is from 0 to 10."))
                return cleaned
            cleaned["points"] = cents(grade * self.max_points / SCALE)
        else:
            cleaned["points"] = grade
        return cleaned
