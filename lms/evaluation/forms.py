from django import forms
from django.utils.translation import gettext_lazy as _

from .models import SCORE_MAX, SCORE_MIN

SCALE = [
    (1, _("1 – Poor")),
    (2, _("2 – Fair")),
    (3, _("3 – Average")),
    (4, _("4 – Good")),
    (5, _("5 – Excellent")),
]


class AnswerForm(forms.Form):
    """One radio group per question of the survey (1 to 5), then a free comment. Works
    without JavaScript; the domain function checks everything again."""

    def __init__(self, *args, questions, comments_prompt, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[f"q{question.pk}"] = forms.TypedChoiceField(
                label=question.label,
                help_text=question.help_text,
                choices=SCALE,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Choose a score from %(min)s to %(max)s.")
                    % {"min": SCORE_MIN, "max": SCORE_MAX},
                    "invalid_choice": _("Choose a score from %(min)s to %(max)s.")
                    % {"min": SCORE_MIN, "max": SCORE_MAX},
                },
            )
        self.fields["comment"] = forms.CharField(
            label=comments_prompt,
            required=False,
            max_length=4000,
            widget=forms.Textarea(attrs={"rows": 4}),
        )

    def scores(self) -> dict[int, int]:
        return {q.pk: self.cleaned_data[f"q{q.pk}"] for q in self.questions}

    def score_fields(self):
        return [self[f"q{q.pk}"] for q in self.questions]
