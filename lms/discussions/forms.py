"""Forms of the discussion pages. Limits are checked here (clear messages, nothing
stored) and again by the domain functions in actions.py."""

from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from lms.models import LearnerProfile

from .models.threads import MAX_SOURCE_CHARS, MAX_TITLE_CHARS

# The form accepts a little more than the limit so the domain check can say how long
# the text is; anything far larger is refused by Django's own max_length.
FORMAT_HELP = _(
    "**bold**, *italics*, lines starting with “- ” or “1. ” for lists, “> ” for a quote, "
    "[text](https://...) for a link, @username to mention someone."
)


class PostForm(forms.Form):
    source = forms.CharField(
        label=_("Your message"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=FORMAT_HELP,
        strip=True,
        error_messages={
            "required": _("Write something before posting."),
            "max_length": _("Your post is too long: at most %(limit_value)s characters."),
        },
        max_length=MAX_SOURCE_CHARS,
    )
    reply_to = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ThreadForm(PostForm):
    title = forms.CharField(
        label=_("Title"),
        max_length=MAX_TITLE_CHARS,
        error_messages={"required": _("Give the thread a title.")},
    )
    field_order = ["title", "source"]


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        error_messages={"required": _("Give a reason.")},
    )


class MoveForm(forms.Form):
    target = forms.TypedChoiceField(label=_("Move to thread"), coerce=int)

    def __init__(self, *args, threads=(), **kwargs):
        super().__init__(*args, **kwargs)
        target = cast(forms.TypedChoiceField, self.fields["target"])  # declared above
        target.choices = [(thread.pk, thread.title) for thread in threads]


class NotificationSettingsForm(forms.ModelForm):
    class Meta:
        model = LearnerProfile
        fields = ["email_notifications"]
        labels = {"email_notifications": _("Also send my notifications by e-mail")}
        help_texts = {
            "email_notifications": _(
                "Replies, mentions, pinned questions and moderation notices always appear "
                "on your dashboard; untick to stop the e-mails."
            )
        }
